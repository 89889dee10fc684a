// Industrial parks: development zones (开发区) around the county seats with their signature
// industries, industrial parks, and the small-and-micro enterprise parks (小微企业园) in towns.
// Names follow the real pattern; outlines are synthetic. Fixed seed: parks do not move with the demo seed.
import type { InferInsertModel } from 'drizzle-orm';
import type { Polygon } from 'geojson';
import { normal } from '../../domain/random';
import type { parks } from '../schema';
import type { Geography } from './geography';
import { stageRng, uniform } from './rng';
import { type BBox, bboxOf, contains, distanceMetres, type LonLat, offsetMetres, round5 } from './spatial';

export type ParkKind = '工业园区' | '小微园' | '开发区';

type ParkSpec = { name: string; kind: ParkKind; townCode: string; industries: string[] };

const PARK_SPECS: ParkSpec[] = [
  { name: '衢州高新技术产业开发区', kind: '开发区', townCode: '330802012', industries: ['C26', 'C39', 'C38'] },
  { name: '柯城区航埠小微企业园', kind: '小微园', townCode: '330802101', industries: ['C33', 'C29'] },
  { name: '柯城区石梁小微企业园', kind: '小微园', townCode: '330802100', industries: ['C21', 'C20', 'C24'] },
  { name: '柯城区沟溪小微企业园', kind: '小微园', townCode: '330802211', industries: ['C13', 'C30'] },
  { name: '衢州经济技术开发区', kind: '开发区', townCode: '330803002', industries: ['C38', 'C39', 'C27', 'C33'] },
  { name: '衢江经济开发区', kind: '开发区', townCode: '330803001', industries: ['C22', 'C26', 'C29'] },
  { name: '衢江区莲花工业园区', kind: '工业园区', townCode: '330803103', industries: ['C22', 'C13'] },
  { name: '衢江区高家小微企业园', kind: '小微园', townCode: '330803114', industries: ['C30', 'C33'] },
  { name: '衢江区杜泽小微企业园', kind: '小微园', townCode: '330803115', industries: ['C13', 'C20'] },
  { name: '常山经济开发区', kind: '开发区', townCode: '330822002', industries: ['C3451', 'C13', 'C30'] },
  { name: '常山县辉埠新材料产业园', kind: '工业园区', townCode: '330822115', industries: ['C30', 'C26'] },
  { name: '常山县天马小微企业园', kind: '小微园', townCode: '330822001', industries: ['C34', 'C33'] },
  { name: '常山县球川小微企业园', kind: '小微园', townCode: '330822111', industries: ['C13', 'C15'] },
  { name: '开化经济开发区', kind: '开发区', townCode: '330824115', industries: ['C26', 'C39', 'C38'] },
  { name: '开化县池淮小微企业园', kind: '小微园', townCode: '330824117', industries: ['C20', 'C24'] },
  { name: '开化县音坑小微企业园', kind: '小微园', townCode: '330824217', industries: ['C15', 'C13'] },
  { name: '龙游经济开发区', kind: '开发区', townCode: '330825002', industries: ['C22', 'C23', 'C26'] },
  { name: '龙游县湖镇工业园区', kind: '工业园区', townCode: '330825101', industries: ['C22', 'C29'] },
  { name: '龙游县詹家小微企业园', kind: '小微园', townCode: '330825106', industries: ['C13', 'C14'] },
  { name: '龙游县横山小微企业园', kind: '小微园', townCode: '330825110', industries: ['C33', 'C21'] },
  { name: '江山经济开发区', kind: '开发区', townCode: '330881002', industries: ['C2032', 'C3312', 'C21', 'C38'] },
  { name: '江山市贺村工业园区', kind: '工业园区', townCode: '330881121', industries: ['C20', 'C21', 'C33'] },
  { name: '江山市上余小微企业园', kind: '小微园', townCode: '330881116', industries: ['C30', 'C33'] },
  { name: '江山市清湖小微企业园', kind: '小微园', townCode: '330881003', industries: ['C13', 'C29'] },
  { name: '江山市峡口小微企业园', kind: '小微园', townCode: '330881119', industries: ['C20', 'C15'] },
];

