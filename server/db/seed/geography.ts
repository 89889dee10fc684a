// Regions and the three-level grid. Real county outlines and town names; town and village-grid
// shapes are approximations (Voronoi cells of plausible centres clipped to their parent), drawn
// from a fixed seed so that the map does not change with the demo seed.
import centroid from '@turf/centroid';
import type { InferInsertModel } from 'drizzle-orm';
import { normal, randInt } from '../../domain/random';
import type { grids, regions } from '../schema';
import { type CountyFeature, loadCityOutline, loadCounties, loadTowns } from './geo-data';
import { mobilePhone, personName, villageName } from './names';
import { type Rng, stageRng } from './rng';
import {
  type Area,
  type BBox,
  bboxOf,
  contains,
  distanceMetres,
  type LonLat,
  offsetMetres,
  PolygonIndex,
  randomPointIn,
  round5,
  voronoiPartition,
} from './spatial';

const GEOGRAPHY_SEED = 20_180_320;

export type County = { code: string; name: string; geometry: Area; center: LonLat; bbox: BBox };
export type Town = {
  code: string;
  name: string;
  countyCode: string;
  urban: boolean;
  center: LonLat;
  geometry: Area;
  bbox: BBox;
};
export type Grid = {
  id: number;
  level: 1 | 2 | 3;
  name: string;
  regionCode: string;
  parentId: number | null;
  geometry: Area;
  bbox: BBox;
};

export type Geography = {
  city: { code: string; name: string; geometry: Area; center: LonLat; bbox: BBox };
  counties: County[];
  towns: Town[];
  grids: Grid[];
  countyByCode: Map<string, County>;
  townByCode: Map<string, Town>;
  townsByCounty: Map<string, Town[]>;
  countyIndex: PolygonIndex<County>;
  townIndex: PolygonIndex<Town>;
  /** Level-3 (village/community) grids, the most specific cell an enterprise belongs to. */
  villageGridIndex: PolygonIndex<Grid>;
  /** Level-2 grid id per town code, level-1 per county code: fallbacks at the edges. */
  gridIdByRegion: Map<string, number>;
};

/** Approximate positions of towns whose location matters for the story (on the rivers, at reservoirs). */
const TOWN_ANCHORS: Record<string, LonLat> = {
  '330824109': [118.22, 29.35], // 齐溪镇, source of 马金溪
  '330824116': [118.29, 29.27], // 马金镇
  '330824115': [118.385, 29.035], // 华埠镇
  '330822108': [118.62, 28.915], // 招贤镇
  '330802101': [118.76, 28.94], // 航埠镇
  '330802010': [118.83, 28.945], // 双港街道, the 双港口 confluence
  '330803001': [118.96, 28.975], // 樟潭街道
  '330803103': [118.92, 29.12], // 莲花镇, north of the city (莲花工业园区)
  '330803113': [118.89, 28.72], // 湖南镇 (湖南镇水库)
  '330803219': [118.94, 28.81], // 黄坛口乡
  '330803114': [119.06, 29.0], // 高家镇
  '330825101': [119.22, 29.07], // 湖镇镇
  '330881119': [118.62, 28.48], // 峡口镇 (峡口水库)
  '330881121': [118.68, 28.83], // 贺村镇
  '330881112': [118.56, 28.3], // 廿八都镇
};

