/**
 * Pure derivations for the wall screen: counts by colour per county / town / park from the
 * binary enterprise layer, hotspot cells in scope with their towns, the screen's draw columns.
 * Everything here is computed once per data version (memoised by the caller), never per scene.
 */
import { cellToLatLng } from 'h3-js';
import type { HotspotBin, HotspotCell, Hotspots } from '../api/get-hotspots';
import type { ParkFeature } from '../api/get-parks';
import type { RegionFeature } from '../api/get-regions';
import type { SectionFeature } from '../api/get-sections';
import type { EnterpriseLayer } from '../map/decode-enterprise-layer';
import { sp } from './screen-text';

export type ColourCounts = {
  total: number;
  green: number;
  yellow: number;
  red: number;
  keyPollutant: number;
  insured: number;
};

export const emptyCounts = (): ColourCounts => ({ total: 0, green: 0, yellow: 0, red: 0, keyPollutant: 0, insured: 0 });

function add(c: ColourCounts, flags: number) {
  c.total++;
  const colour = flags & 3;
  if (colour === 2) c.red++;
  else if (colour === 1) c.yellow++;
  else c.green++;
  if (flags & 4) c.keyPollutant++;
  if (flags & 8) c.insured++;
}

/** Index of a county code in the layer's dictionary, or -1 for "the whole city". */
export const countyIndex = (layer: EnterpriseLayer, county: string | null) =>
  county === null ? -1 : layer.dict.counties.indexOf(county);

/** Colour counts for the scope (city or one county) and per county and per town code. */
export function enterpriseCounts(layer: EnterpriseLayer, county: string | null) {
  const ci = countyIndex(layer, county);
  const scope = emptyCounts();
  const byCounty = new Map<string, ColourCounts>();
  const byTown = new Map<string, ColourCounts>();
  for (let i = 0; i < layer.n; i++) {
    const code = layer.dict.counties[layer.county[i]];
    let cc = byCounty.get(code);
    if (!cc) byCounty.set(code, (cc = emptyCounts()));
    add(cc, layer.flags[i]);
    if (ci >= 0 && layer.county[i] !== ci) continue;
    add(scope, layer.flags[i]);
    const t = layer.town[i];
    if (t > 0) {
      const town = layer.dict.towns[t - 1];
      let tc = byTown.get(town);
      if (!tc) byTown.set(town, (tc = emptyCounts()));
      add(tc, layer.flags[i]);
    }
  }
  return { scope, byCounty, byTown };
}

export type DrawColumns = { n: number; positions: Float32Array; flags: Uint8Array };

/**
 * Positions and flags of the enterprises in scope, green first and red last so red symbols are
 * drawn on top; `only` keeps just those colours (0 green, 1 yellow, 2 red).
 */
export function drawColumns(layer: EnterpriseLayer, county: string | null, only: number[] = [0, 1, 2]): DrawColumns {
  const ci = countyIndex(layer, county);
  const order: number[] = [];
  for (const colour of [0, 1, 2]) {
    if (!only.includes(colour)) continue;
    for (let i = 0; i < layer.n; i++) {
      if ((layer.flags[i] & 3) !== colour) continue;
      if (ci >= 0 && layer.county[i] !== ci) continue;
      order.push(i);
    }
  }
  const positions = new Float32Array(order.length * 2);
  const flags = new Uint8Array(order.length);
  order.forEach((src, dst) => {
    positions[2 * dst] = layer.positions[2 * src];
    positions[2 * dst + 1] = layer.positions[2 * src + 1];
    flags[dst] = layer.flags[src];
  });
  return { n: order.length, positions, flags };
}

/* ---------- geometry ---------- */

type Ring = number[][];
type PolygonCoords = Ring[];
type Geometry = { type: string; coordinates: unknown };

