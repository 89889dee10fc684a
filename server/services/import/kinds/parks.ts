import centroid from '@turf/centroid';
import { and, gte, inArray, isNull, lte } from 'drizzle-orm';
import { enterprises, parks } from '../../../db/schema';
import { type Area, bboxOf, contains } from '../../../db/seed/spatial';
import { isInChina, toWgs84 } from '../../../domain/coordinates';
import type { RowReader } from '../fields';
import { updateRowsById, upsertRows } from '../recordset';
import { type Reference, round7 } from '../reference';
import { chunked, defineKind, emptyStats, pick, sameRow } from './common';

const KIND = {
  工业园区: ['工业园区', '工业园', 'industrial park'],
  小微园: ['小微园', '小微企业园', '小微企业创业园', 'micro park'],
  开发区: ['开发区', '经济开发区', '高新区', 'development zone'],
};

/** Far more than a drawn park outline needs; bounds the work a hostile polygon can cause. */
const MAX_VERTICES = 20_000;

export type ParkRecord = {
  name: string;
  kind: keyof typeof KIND;
  countyCode: string;
  geometry: Area;
  center: [number, number];
  bbox: [number, number, number, number];
  industryCodes: string[] | undefined;
};

const COMPARED = ['kind', 'countyCode', 'centerLon', 'centerLat', 'geometry', 'industryCodes'];

export const parksKind = defineKind<ParkRecord>({
  kind: 'parks',
  label: { zh: '园区', en: 'park' },
  columns: [
    { key: 'name', header: '园区名称', aliases: ['名称', 'parkName'], required: true, example: '柯城区示例小微企业园' },
    { key: 'kind', header: '园区类型', aliases: ['类型', 'type'], required: true, example: '小微园' },
    { key: 'county', header: '区县', aliases: ['所属区县', '区县代码', 'countyCode'], example: '柯城区' },
    { key: 'industries', header: '主导行业代码', aliases: ['主导行业', 'industryCodes'], example: 'C33;C29' },
    {
      key: 'geometry',
      header: '范围(GeoJSON)',
      aliases: ['范围', '边界', '几何', 'geom'],
      required: true,
      example: JSON.stringify({
        type: 'Polygon',
        coordinates: [
          [
            [118.86, 28.96],
            [118.87, 28.96],
            [118.87, 28.97],
            [118.86, 28.97],
            [118.86, 28.96],
          ],
        ],
      }),
    },
  ],
  geometry: { area: 'geometry' },
  needs: ['regions', 'industries'],

  validate(r, ref) {
    const name = r.text('name', { required: true, max: 100 });
    const kind = r.choice('kind', KIND, { required: true });
    const declared = ref.county(r, 'county');
    const list = r.text('industries', { max: 500 });
    let industryCodes: string[] | undefined;
    if (list !== undefined) {
      industryCodes = (list ?? '')
        .normalize('NFKC')
        .toUpperCase()
        .split(/[\s,;、，；]+/)
        .filter(Boolean);
      const unknown = industryCodes.filter((c) => !ref.industries.has(c));
      if (unknown.length) r.fail('industries', `未知的行业代码 ${unknown.join('、')}（unknown industry codes）`);
    }
    const area = readArea(r, ref);
    let countyCode: string | undefined;
    if (area) {
      const inside = ref.countyAt(area.center[0], area.center[1]);
      if (!inside) r.fail('geometry', '园区中心不在本辖区任何区县内（the park lies outside the region）', null);
      // Parks may straddle a border: a declared county wins over the one holding the centre.
      countyCode = declared ?? inside?.code;
    }
    if (!r.ok || !name || !kind || !area || !countyCode) return null;
    return { name, kind, countyCode, ...area, industryCodes: industryCodes ? [...new Set(industryCodes)] : undefined };
  },
  key: (p) => p.name,
  keyColumn: 'name',

  async write(db, recs, ctx) {
    const stats = emptyStats();
    const stored = new Map<string, typeof parks.$inferSelect>();
    for (const part of chunked(recs, 1_000)) {
      const rows = await db
        .select()
        .from(parks)
        .where(
          inArray(
            parks.name,
            part.map((p) => p.name),
          ),
        );
      for (const row of rows) stored.set(row.name, row);
    }
    const changed: (Record<string, unknown> & { geometry: Area })[] = [];
    for (const p of recs) {
      const old = stored.get(p.name);
      const next = {
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
        industryCodes: pick(p.industryCodes, old?.industryCodes, []),
      };
      if (old && sameRow(old, next, COMPARED)) {
        stats.unchanged++;
        continue;
      }
      changed.push(next);
      if (old) stats.updated++;
      else stats.inserted++;
    }
    if (!ctx.apply) return stats;
    const written = await upsertRows<{ id: number; name: string }>(db, parks, changed, {
      conflict: ['name'],
      returning: ['id', 'name'],
    });
    const idByName = new Map(written.map((w) => [w.name, Number(w.id)]));
    // Enterprises without a park that lie inside a new or redrawn outline now belong to it.
    for (const park of changed) {
      const id = idByName.get(park.name as string) as number;
      const candidates = await db
        .select({ id: enterprises.id, lon: enterprises.lon, lat: enterprises.lat })
        .from(enterprises)
        .where(
          and(
            isNull(enterprises.parkId),
            gte(enterprises.lon, park.minLon as number),
            lte(enterprises.lon, park.maxLon as number),
            gte(enterprises.lat, park.minLat as number),
            lte(enterprises.lat, park.maxLat as number),
          ),
        );
      const inside = candidates
        .filter((e) => contains(park.geometry, e.lon, e.lat))
        .map((e) => ({ id: e.id, parkId: id }));
      await updateRowsById(db, enterprises, inside);
      stats.sideEffects += inside.length;
    }
    return stats;
  },
});

