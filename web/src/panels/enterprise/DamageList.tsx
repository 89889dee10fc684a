import type { EnterpriseDetail } from '../../api/get-enterprise';
import { useI18n } from '../../i18n/use-i18n';
import { evidenceId } from './evidence';

type Damage = NonNullable<EnterpriseDetail['damageCompensations']>[number];

/**
 * Each damage compensation (生态环境损害赔偿): the case it settles, amount, method (money, labour
 * in lieu, restoration), the day agreed, what was paid and when, and whether it was still owed on
 * the code's assessment day — an unpaid one is what holds the code at red. Staff only.
 */
export function DamageList({ items }: { items: Damage[] }) {
  const { t, te, fmt } = useI18n();
  if (items.length === 0) return <p className="muted">{t('damage.none')}</p>;
  return (
    <ul className="record-list" data-testid="damage-list">
      {items.map((d) => (
        <li
          key={d.id}
          id={evidenceId('damage', d.id)}
          tabIndex={-1}
          className={d.state === 'unpaid' ? 'is-major' : undefined}
        >
          <div className="record-head">
            <span className="record-title">
              {t('damage.amount', { amount: fmt.money(d.amount) })}
              <span className="muted"> · {te('damageMethod', d.method)}</span>
            </span>
            <span className={`state-chip state-chip--${d.state === 'paid' ? 'rectified' : 'overdue'}`}>
              {t(`damage.${d.state}`)}
            </span>
          </div>
          <div className="record-meta">
            <span lang="zh">{t('damage.case', { caseNo: d.caseNo })}</span>
            <span>{t('damage.agreed', { date: d.agreed })}</span>
            <span>
              {d.paidDate
                ? t(d.state === 'paid' ? 'damage.paidOn' : 'damage.paidLater', {
                    amount: fmt.money(d.paidAmount),
                    date: d.paidDate,
                  })
                : t('damage.notPaid')}
            </span>
          </div>
        </li>
      ))}
    </ul>
  );
}
