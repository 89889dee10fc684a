import type { EnterpriseDetail } from '../../api/get-enterprise';
import { useI18n } from '../../i18n/use-i18n';
import { evidenceId } from './evidence';

export function CaseList({ cases }: { cases: EnterpriseDetail['cases'] }) {
  const { t, te, fmt } = useI18n();
  if (cases.length === 0) return <p className="muted">{t('ent.noCases')}</p>;
  return (
    <ul className="record-list">
      {cases.map((c) => (
        <li
          key={c.caseNo}
          id={c.id === undefined ? undefined : evidenceId('case', c.id)}
          tabIndex={-1}
          className={c.severity === 'major' ? 'is-major' : undefined}
        >
          <div className="record-head">
            <span className="record-title" lang="zh">
              {c.caseNo}
            </span>
            <time>{c.filed}</time>
          </div>
          <div className="record-meta">
            {c.severity && <span className={`tag tag--${c.severity}`}>{te('severity', c.severity)}</span>}
            <span className="tag">{te('medium', c.medium)}</span>
            <span>{t('ent.penalty', { amount: fmt.money(c.penalty) })}</span>
            <span>{te('caseStatus', c.status)}</span>
          </div>
        </li>
      ))}
    </ul>
  );
}
