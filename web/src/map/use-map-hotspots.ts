import { useHealth } from '../api/get-health';
import { useHotspots } from '../api/get-hotspots';
import { usePeriodWindow } from '../state/use-period-window';
import { MAP_HOTSPOT_RES } from './palette';

/** The main map's hotspots for the chosen period: one query shared by the layer and its legend. */
export function useMapHotspots(enabled = true) {
  const span = usePeriodWindow();
  const dataVersion = useHealth().data?.dataVersion;
  return useHotspots(enabled && span ? { from: span.from, to: span.to, res: MAP_HOTSPOT_RES } : null, dataVersion);
}
