import { StateMessage } from '../components/StateMessage';
import { useI18n } from '../i18n/use-i18n';
import { useMapHotspots } from '../map/use-map-hotspots';
import { usePeriodWindow } from '../state/use-period-window';

/** Which dates the hotspots on the map cover and how many cases went in; loading and errors too. */
export function HotspotWindowNote() {
  const { t, fmt } = useI18n();
  const w = usePeriodWindow();
  const hotspots = useMapHotspots();
  if (!w || hotspots.isPending) return <StateMessage kind="loading" />;
  if (hotspots.isError)
    return <StateMessage kind="error" error={hotspots.error} onRetry={() => void hotspots.refetch()} />;
  const cases = hotspots.data.cells.reduce((n, c) => n + c.count, 0);
  return (
    <p className="legend-note" data-testid="hotspot-window">
      {t('legend.hotspotWindow', { from: w.from, to: w.to, cases: fmt.int(cases) })}
    </p>
  );
}
