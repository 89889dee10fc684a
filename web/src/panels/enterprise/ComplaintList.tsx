import type { EnterpriseDetail } from '../../api/get-enterprise';
import { useI18n } from '../../i18n/use-i18n';

export function ComplaintList({ complaints }: { complaints: EnterpriseDetail['complaints'] }) {
  const { t } = useI18n();
  if (complaints.length === 0) return <p className="muted">{t('ent.noComplaints')}</p>;
  return (
    <ul className="record-list">
      {complaints.map((c) => (
        <li key={c.id}>
          <div className="record-head">
            <span className="record-title">{c.summary}</span>
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
