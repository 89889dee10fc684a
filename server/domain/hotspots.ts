// Violation hotspots: Getis-Ord Gi* over H3 cells covering the whole study area.
// Zero cells matter — they are what makes a cluster stand out — so the study area is tiled first.
import { getHexagonAreaAvg, gridDisk, latLngToCell, polygonToCells } from 'h3-js';
import { isFiniteNumber, roundTo } from './numeric';

// Structural GeoJSON geometry types, so that any GeoJSON typing (turf's, @types/geojson) fits
// without this module depending on one.
export type PolygonGeometry = { type: 'Polygon'; coordinates: number[][][] };
export type MultiPolygonGeometry = { type: 'MultiPolygon'; coordinates: number[][][][] };
type Polygon = PolygonGeometry;
type MultiPolygon = MultiPolygonGeometry;

export type HotspotBin = 'hot99' | 'hot95' | 'hot90' | 'ns' | 'cold90' | 'cold95' | 'cold99';

export type HotspotCell = { h3: string; count: number; z: number; bin: HotspotBin };

export type HotspotResult = { res: number; n: number; cells: HotspotCell[] };

export const HOTSPOT_MIN_RES = 6;
export const HOTSPOT_MAX_RES = 9;

/** Confidence bins by two-sided critical values; a z exactly on a critical value stays in the lower bin. */
export function binForZ(z: number): HotspotBin {
  if (!Number.isFinite(z)) return 'ns';
  const a = Math.abs(z);
  if (a > 2.58) return z > 0 ? 'hot99' : 'cold99';
  if (a > 1.96) return z > 0 ? 'hot95' : 'cold95';
  if (a > 1.65) return z > 0 ? 'hot90' : 'cold90';
  return 'ns';
}

/**
 * About how many cells tiling the geometry at `res` makes, from above: the bounding boxes' areas
 * over the mean cell area. Cheap, so a request can be refused before any tiling.
 */
export function estimatedCellCount(geometry: Polygon | MultiPolygon, res: number): number {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let km2 = 0;
  for (const rings of polygons) {
    const outer = rings[0];
    const lons = outer.map((p) => p[0]);
    const lats = outer.map((p) => p[1]);
    const [w, e, s, n] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
    const midLat = ((s + n) / 2) * (Math.PI / 180);
    km2 += (e - w) * 111.32 * Math.cos(midLat) * (n - s) * 110.57;
  }
  return km2 / getHexagonAreaAvg(res, 'km2');
}

/** All H3 cells whose centres fall inside the geometry (GeoJSON [lon, lat] order), sorted. */
export function studyAreaCells(geometry: Polygon | MultiPolygon, res: number): string[] {
  if (!Number.isInteger(res) || res < 0 || res > 15) throw new RangeError(`invalid H3 resolution: ${res}`);
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const cells = new Set<string>();
  for (const rings of polygons) {
    for (const c of polygonToCells(rings, res, true)) cells.add(c);
  }
  return [...cells].sort();
}

/**
 * Gi* z-score per cell. `counts` must hold every study-area cell (zeros too): n, X̄ and S are taken
 * over its keys, and a cell's neighbours outside it are not part of the study area.
 * Weights are binary over the cell and its ring-1 neighbours, so Σw = Σw² = m (the in-area
 * neighbourhood size), and the formula reduces to (Σx − X̄·m) / (S·sqrt((n·m − m²)/(n − 1))).
 */
export function giStar(counts: Map<string, number>): Map<string, number> {
  const n = counts.size;
  const out = new Map<string, number>();
  let sum = 0;
  for (const [cell, x] of counts) {
    if (!isFiniteNumber(x)) throw new RangeError(`count for ${cell} is not a finite number`);
    sum += x;
  }
  const xBar = n > 0 ? sum / n : 0;
  // Two-pass variance: the textbook Σx²/n − X̄² cancels badly when counts are large and alike.
  let ss = 0;
  let maxAbs = 0;
  for (const x of counts.values()) {
    ss += (x - xBar) ** 2;
    maxAbs = Math.max(maxAbs, Math.abs(x));
  }
  const S = n > 0 ? Math.sqrt(ss / n) : 0;
  // Equal counts can leave S at rounding-noise level instead of exactly 0; treat that as 0.
  const degenerate = n < 2 || S <= 1e-12 * Math.max(1, maxAbs);

  for (const [cell] of counts) {
    if (degenerate) {
      out.set(cell, 0);
      continue;
    }
    let m = 0;
    let local = 0;
    for (const nb of gridDisk(cell, 1)) {
      const x = counts.get(nb);
      if (x === undefined) continue;
      m++;
      local += x;
    }
    const spread = (n * m - m * m) / (n - 1);
    // A neighbourhood that covers the whole area carries no information about clustering.
    if (spread <= 0) {
      out.set(cell, 0);
      continue;
    }
    const z = (local - xBar * m) / (S * Math.sqrt(spread));
    out.set(cell, Number.isFinite(z) ? z : 0);
  }
  return out;
}

