/**
 * Translates the filter panel's choices into DataFilterExtension props, so the GPU hides
 * non-matching enterprises without a refetch, and counts matches on the CPU with exactly the
 * same rules (the count must be right even while the layer is hidden or not yet drawn, which
 * the GPU's countItems readback cannot promise).
 *
 * Numeric filter (4 channels, one value per channel, a [min, max] range each):
 *   0 county index · 1 town (0 none, else index+1) · 2 park (same) · 3 industry rank
 * Industry rank is the position of the code in sorted order, so "every code under C26" is one
 * contiguous range — a GB/T 4754 subtree filter with no per-item work. Category filter (4
 * channels, few values each): colour 0–2 · key pollutant 0/1 · insured 0/1 · open monitoring-data
 * flags 0/1 — categories let the colour filter be any subset.
 */
import type { Filters } from '../state/view-state';
import type { EnterpriseLayer } from './decode-enterprise-layer';

/**
 * The layer's columns re-ordered for drawing — green first, red last — so red symbols are
 * drawn on top where they overlap; index i here is draw position i.
 */
export type FilterColumns = {
  n: number;
  ids: Uint32Array;
  positions: Float32Array;
  /** The layer's flags (see decode-enterprise-layer) plus bit 4 = open integrity flags (withAnomalies). */
  flags: Uint8Array;
  /** n × 4 floats: county, town, park, industry rank. */
  values: Float32Array;
  /** dict.industries sorted by code; rank = index here. */
  industryOrder: string[];
};

const ANY: [number, number] = [-1, 16_777_216]; // float32 holds every integer up to 2^24 exactly
const NONE: [number, number] = [-3, -2]; // matches nothing (an unknown code in the URL)

export function buildFilterColumns(layer: EnterpriseLayer): FilterColumns {
  const industryOrder = [...layer.dict.industries].sort();
  const rankOf = new Map(industryOrder.map((code, i) => [code, i]));
  const industryRank = layer.dict.industries.map((code) => rankOf.get(code) ?? 0);
  const n = layer.n;
  // Counting sort by colour (stable, O(n)); the unused colour value 3 sorts with red.
  const colour = (i: number) => Math.min(layer.flags[i] & 3, 2);
  const order = new Uint32Array(n);
  const starts = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) starts[colour(i) + 1]++;
  starts[2] += starts[1];
  starts[3] += starts[2];
  for (let i = 0; i < n; i++) order[starts[colour(i)]++] = i;

  const ids = new Uint32Array(n);
  const positions = new Float32Array(n * 2);
  const flags = new Uint8Array(n);
  const values = new Float32Array(n * 4);
  for (let k = 0; k < n; k++) {
    const i = order[k];
    ids[k] = layer.ids[i];
    positions[2 * k] = layer.positions[2 * i];
    positions[2 * k + 1] = layer.positions[2 * i + 1];
    flags[k] = layer.flags[i];
    values[4 * k] = layer.county[i];
    values[4 * k + 1] = layer.town[i];
    values[4 * k + 2] = layer.park[i];
    values[4 * k + 3] = industryRank[layer.industry[i]];
  }
  return { n, ids, positions, flags, values, industryOrder };
}

export type GpuFilter = {
  filterRange: [number, number][];
  filterCategories: number[][];
};

function exact(index: number): [number, number] {
  return index < 0 ? NONE : [index, index];
}

/** First and last rank of the codes that start with `prefix` (the sorted list makes them adjacent). */
function prefixRange(sorted: string[], prefix: string): [number, number] {
  let first = -1;
  let last = -1;
  for (let i = 0; i < sorted.length; i++) {
    if (sorted[i].startsWith(prefix)) {
      if (first < 0) first = i;
      last = i;
    } else if (first >= 0) break;
  }
  return first < 0 ? NONE : [first, last];
}

