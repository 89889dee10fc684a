import { useHealth } from '../../api/get-health';
import { useSections } from '../../api/get-sections';
import { useI18n } from '../../i18n/use-i18n';
import { usePeriodAsOf } from '../../state/use-period-window';
import { normaliseClass } from '../palette';

export function SectionTip({ id }: { id: number }) {
  const { t, place, waterClass } = useI18n();
  const sections = useSections(useHealth().data?.dataVersion, usePeriodAsOf());
  const s = sections.data?.features.find((f) => f.properties.id === id)?.properties;
  if (!s) return null;
  const latest = normaliseClass(s.latest?.class);
  const target = normaliseClass(s.targetClass);
  return (
    <>
      <div className="tip-title">{place(s.name)}</div>
      <div className="tip-sub">
        {t('section.latest')} {latest ? waterClass(latest, true) : '—'} · {t('section.target')}{' '}
        {target ? waterClass(target, true) : s.targetClass}
        {s.meetsTarget !== null ? ` · ${s.meetsTarget ? t('section.meets') : t('section.fails')}` : ''}
      </div>
    </>
  );
}