/** Radius range in metres: development zones are a few km across, micro parks under one. */
const RADIUS: Record<ParkKind, [number, number]> = { 开发区: [1200, 1500], 工业园区: [700, 900], 小微园: [300, 450] };
/** Share of park enterprises: zones hold most. */
export const PARK_KIND_WEIGHT: Record<ParkKind, number> = { 开发区: 5, 工业园区: 2.5, 小微园: 1 };

export type Park = {
  id: number;
  name: string;
  kind: ParkKind;
  countyCode: string;
  townCode: string;
  industries: string[];
  center: LonLat;
  radius: number;
  geometry: Polygon;
  bbox: BBox;
};

function irregularPolygon(rng: () => number, center: LonLat, radius: number): Polygon {
  const n = 6 + Math.floor(rng() * 3);
  const start = rng() * Math.PI * 2;
  const ring: number[][] = [];
  for (let i = 0; i < n; i++) {
    const angle = start + (i / n) * Math.PI * 2 + uniform(rng, -0.25, 0.25);
    const r = radius * uniform(rng, 0.7, 1.15);
    const p = offsetMetres(center[0], center[1], r * Math.cos(angle), r * Math.sin(angle));
    ring.push([round5(p[0]), round5(p[1])]);
  }
  ring.push(ring[0]);
  return { type: 'Polygon', coordinates: [ring] };
}

let cached: Park[] | undefined;

export function buildParks(geo: Geography): Park[] {
  if (cached) return cached;
  const rng = stageRng(20_180_320, 'parks');
  const placed: Park[] = [];
  PARK_SPECS.forEach((spec, i) => {
    const town = geo.townByCode.get(spec.townCode);
    if (!town) throw new Error(`park ${spec.name}: unknown town ${spec.townCode}`);
    const county = geo.countyByCode.get(town.countyCode) as NonNullable<ReturnType<typeof geo.countyByCode.get>>;
    const [rMin, rMax] = RADIUS[spec.kind];
    // Zones sit on the edge of town rather than on the town centre itself.
    const spread = spec.kind === '开发区' ? 2500 : 900;
    for (let attempt = 0; attempt < 500; attempt++) {
      const radius = uniform(rng, rMin, rMax) * (attempt > 250 ? 0.7 : 1);
      const s = spread * (1 - attempt / 600);
      const center = offsetMetres(town.center[0], town.center[1], normal(rng, 0, s), normal(rng, 0, s));
      const geometry = irregularPolygon(rng, center, radius);
      const ring = geometry.coordinates[0];
      if (!ring.every((p) => contains(county.geometry, p[0], p[1]))) continue;
      if (placed.some((p) => distanceMetres(p.center, center) < (p.radius + radius) * 1.2 + 200)) continue;
      placed.push({
        id: i + 1,
        name: spec.name,
        kind: spec.kind,
        countyCode: county.code,
        townCode: town.code,
        industries: spec.industries,
        center: [round5(center[0]), round5(center[1])],
        radius,
        geometry,
        bbox: bboxOf(geometry),
      });
      return;
    }
    throw new Error(`park ${spec.name}: no room found in ${county.name}`);
  });
  cached = placed;
  return placed;
}

export function parkRows(list: Park[]): InferInsertModel<typeof parks>[] {
  return list.map((p) => ({
    id: p.id,
    name: p.name,
    kind: p.kind,
    countyCode: p.countyCode,
    centerLon: p.center[0],
    centerLat: p.center[1],
    minLon: p.bbox[0],
    minLat: p.bbox[1],
    maxLon: p.bbox[2],
    maxLat: p.bbox[3],
    geometry: p.geometry,
    industryCodes: p.industries,
  }));
}
