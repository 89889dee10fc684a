import { useMemo, useRef } from 'react';
import { useEnterpriseLayer } from '../api/get-enterprise-layer';
import { useHealth } from '../api/get-health';
import { usePeriodWindow } from '../state/use-period-window';
import type { Filters } from '../state/view-state';
import { useViewState } from '../state/view-store';
import type { EnterpriseLayer } from './decode-enterprise-layer';
import { buildFilterColumns, countMatching, type FilterColumns, type GpuFilter, gpuFilter } from './enterprise-filter';

// One set of draw-order columns per decoded layer, shared by the map and the counters.
const cache = new WeakMap<EnterpriseLayer, FilterColumns>();
function columnsFor(layer: EnterpriseLayer) {
  let c = cache.get(layer);
  if (!c) {
    c = buildFilterColumns(layer);
    cache.set(layer, c);
  }
  return c;
}

// The count line, the table, the PNG export and the map all use this hook: count a million
// enterprises once per filter state, not once per component.
const counts = new WeakMap<FilterColumns, WeakMap<Filters, number>>();
function countFor(columns: FilterColumns, filters: Filters, filter: GpuFilter) {
  let byFilters = counts.get(columns);
  if (!byFilters) {
    byFilters = new WeakMap();
    counts.set(columns, byFilters);
  }
  let n = byFilters.get(filters);
  if (n === undefined) {
    n = countMatching(columns, filter);
    byFilters.set(filters, n);
  }
  return n;
}

/**
 * The enterprise layer (colours as of the chosen period), its columns, the current GPU filter
 * and how many enterprises pass.
 */
export function useEnterpriseColumns() {
  const { filters } = useViewState();
  const codesAsOf = usePeriodWindow()?.codesAsOf ?? null;
  const query = useEnterpriseLayer(useHealth().data?.dataVersion, codesAsOf);
  // A failed refetch (another period, the server gone) keeps the last colours on the map while
  // the status bar offers a retry, rather than emptying the map.
  const lastGood = useRef<EnterpriseLayer | null>(null);
  if (query.data) lastGood.current = query.data;
  const layer = query.data ?? (query.isError ? lastGood.current : null);
  const columns = useMemo(() => (layer ? columnsFor(layer) : null), [layer]);
  const filter = useMemo(
    () => (layer && columns ? gpuFilter(layer, columns, filters) : null),
    [layer, columns, filters],
  );
  const shown = useMemo(
    () => (columns && filter ? countFor(columns, filters, filter) : null),
    [columns, filters, filter],
  );
  return { query, layer, columns, filter, shown, total: layer?.n ?? null };
}