function inRing(lon: number, lat: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inPolygon(lon: number, lat: number, poly: PolygonCoords): boolean {
  if (!poly.length || !inRing(lon, lat, poly[0])) return false;
  for (let h = 1; h < poly.length; h++) if (inRing(lon, lat, poly[h])) return false;
  return true;
}

function polygonsOf(g: Geometry | null | undefined): PolygonCoords[] {
  if (!g) return [];
  if (g.type === 'Polygon') return [g.coordinates as PolygonCoords];
  if (g.type === 'MultiPolygon') return g.coordinates as PolygonCoords[];
  return [];
}

export type Bbox = [number, number, number, number];

export function bboxOf(g: Geometry | null | undefined): Bbox | null {
  let b: Bbox | null = null;
  for (const poly of polygonsOf(g))
    for (const [x, y] of poly[0] ?? []) {
      if (!b) b = [x, y, x, y];
      else {
        if (x < b[0]) b[0] = x;
        if (y < b[1]) b[1] = y;
        if (x > b[2]) b[2] = x;
        if (y > b[3]) b[3] = y;
      }
    }
  return b;
}

/** A point-in-area index over region features (bbox pre-check, then ray casting). */
export function regionIndex(features: RegionFeature[]) {
  const items = features.map((f) => ({
    code: f.properties.code,
    name: sp(f.properties.name),
    parent: f.properties.parentCode,
    bbox: bboxOf(f.geometry as Geometry),
    polys: polygonsOf(f.geometry as Geometry),
  }));
  return (lon: number, lat: number) =>
    items.find(
      (r) =>
        r.bbox &&
        lon >= r.bbox[0] &&
        lon <= r.bbox[2] &&
        lat >= r.bbox[1] &&
        lat <= r.bbox[3] &&
        r.polys.some((p) => inPolygon(lon, lat, p)),
    ) ?? null;
}

/* ---------- hotspots ---------- */

export const HOT_BINS: HotspotBin[] = ['hot99', 'hot95', 'hot90'];
export const COLD_BINS: HotspotBin[] = ['cold90', 'cold95', 'cold99'];

export type HotArea = { code: string; name: string; county: string; hotCells: number; cases: number; maxZ: number };

export type HotspotSummary = {
  /** Significant cells in scope (ns cells are not drawn). */
  cells: HotspotCell[];
  cases: number;
  bins: Record<HotspotBin, number>;
  /** Towns ranked by the cases in their hot cells. */
  topAreas: HotArea[];
};

/** Hot and cold cells in scope, case totals and the towns that hold the hot cells. */
export function summariseHotspots(
  hot: Hotspots,
  towns: RegionFeature[],
  countyName: (code: string) => string,
  county: string | null,
): HotspotSummary {
  const townAt = regionIndex(towns);
  const bins = { hot99: 0, hot95: 0, hot90: 0, ns: 0, cold90: 0, cold95: 0, cold99: 0 } as Record<HotspotBin, number>;
  const cells: HotspotCell[] = [];
  const areas = new Map<string, HotArea>();
  let cases = 0;
  for (const cell of hot.cells) {
    if (cell.count === 0 && cell.bin === 'ns') continue;
    const [lat, lon] = cellToLatLng(cell.h3);
    const town = townAt(lon, lat);
    if (county !== null && town?.parent !== county) continue;
    cases += cell.count;
    bins[cell.bin]++;
    if (cell.bin === 'ns') continue;
    cells.push(cell);
    if (!HOT_BINS.includes(cell.bin) || !town) continue;
    let a = areas.get(town.code);
    if (!a) {
      a = { code: town.code, name: town.name, county: countyName(town.parent ?? ''), hotCells: 0, cases: 0, maxZ: 0 };
      areas.set(town.code, a);
    }
    a.hotCells++;
    a.cases += cell.count;
    a.maxZ = Math.max(a.maxZ, cell.z);
  }
  const topAreas = [...areas.values()].sort((x, y) => y.cases - x.cases || y.hotCells - x.hotCells || y.maxZ - x.maxZ);
  return { cells, cases, bins, topAreas };
}

/* ---------- parks and sections ---------- */

export type ParkRow = {
  id: number;
  name: string;
  counts: { green: number; yellow: number; red: number; total: number };
};

/** Parks in scope, largest first. */
export function parksInScope(parks: ParkFeature[], county: string | null, limit: number): ParkRow[] {
  return parks
    .filter((f) => county === null || f.properties.countyCode === county)
    .map((f) => ({
      id: f.properties.id,
      name: sp(f.properties.name),
      counts: { ...f.properties.byColour, total: f.properties.enterpriseCount },
    }))
    .sort((a, b) => b.counts.total - a.counts.total || a.id - b.id)
    .slice(0, limit);
}

export function sectionsInScope(sections: SectionFeature[], county: string | null) {
  const own = sections.filter((f) => county === null || f.properties.countyCode === county);
  return { total: own.length, meeting: own.filter((f) => f.properties.meetsTarget === true).length, features: own };
}
