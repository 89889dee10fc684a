import type { EnterpriseDetail } from '../../api/get-enterprise';
import { useI18n } from '../../i18n/use-i18n';
import { evidenceId } from './evidence';

/**
 * Findings with their rectification state; overdue ones first because they cost points. The
 * public gets the counts only (their texts are not public).
 */
export function FindingList({
  findings,
  counts,
}: {
  findings: EnterpriseDetail['findings'];
  counts: EnterpriseDetail['counts']['findings'];
}) {
  const { t, te } = useI18n();
  if (counts.total === 0) return <p className="muted">{t('ent.noFindings')}</p>;
  const summary = (
    <p className="summary-line">
      {t('ent.findingsSummary', { rectified: counts.rectified, overdue: counts.overdue, open: counts.open })}
    </p>
  );
  if (!findings)
    return (
      <>
        {summary}
        <p className="muted">{t('ent.recordsStaffOnly')}</p>
      </>
    );
  const rank = { overdue: 0, open: 1, rectified: 2 } as const;
  const sorted = [...findings].sort((a, b) => rank[a.state] - rank[b.state] || (a.found < b.found ? 1 : -1));
  return (
    <>
      {summary}
      <ul className="record-list">
        {sorted.map((f) => (
          <li key={f.id} id={evidenceId('finding', f.id)} tabIndex={-1}>
            <div className="record-head">
              <span className={`state-chip state-chip--${f.state}`}>{t(`finding.${f.state}`)}</span>
              <span className="record-title" lang="zh">
                {f.description}
              </span>
            </div>
            <div className="record-meta">
              <span>{te('findingSource', f.source)}</span>
              <time>{f.found}</time>
              <span>
                {f.state === 'rectified' && f.rectified
                  ? t('ent.rectifiedOn', { date: f.rectified })
                  : t('ent.deadline', { date: f.deadline })}
              </span>
              {/* Rectified after the code's assessment date: it still counted as not rectified. */}
              {f.state !== 'rectified' && f.rectified && <span>{t('ent.rectifiedLater', { date: f.rectified })}</span>}
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
