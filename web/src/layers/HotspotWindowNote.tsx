import { useHealth } from '../api/get-health';
import { useHotspots } from '../api/get-hotspots';
import { StateMessage } from '../components/StateMessage';
import { useI18n } from '../i18n/use-i18n';
import { MAP_HOTSPOT_RES } from '../map/palette';
import { periodWindow } from '../state/period';
import { useViewState } from '../state/view-store';

/** Which dates the hotspots on the map cover and how many cases went in; loading and errors too. */
export function HotspotWindowNote() {
  const { t, fmt } = useI18n();
  const health = useHealth().data;
  const { period } = useViewState();
  const w = health?.asOf ? periodWindow(period, health.asOf) : null;
  const hotspots = useHotspots(w && { from: w.from, to: w.to, res: MAP_HOTSPOT_RES }, health?.dataVersion);
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
