import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  aggregateDensity,
  DENSITY_THRESHOLD,
  type DensityCells,
  densityCovers,
  type Extent,
  paddedExtent,
} from './enterprise-density';
import { type FilterColumns, type GpuFilter, matchesFilter } from './enterprise-filter';

export type MapViewExtent = { zoom: number; extent: Extent };

/** The map's zoom and visible bounds, as aggregation wants them. */
export function viewOf(map: MapLibreMap): MapViewExtent {
  const b = map.getBounds();
  return {
    zoom: map.getZoom(),
    extent: { west: b.getWest(), south: b.getSouth(), east: b.getEast(), north: b.getNorth() },
  };
}

/**
 * Density cells for a layer above DENSITY_THRESHOLD (null below it: every symbol is drawn).
 * Re-aggregates when the filter changes, the zoom level changes or the view leaves the padded
 * area aggregated last — not during a drag, so panning only redraws the cells already built.
 */
export function useEnterpriseDensity(
  map: MapLibreMap | null,
  columns: FilterColumns | null,
  filter: GpuFilter | null,
): DensityCells | null {
  const [view, setView] = useState<MapViewExtent | null>(null);
  useEffect(() => {
    if (!map) return;
    const read = () => setView(viewOf(map));
    read();
    map.on('moveend', read);
    return () => {
      map.off('moveend', read);
    };
  }, [map]);

  const last = useRef<{ columns: FilterColumns; filter: GpuFilter; cells: DensityCells } | null>(null);
  return useMemo(() => {
    if (!columns || !filter || !view || columns.n <= DENSITY_THRESHOLD) return null;
    const prev = last.current;
    if (
      prev &&
      prev.columns === columns &&
      prev.filter === filter &&
      densityCovers(prev.cells, view.zoom, view.extent)
    ) {
      return prev.cells;
    }
    const matches = matchesFilter(filter);
    const cells = aggregateDensity(columns, view.zoom, paddedExtent(view.extent), (i) => matches(columns, i));
    last.current = { columns, filter, cells };
    return cells;
  }, [columns, filter, view]);
}
