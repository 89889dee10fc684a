import type { EnterpriseDetail } from '../../api/get-enterprise';
import { useI18n } from '../../i18n/use-i18n';
import { evidenceId } from './evidence';

/** Complaints with their summaries for staff; the public gets the counts only. */
export function ComplaintList({
  complaints,
  counts,
}: {
  complaints: EnterpriseDetail['complaints'];
  counts: EnterpriseDetail['counts']['complaints'];
}) {
  const { t } = useI18n();
  if (counts.total === 0) return <p className="muted">{t('ent.noComplaints')}</p>;
  if (!complaints)
    return (
      <>
        <p className="summary-line">{t('ent.complaintsSummary', { total: counts.total, verified: counts.verified })}</p>
        <p className="muted">{t('ent.recordsStaffOnly')}</p>
      </>
    );
  return (
    <ul className="record-list">
      {complaints.map((c) => (
        <li key={c.id} id={evidenceId('complaint', c.id)} tabIndex={-1}>
          <div className="record-head">
            <span className="record-title" lang="zh">
              {c.summary}
            </span>
            <time>{c.received}</time>
          </div>
          <div className="record-meta">
            <span className="tag">{c.channel}</span>
            <span className={c.verified ? 'tag tag--major' : 'tag'}>
              {c.verified ? t('ent.verified') : t('ent.unverified')}
            </span>
          </div>
        </li>
      ))}
    </ul>
  );
}
