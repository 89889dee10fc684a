import { useI18n } from '../../i18n/use-i18n';

export function HotspotTip({ bin, count, z }: { bin: string; count: number; z: number }) {
  const { t, fmt } = useI18n();
  return (
    <>
      <div className="tip-title">{t(`legend.${bin}` as 'legend.hot99')}</div>
      <div className="tip-sub">{t('hotspot.tip', { count: fmt.int(count), z: z.toFixed(2) })}</div>
    </>
  );
}
