import type { EnterpriseDetail } from '../../api/get-enterprise';
import { useI18n } from '../../i18n/use-i18n';
import { evidenceId } from './evidence';

export function InsuranceList({ policies }: { policies: EnterpriseDetail['insurance'] }) {
  const { t, te, fmt } = useI18n();
  if (policies.length === 0) return <p className="muted">{t('ent.noInsurance')}</p>;
  return (
    <ul className="record-list">
      {policies.map((p, n) => (
        <li key={p.id ?? n} id={p.id === undefined ? undefined : evidenceId('policy', p.id)} tabIndex={-1}>
          <div className="record-head">
            <span className="record-title" lang="zh">
              {p.insurer}
            </span>
            <span className="muted">
              {p.start} – {p.end}
            </span>
          </div>
          <div className="record-meta">
            <span>
              {p.stewardOrg ? (
                <>
                  {t('ent.steward', { org: '' })}
                  <span lang="zh">{p.stewardOrg}</span>
                </>
              ) : (
                t('ent.noSteward')
              )}
            </span>
            <span>{t('ent.subsidy', { pct: fmt.pct(p.subsidyRate) })}</span>
            {/* Amounts reach signed-in staff only (the public answer has none). */}
            {p.premium !== undefined && (
              <span data-testid="premium">{t('insurance.premium', { amount: fmt.money(p.premium) })}</span>
            )}
            {p.subsidyAmount !== undefined && p.subsidyAmount > 0 && (
              <span>
                {t('insurance.subsidyAmount', { amount: fmt.money(p.subsidyAmount) })}
                {p.subsidyPayer && (
                  <>
                    {' · '}
                    {t('insurance.subsidyPayer')}
                    <span lang="zh">{p.subsidyPayer}</span>
                  </>
                )}
              </span>
            )}
            <span className={`tag tag--risk-${p.riskLevel}`}>{te('risk', p.riskLevel)}</span>
          </div>
        </li>
      ))}
    </ul>
  );
}
