/**
 * Province scale: with a million enterprises a city-wide view puts several symbols on every
 * pixel. Drawing them all costs seconds per frame without a fast GPU (software GL on display
 * PCs and in our headless tests), and the picture lies: red symbols drawn on top of the others
 * turn a city that is 80 % green into a red carpet. Above DENSITY_THRESHOLD the map therefore
 * draws clusters while more than POINT_LIMIT enterprises pass the filter in and around the
 * view: one disc per screen cell, its area proportional to the cell's enterprises, with nested
 * yellow and red discs whose areas are the yellow-or-red and red counts on the same scale. Once
 * the view holds few enough, it draws each of them, exactly placed. Filters apply first.
 */
/** What aggregation reads: positions and colour flags in draw order (green first, red last). */
export type DensityColumns = { n: number; positions: Float32Array; flags: Uint8Array };

/** Layers larger than this are drawn through this module; the city's few thousand are drawn one by one. */
export const DENSITY_THRESHOLD = 150_000;
/** At most this many enterprises in the aggregated area are drawn one by one. */
export const POINT_LIMIT = 20_000;
/** Cluster cell edge in CSS pixels at the start of a zoom level (up to twice that just before the next). */
export const CLUSTER_PX = 32;
/** Upper bound on grid cells per aggregation; the cell grows to stay under it. */
const MAX_CELLS = 500_000;

export type Extent = { west: number; south: number; east: number; north: number };

export type DensityCells = {
  mode: 'points' | 'clusters';
  length: number;
  /** Interleaved lon, lat: the enterprise's position, or the mean position of the cluster's. */
  positions: Float32Array;
  /** Three per entry: green, yellow, red enterprises (one of them 1 in points mode). */
  counts: Uint32Array;
  /** Points mode: draw-order index into the columns. Clusters: -1. */
  singles: Int32Array;
  /** Clusters of this many enterprises or more are drawn full size (the 90th percentile of totals). */
  fullTotal: number;
  /** The zoom level and extent aggregated; a view inside both needs no new aggregation. */
  level: number;
  extent: Extent;
};

/** Cell size in degrees (lon, lat) at a zoom level: CLUSTER_PX on MapLibre's 512-px tiles, square on screen near `lat`. */
export function cellDegrees(level: number, lat: number): [number, number] {
  const lon = (CLUSTER_PX * 360) / (512 * 2 ** level);
  return [lon, lon * Math.cos((lat * Math.PI) / 180)];
}

/** The view widened by a quarter of its size on every side, so short pans stay inside the aggregated area. */
export function paddedExtent(view: Extent): Extent {
  const w = (view.east - view.west) / 4;
  const h = (view.north - view.south) / 4;
  return { west: view.west - w, south: view.south - h, east: view.east + w, north: view.north + h };
}

/** Whether cells aggregated for (level, extent) still serve a view at `zoom` showing `view`. */
export function densityCovers(cells: DensityCells, zoom: number, view: Extent): boolean {
  const e = cells.extent;
  return (
    cells.level === Math.floor(zoom) &&
    view.west >= e.west &&
    view.east <= e.east &&
    view.south >= e.south &&
    view.north <= e.north
  );
}

/**
 * Radius in pixels of the disc standing for `count` of a cluster's `total` enterprises. The outer
 * disc (count = total) grows with the square root of the total up to half a cell at `fullTotal`;
 * inner discs keep their share of its area, so a red core covering a tenth of the disc means a
 * tenth of the enterprises are red. A non-empty disc is never smaller than a dot.
 */
export function discRadius(count: number, total: number, fullTotal: number): number {
  if (count <= 0 || total <= 0) return 0;
  const outer = (CLUSTER_PX / 2) * Math.sqrt(Math.min(total, fullTotal) / fullTotal);
  return Math.max(count === total ? 2.5 : 1.5, outer * Math.sqrt(count / total));
}

function inExtent(lon: number, lat: number, e: Extent) {
  return lon >= e.west && lon <= e.east && lat >= e.south && lat <= e.north;
}