/** Among a few random candidates, the one farthest from the sites placed so far: an even spread. */
function bestCandidate(candidates: () => LonLat, placed: LonLat[], tries: number): LonLat {
  let best: LonLat = candidates();
  let bestDistance = -1;
  for (let i = 0; i < tries; i++) {
    const c = i === 0 ? best : candidates();
    const d = placed.length === 0 ? 0 : Math.min(...placed.map((p) => distanceMetres(p, c)));
    if (d > bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function placeTownCentres(rng: Rng, county: County, towns: { code: string; urban: boolean }[]): LonLat[] {
  const sites = new Map<string, LonLat>();
  for (const t of towns) {
    const a = TOWN_ANCHORS[t.code];
    if (a && contains(county.geometry, a[0], a[1])) sites.set(t.code, a);
  }
  const placed = () => [...sites.values()];
  // Street offices (街道) make up the county seat; towns and townships spread over the rest.
  const nearSeat = (): LonLat => {
    for (;;) {
      const p = offsetMetres(county.center[0], county.center[1], normal(rng, 0, 2500), normal(rng, 0, 2500));
      if (contains(county.geometry, p[0], p[1])) return p;
    }
  };
  for (const t of towns) {
    if (sites.has(t.code) || !t.urban) continue;
    sites.set(t.code, bestCandidate(nearSeat, placed(), 12));
  }
  for (const t of towns) {
    if (sites.has(t.code)) continue;
    sites.set(
      t.code,
      bestCandidate(() => randomPointIn(rng, county.geometry, county.bbox), placed(), 40),
    );
  }
  return towns.map((t) => {
    const p = sites.get(t.code) as LonLat;
    return [round5(p[0]), round5(p[1])];
  });
}

function buildGeographyUncached(): Geography {
  const rng = stageRng(GEOGRAPHY_SEED, 'geography');
  const counties: County[] = loadCounties().map((f: CountyFeature) => ({
    code: f.properties.code,
    name: f.properties.name,
    geometry: f.geometry,
    center: f.properties.center,
    bbox: bboxOf(f.geometry),
  }));
  const countyByCode = new Map(counties.map((c) => [c.code, c]));
  const outline = loadCityOutline().geometry;
  const seat = countyByCode.get('330802')?.center ?? counties[0].center;
  const city = { code: '330800', name: '衢州市', geometry: outline, center: seat, bbox: bboxOf(outline) };

  const towns: Town[] = [];
  const townsByCounty = new Map<string, Town[]>();
  const entries = loadTowns();
  for (const county of counties) {
    const list = entries
      .filter((t) => t.countyCode === county.code)
      .map((t) => ({ ...t, urban: t.name.endsWith('街道') }));
    const centres = placeTownCentres(rng, county, list);
    let cells = voronoiPartition(centres, county.geometry);
    // Best-candidate placement favours the county edge; a couple of Lloyd steps pull rural
    // centres into their cells. Street offices and anchored towns stay where they are.
    for (let step = 0; step < 2; step++) {
      list.forEach((t, i) => {
        if (t.urban || TOWN_ANCHORS[t.code]) return;
        const c = centroid(cells[i]).geometry.coordinates;
        if (contains(county.geometry, c[0], c[1])) centres[i] = [round5(c[0]), round5(c[1])];
      });
      cells = voronoiPartition(centres, county.geometry);
    }
    const built = list.map((t, i) => ({ ...t, center: centres[i], geometry: cells[i], bbox: bboxOf(cells[i]) }));
    towns.push(...built);
    townsByCounty.set(county.code, built);
  }

  const grids: Grid[] = [];
  const gridIdByRegion = new Map<string, number>();
  let nextId = 1;
  for (const county of counties) {
    const id = nextId++;
    grids.push({
      id,
      level: 1,
      name: `${county.name}生态环境网格（一级）`,
      regionCode: county.code,
      parentId: null,
      geometry: county.geometry,
      bbox: county.bbox,
    });
    gridIdByRegion.set(county.code, id);
  }
  for (const town of towns) {
    const townGridId = nextId++;
    grids.push({
      id: townGridId,
      level: 2,
      name: `${town.name}生态环境网格（二级）`,
      regionCode: town.code,
      parentId: gridIdByRegion.get(town.countyCode) ?? null,
      geometry: town.geometry,
      bbox: town.bbox,
    });
    gridIdByRegion.set(town.code, townGridId);
    const count = randInt(rng, 2, 4);
    const sites: LonLat[] = [];
    for (let i = 0; i < count; i++) {
      sites.push(bestCandidate(() => randomPointIn(rng, town.geometry, town.bbox), sites, 10));
    }
    const cells = voronoiPartition(sites, town.geometry);
    const used = new Set<string>();
    cells.forEach((cell) => {
      let village = villageName(rng, town.urban);
      while (used.has(village)) village = villageName(rng, town.urban);
      used.add(village);
      grids.push({
        id: nextId++,
        level: 3,
        name: `${town.name}${village}网格（三级）`,
        regionCode: town.code,
        parentId: townGridId,
        geometry: cell,
        bbox: bboxOf(cell),
      });
    });
  }

  return {
    city,
    counties,
    towns,
    grids,
    countyByCode,
    townByCode: new Map(towns.map((t) => [t.code, t])),
    townsByCounty,
    countyIndex: new PolygonIndex(counties.map((c) => ({ geometry: c.geometry, value: c }))),
    townIndex: new PolygonIndex(towns.map((t) => ({ geometry: t.geometry, value: t }))),
    villageGridIndex: new PolygonIndex(
      grids.filter((g) => g.level === 3).map((g) => ({ geometry: g.geometry, value: g })),
    ),
    gridIdByRegion,
  };
}

let cached: Geography | undefined;

/** Pure and seed-independent, so it is built once per process. */
export function buildGeography(): Geography {
  cached ??= buildGeographyUncached();
  return cached;
}

type RegionInsert = InferInsertModel<typeof regions>;
type GridInsert = InferInsertModel<typeof grids>;

const bboxColumns = (b: BBox) => ({ minLon: b[0], minLat: b[1], maxLon: b[2], maxLat: b[3] });

export function regionRows(geo: Geography): RegionInsert[] {
  return [
    {
      code: geo.city.code,
      name: geo.city.name,
      level: 'city',
      parentCode: null,
      centerLon: geo.city.center[0],
      centerLat: geo.city.center[1],
      ...bboxColumns(geo.city.bbox),
      geometry: geo.city.geometry,
    },
    ...geo.counties.map(
      (c): RegionInsert => ({
        code: c.code,
        name: c.name,
        level: 'county',
        parentCode: geo.city.code,
        centerLon: c.center[0],
        centerLat: c.center[1],
        ...bboxColumns(c.bbox),
        geometry: c.geometry,
      }),
    ),
    ...geo.towns.map(
      (t): RegionInsert => ({
        code: t.code,
        name: t.name,
        level: 'town',
        parentCode: t.countyCode,
        centerLon: t.center[0],
        centerLat: t.center[1],
        ...bboxColumns(t.bbox),
        geometry: t.geometry,
      }),
    ),
  ];
}

/** Manager contacts depend on the demo seed: they are people data, not geography. */
export function gridRows(geo: Geography, seed: number): GridInsert[] {
  const rng = stageRng(seed, 'grid-managers');
  return geo.grids.map((g) => ({
    id: g.id,
    level: g.level,
    name: g.name,
    regionCode: g.regionCode,
    parentId: g.parentId,
    ...bboxColumns(g.bbox),
    geometry: g.geometry,
    managerName: personName(rng),
    managerPhone: mobilePhone(rng),
  }));
}
