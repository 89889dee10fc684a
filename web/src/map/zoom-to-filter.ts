/**
 * "Zoom to what is filtered": choosing a county, town or park, or a park in the ranking, asks
 * the map to fit the enterprises that now match. The choice asks explicitly (requestFilterZoom)
 * rather than the map watching the filters, so a shared link or Back keeps the camera it carries.
 * The map answers once the filter for the new choice is computed.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { type FilterColumns, type GpuFilter, matchingBounds } from './enterprise-filter';
import { mapController } from './map-controller';

let requests = 0;
const listeners = new Set<() => void>();

export function requestFilterZoom(): void {
  requests++;
  for (const l of listeners) l();
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/** Close enough to tell the symbols apart, not so close that one enterprise fills the screen. */
const MAX_ZOOM = 14;

export function useZoomToFilter(map: MapLibreMap | null, columns: FilterColumns | null, filter: GpuFilter | null) {
  const asked = useSyncExternalStore(subscribe, () => requests);
  const answered = useRef(requests);
  useEffect(() => {
    if (!map || !columns || !filter || answered.current === asked) return;
    answered.current = asked;
    const bounds = matchingBounds(columns, filter);
    if (bounds) mapController.fitBounds(bounds, true, MAX_ZOOM);
  }, [map, columns, filter, asked]);
}