export function gpuFilter(layer: EnterpriseLayer, columns: FilterColumns, f: Filters): GpuFilter {
  const { dict } = layer;
  return {
    filterRange: [
      f.county ? exact(dict.counties.indexOf(f.county)) : ANY,
      f.town ? exact(dict.towns.indexOf(f.town) < 0 ? -1 : dict.towns.indexOf(f.town) + 1) : ANY,
      f.park !== null ? exact(dict.parks.indexOf(f.park) < 0 ? -1 : dict.parks.indexOf(f.park) + 1) : ANY,
      f.industry ? prefixRange(columns.industryOrder, f.industry) : ANY,
    ],
    filterCategories: [
      f.colours.length ? f.colours.map((c) => ['green', 'yellow', 'red'].indexOf(c)) : [0, 1, 2],
      f.keyPollutant === null ? [0, 1] : [f.keyPollutant ? 1 : 0],
      f.insured === null ? [0, 1] : [f.insured ? 1 : 0],
      f.anomaly === null ? [0, 1] : [f.anomaly ? 1 : 0],
    ],
  };
}

/** Per-item categories (colour, key pollutant, insured, anomaly) for getFilterCategory. */
export function categoriesOf(flags: number): [number, number, number, number] {
  return [flags & 3, (flags >> 2) & 1, (flags >> 3) & 1, (flags >> 4) & 1];
}

export const ANOMALY_BIT = 16;

/**
 * The columns with bit 4 set for the enterprises that have open integrity flags (a staff-only
 * list fetched apart from the public layer). Positions and values are shared, only flags is new.
 */
export function withAnomalies(columns: FilterColumns, flaggedIds: Iterable<number>): FilterColumns {
  const wanted = new Set(flaggedIds);
  const flags = new Uint8Array(columns.n);
  for (let i = 0; i < columns.n; i++)
    flags[i] = (columns.flags[i] & ~ANOMALY_BIT) | (wanted.has(columns.ids[i]) ? ANOMALY_BIT : 0);
  return { ...columns, flags };
}

/** The same test the GPU applies, for one enterprise at draw position i. */
export function matchesFilter(g: GpuFilter): (columns: FilterColumns, i: number) => boolean {
  const [r0, r1, r2, r3] = g.filterRange;
  const [colours, kp, ins, anomaly] = g.filterCategories.map((c) => new Set(c));
  return (columns, i) => {
    const v = columns.values;
    const j = 4 * i;
    if (v[j] < r0[0] || v[j] > r0[1]) return false;
    if (v[j + 1] < r1[0] || v[j + 1] > r1[1]) return false;
    if (v[j + 2] < r2[0] || v[j + 2] > r2[1]) return false;
    if (v[j + 3] < r3[0] || v[j + 3] > r3[1]) return false;
    const flags = columns.flags[i];
    return (
      colours.has(flags & 3) && kp.has((flags >> 2) & 1) && ins.has((flags >> 3) & 1) && anomaly.has((flags >> 4) & 1)
    );
  };
}

export function countMatching(columns: FilterColumns, g: GpuFilter): number {
  const matches = matchesFilter(g);
  let count = 0;
  for (let i = 0; i < columns.n; i++) if (matches(columns, i)) count++;
  return count;
}

/** [minLon, minLat, maxLon, maxLat] of the enterprises that pass, or null when none does. */
export function matchingBounds(columns: FilterColumns, g: GpuFilter): [number, number, number, number] | null {
  const matches = matchesFilter(g);
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (let i = 0; i < columns.n; i++) {
    if (!matches(columns, i)) continue;
    const lon = columns.positions[2 * i];
    const lat = columns.positions[2 * i + 1];
    if (lon < minLon) minLon = lon;
    if (lon > maxLon) maxLon = lon;
    if (lat < minLat) minLat = lat;
    if (lat > maxLat) maxLat = lat;
  }
  return minLon === Infinity ? null : [minLon, minLat, maxLon, maxLat];
}

/** Positions (lon, lat pairs) of the flagged enterprises that pass the filter: the map's anomaly rings. */
const ringCache = new WeakMap<FilterColumns, WeakMap<GpuFilter, Float32Array>>();
export function anomalyPositions(columns: FilterColumns, g: GpuFilter): Float32Array {
  let byFilter = ringCache.get(columns);
  if (!byFilter) {
    byFilter = new WeakMap();
    ringCache.set(columns, byFilter);
  }
  const known = byFilter.get(g);
  if (known) return known;
  const matches = matchesFilter(g);
  const out: number[] = [];
  for (let i = 0; i < columns.n; i++)
    if (columns.flags[i] & ANOMALY_BIT && matches(columns, i))
      out.push(columns.positions[2 * i], columns.positions[2 * i + 1]);
  const positions = Float32Array.from(out);
  byFilter.set(g, positions);
  return positions;
}
