import { useHealth } from '../../api/get-health';
import { useSections } from '../../api/get-sections';
import { useI18n } from '../../i18n/use-i18n';
import { normaliseClass, WATER_CLASS_LABELS } from '../palette';

export function SectionTip({ id }: { id: number }) {
  const { t } = useI18n();
  const sections = useSections(useHealth().data?.dataVersion);
  const s = sections.data?.features.find((f) => f.properties.id === id)?.properties;
  if (!s) return null;
  const latest = normaliseClass(s.latest?.class);
  const target = normaliseClass(s.targetClass);
  return (
    <>
      <div className="tip-title">{s.name}</div>
      <div className="tip-sub">
        {t('section.latest')} {latest ? WATER_CLASS_LABELS[latest] : '—'} · {t('section.target')}{' '}
        {target ? WATER_CLASS_LABELS[target] : s.targetClass}
        {s.meetsTarget !== null ? ` · ${s.meetsTarget ? t('section.meets') : t('section.fails')}` : ''}
      </div>
    </>
  );
}
