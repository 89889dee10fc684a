import type { EnterpriseDetail } from '../../api/get-enterprise';
import { useI18n } from '../../i18n/use-i18n';

export function InspectionList({ inspections }: { inspections: EnterpriseDetail['inspections'] }) {
  const { t, te } = useI18n();
  if (inspections.length === 0) return <p className="muted">{t('ent.noInspections')}</p>;
  return (
    <ul className="record-list record-list--compact">
      {inspections.map((i, n) => (
        <li key={i.id ?? n}>
          <time>{i.date}</time>
          <span>{te('inspection', i.type)}</span>
          <span className={i.result === 'issues_found' ? 'warn' : 'ok'}>{te('inspection', i.result)}</span>
        </li>
      ))}
    </ul>
  );
}