/**
 * Linear in n (a few tens of milliseconds at a million). `matches` is the filter (every
 * enterprise when omitted). Cells are anchored at lon/lat 0, so an enterprise stays in its cell
 * however the extent moves.
 */
export function aggregateDensity(
  columns: DensityColumns,
  zoom: number,
  extent: Extent,
  matches: (i: number) => boolean = () => true,
): DensityCells {
  const level = Math.floor(zoom);
  // Latitude rounded to a degree: panning must not change the cell size and reshuffle cells.
  let [dLon, dLat] = cellDegrees(level, Math.round((extent.south + extent.north) / 2));
  let x0 = 0;
  let y0 = 0;
  let nx = 0;
  let ny = 0;
  for (;;) {
    x0 = Math.floor(extent.west / dLon);
    y0 = Math.floor(extent.south / dLat);
    nx = Math.floor(extent.east / dLon) - x0 + 1;
    ny = Math.floor(extent.north / dLat) - y0 + 1;
    if (nx * ny <= MAX_CELLS) break;
    dLon *= 2;
    dLat *= 2;
  }
  const counts = new Uint32Array(nx * ny * 3);
  // Offsets from the cell's corner, so float32 sums keep metre precision.
  const sums = new Float32Array(nx * ny * 2);
  // The first POINT_LIMIT matches, in case they are all there are: no second pass for points.
  const picked = new Int32Array(POINT_LIMIT);
  const { positions, flags } = columns;
  let inside = 0;
  for (let i = 0; i < columns.n; i++) {
    const lon = positions[2 * i];
    const lat = positions[2 * i + 1];
    if (!inExtent(lon, lat, extent) || !matches(i)) continue;
    const cx = Math.floor(lon / dLon);
    const cy = Math.floor(lat / dLat);
    const cell = (cy - y0) * nx + (cx - x0);
    counts[cell * 3 + Math.min(flags[i] & 3, 2)]++;
    sums[2 * cell] += lon - cx * dLon;
    sums[2 * cell + 1] += lat - cy * dLat;
    if (inside < POINT_LIMIT) picked[inside] = i;
    inside++;
  }

  if (inside <= POINT_LIMIT) {
    // Columns are in draw order (green first), so red stays on top here too.
    const out = empty('points', inside, level, extent);
    for (let k = 0; k < inside; k++) {
      const i = picked[k];
      out.positions[2 * k] = positions[2 * i];
      out.positions[2 * k + 1] = positions[2 * i + 1];
      out.counts[3 * k + Math.min(flags[i] & 3, 2)] = 1;
      out.singles[k] = i;
    }
    return out;
  }

  const totals: number[] = [];
  const cellOf: number[] = [];
  for (let cell = 0; cell < nx * ny; cell++) {
    const total = counts[cell * 3] + counts[cell * 3 + 1] + counts[cell * 3 + 2];
    if (total > 0) {
      totals.push(total);
      cellOf.push(cell);
    }
  }
  const out = empty('clusters', totals.length, level, extent);
  out.singles.fill(-1);
  for (const [k, cell] of cellOf.entries()) {
    out.positions[2 * k] = ((cell % nx) + x0) * dLon + sums[2 * cell] / totals[k];
    out.positions[2 * k + 1] = (Math.floor(cell / nx) + y0) * dLat + sums[2 * cell + 1] / totals[k];
    out.counts.set(counts.subarray(cell * 3, cell * 3 + 3), 3 * k);
  }
  // A percentile, not the maximum: one industrial park holding tens of thousands would otherwise
  // shrink every ordinary cluster to a dot.
  const sorted = Uint32Array.from(totals).sort();
  out.fullTotal = Math.max(1, sorted[Math.floor(0.9 * (sorted.length - 1))]);
  return out;
}

function empty(mode: DensityCells['mode'], length: number, level: number, extent: Extent): DensityCells {
  return {
    mode,
    length,
    positions: new Float32Array(length * 2),
    counts: new Uint32Array(length * 3),
    singles: new Int32Array(length),
    fullTotal: 1,
    level,
    extent,
  };
}
