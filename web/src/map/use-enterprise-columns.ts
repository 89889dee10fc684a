import { useMemo, useRef } from 'react';
import { useEnterpriseLayer } from '../api/get-enterprise-layer';
import { useFlaggedEnterprises } from '../api/get-flagged-enterprises';
import { useHealth } from '../api/get-health';
import { useSession } from '../auth/session';
import { usePeriodWindow } from '../state/use-period-window';
import type { Filters } from '../state/view-state';
import { useViewState } from '../state/view-store';
import type { EnterpriseLayer } from './decode-enterprise-layer';
import {
  buildFilterColumns,
  countMatching,
  type FilterColumns,
  type GpuFilter,
  gpuFilter,
  withAnomalies,
} from './enterprise-filter';

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

// The anomaly bit per (columns, flagged list): a new list (data changed, login) makes new columns.
const marked = new WeakMap<FilterColumns, WeakMap<object, FilterColumns>>();
function markedFor(columns: FilterColumns, flagged: { items: { id: number }[] }) {
  let byList = marked.get(columns);
  if (!byList) {
    byList = new WeakMap();
    marked.set(columns, byList);
  }
  let c = byList.get(flagged);
  if (!c) {
    c = withAnomalies(
      columns,
      flagged.items.map((f) => f.id),
    );
    byList.set(flagged, c);
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
  const { filters: viewFilters } = useViewState();
  const codesAsOf = usePeriodWindow()?.codesAsOf ?? null;
  const dataVersion = useHealth().data?.dataVersion;
  const query = useEnterpriseLayer(dataVersion, codesAsOf);
  const role = useSession().data?.role;
  const staff = role !== undefined && role !== 'public';
  const flagged = useFlaggedEnterprises(dataVersion, staff).data;
  // Which enterprises are flagged is for staff: the public's map ignores the filter.
  const filters = useMemo(
    () => (staff || viewFilters.anomaly === null ? viewFilters : { ...viewFilters, anomaly: null }),
    [staff, viewFilters],
  );
  // A failed refetch (another period, the server gone) keeps the last colours on the map while
  // the status bar offers a retry, rather than emptying the map.
  const lastGood = useRef<EnterpriseLayer | null>(null);
  if (query.data) lastGood.current = query.data;
  const layer = query.data ?? (query.isError ? lastGood.current : null);
  const columns = useMemo(() => {
    if (!layer) return null;
    const base = columnsFor(layer);
    return staff && flagged ? markedFor(base, flagged) : base;
  }, [layer, staff, flagged]);
  const filter = useMemo(
    () => (layer && columns ? gpuFilter(layer, columns, filters) : null),
    [layer, columns, filters],
  );
  const shown = useMemo(
    () => (columns && filter ? countFor(columns, filters, filter) : null),
    [columns, filters, filter],
  );
  return { query, layer, columns, filter, shown, total: layer?.n ?? null, flagged: staff ? (flagged ?? null) : null };
}