/**
 * The study area tiled at one resolution with each cell's in-area ring-1 neighbourhood (itself
 * included) as a compressed adjacency list. It depends only on the geometry and the resolution,
 * so callers that reuse one study area may build it once and pass it to computeHotspots.
 */
export type StudyGrid = {
  res: number;
  cells: string[];
  index: Map<string, number>;
  /** Neighbours of cell i are neighbours[offsets[i] … offsets[i + 1]). */
  offsets: Uint32Array;
  neighbours: Uint32Array;
};

export function buildStudyGrid(geometry: Polygon | MultiPolygon, res: number): StudyGrid {
  const cells = studyAreaCells(geometry, res);
  const index = new Map<string, number>();
  for (let i = 0; i < cells.length; i++) index.set(cells[i], i);
  const offsets = new Uint32Array(cells.length + 1);
  let neighbours = new Uint32Array(cells.length * 7);
  let k = 0;
  for (let i = 0; i < cells.length; i++) {
    for (const nb of gridDisk(cells[i], 1)) {
      const j = index.get(nb);
      if (j === undefined) continue;
      if (k === neighbours.length) {
        const grown = new Uint32Array(neighbours.length * 2);
        grown.set(neighbours);
        neighbours = grown;
      }
      neighbours[k++] = j;
    }
    offsets[i + 1] = k;
  }
  return { res, cells, index, offsets, neighbours: neighbours.slice(0, k) };
}

/** giStar over a prebuilt grid: x[i] is the count of grid.cells[i]; same statistic, no hashing. */
export function giStarOnGrid(grid: StudyGrid, x: Float64Array): Float64Array {
  const n = grid.cells.length;
  const z = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += x[i];
  const xBar = n > 0 ? sum / n : 0;
  let ss = 0;
  let maxAbs = 0;
  for (let i = 0; i < n; i++) {
    ss += (x[i] - xBar) ** 2;
    maxAbs = Math.max(maxAbs, Math.abs(x[i]));
  }
  const S = n > 0 ? Math.sqrt(ss / n) : 0;
  if (n < 2 || S <= 1e-12 * Math.max(1, maxAbs)) return z;
  const { offsets, neighbours } = grid;
  for (let i = 0; i < n; i++) {
    const m = offsets[i + 1] - offsets[i];
    let local = 0;
    for (let k = offsets[i]; k < offsets[i + 1]; k++) local += x[neighbours[k]];
    const spread = (n * m - m * m) / (n - 1);
    if (spread <= 0) continue;
    const zi = (local - xBar * m) / (S * Math.sqrt(spread));
    z[i] = Number.isFinite(zi) ? zi : 0;
  }
  return z;
}

/**
 * Gi* hotspots of weighted points over the study area. A point counts when its cell is one of
 * the study-area cells (cells are chosen by centre, so points within half a cell of the boundary
 * may fall either way). Points with non-finite coordinates are skipped. `grid`, when given, must
 * be buildStudyGrid(studyArea, res) (a cache of it): tiling is most of the cost.
 */
export function computeHotspots(input: {
  res: number;
  studyArea: Polygon | MultiPolygon;
  points: { lon: number; lat: number; weight?: number }[];
  grid?: StudyGrid;
}): HotspotResult {
  const { res } = input;
  if (!Number.isInteger(res) || res < HOTSPOT_MIN_RES || res > HOTSPOT_MAX_RES) {
    throw new RangeError(`hotspot resolution must be an integer in ${HOTSPOT_MIN_RES}–${HOTSPOT_MAX_RES}, got ${res}`);
  }
  const grid = input.grid && input.grid.res === res ? input.grid : buildStudyGrid(input.studyArea, res);
  const { cells, index } = grid;
  const x = new Float64Array(cells.length);

  for (const p of input.points) {
    if (!isFiniteNumber(p.lon) || !isFiniteNumber(p.lat)) continue;
    const w = p.weight ?? 1;
    if (!isFiniteNumber(w) || w < 0) throw new RangeError('point weight must be a finite number ≥ 0');
    const i = index.get(latLngToCell(p.lat, p.lon, res));
    if (i !== undefined) x[i] += w;
  }

  const z = giStarOnGrid(grid, x);
  return {
    res,
    n: cells.length,
    cells: cells.map((h3, i) => ({ h3, count: x[i], z: roundTo(z[i], 4), bin: binForZ(z[i]) })),
  };
}