/** A Polygon or MultiPolygon in the file's CRS: shape-checked, converted to WGS84 and measured. */
function readArea(r: RowReader, ref: Reference): Pick<ParkRecord, 'geometry' | 'center' | 'bbox'> | null {
  const text = r.text('geometry', { required: true, max: 5_000_000 });
  if (!text) return null;
  const bad = (why: string) => {
    r.fail('geometry', `范围无效：${why}`, text.length > 80 ? `${text.slice(0, 80)}…` : text);
    return null;
  };
  let g: { type?: unknown; coordinates?: unknown };
  try {
    g = JSON.parse(text);
  } catch {
    return bad('不是 GeoJSON（not GeoJSON）');
  }
  if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon') || !Array.isArray(g.coordinates)) {
    return bad('应为 Polygon 或 MultiPolygon（must be a Polygon or MultiPolygon）');
  }
  const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as unknown[];
  let vertices = 0;
  const converted: [number, number][][][] = [];
  for (const poly of polygons) {
    if (!Array.isArray(poly) || poly.length === 0) return bad('多边形为空（empty polygon）');
    const rings: [number, number][][] = [];
    for (const ring of poly) {
      if (!Array.isArray(ring) || ring.length < 4) return bad('每个环至少 4 个点（a ring needs at least 4 positions）');
      vertices += ring.length;
      if (vertices > MAX_VERTICES) return bad(`顶点超过 ${MAX_VERTICES} 个（more than ${MAX_VERTICES} vertices）`);
      const out: [number, number][] = [];
      for (const pos of ring) {
        const [x, y] = Array.isArray(pos) ? pos : [];
        if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
          return bad('坐标应为数字（positions must be numbers）');
        }
        if (!isInChina(x, y)) return bad('顶点不在中国境内（a vertex lies outside China）');
        const [lon, lat] = toWgs84(x, y, ref.crs);
        out.push([round7(lon), round7(lat)]);
      }
      const [a, b] = [out[0], out[out.length - 1]];
      if (a[0] !== b[0] || a[1] !== b[1]) return bad('环未闭合（ring is not closed）');
      rings.push(out);
    }
    converted.push(rings);
  }
  const geometry: Area =
    g.type === 'Polygon'
      ? { type: 'Polygon', coordinates: converted[0] }
      : { type: 'MultiPolygon', coordinates: converted };
  const c = centroid(geometry).geometry.coordinates;
  return { geometry, center: [round7(c[0]), round7(c[1])], bbox: bboxOf(geometry) };
}
