// What rows are checked against: the region's counties, towns, grids and parks (for
// point-in-polygon), known industries, rivers, and the enterprises and sections a file refers to.
// Read from the database, so imported parks and regions count as soon as they are committed.
import { inArray, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client';
import { enterprises, outlets, sections } from '../../db/schema';
import { type Area, distanceMetres, PolygonIndex } from '../../db/seed/spatial';
import { type Crs, isInChina, toWgs84 } from '../../domain/coordinates';
import type { RowReader } from './fields';

export type Place = {
  countyCode: string;
  townCode: string | null;
  gridId: number | null;
  parkId: number | null;
};

type Region = {
  code: string;
  name: string;
  parentCode: string | null;
  center: [number, number] | null;
  geometry: Area;
};
type GridRef = { id: number; level: number; regionCode: string | null; geometry: Area | null };
type ParkRef = { id: number; name: string; countyCode: string; geometry: Area };
export type EnterpriseRef = { id: number; lon: number; lat: number };
export type SectionRef = { id: number; waterBody: 'river' | 'lake' };
export type OutletRef = { id: number; enterpriseId: number; code: string };

export type Need = 'regions' | 'industries' | 'parks' | 'grids' | 'rivers';

const LOOKUP_CHUNK = 5_000;

export class Reference {
  counties: Region[] = [];
  countyByCode = new Map<string, Region>();
  countyByName = new Map<string, Region>();
  private countyIndex = new PolygonIndex<Region>([]);
  private towns: Region[] = [];
  private townIndex = new PolygonIndex<Region>([]);
  private gridIndex = new PolygonIndex<GridRef>([]);
  private gridByRegion = new Map<string, number>();
  parks: ParkRef[] = [];
  parkByName = new Map<string, ParkRef>();
  private parkIndex = new PolygonIndex<ParkRef>([]);
  industries = new Set<string>();
  riverByName = new Map<string, number>();
  enterpriseByUscc = new Map<string, EnterpriseRef>();
  sectionByCode = new Map<string, SectionRef>();
  outletByMn = new Map<string, OutletRef>();

  constructor(readonly crs: Crs) {}

  static async load(db: Db, crs: Crs, needs: Need[]): Promise<Reference> {
    const ref = new Reference(crs);
    const want = new Set(needs);
    if (want.has('regions')) await ref.loadRegions(db);
    if (want.has('grids')) await ref.loadGrids(db);
    if (want.has('parks')) await ref.loadParks(db);
    if (want.has('industries')) {
      const rows = rowsOf<{ code: string }>(await db.execute(sql`select code from industries`));
      ref.industries = new Set(rows.map((r) => r.code));
    }
    if (want.has('rivers')) {
      const rows = rowsOf<{ id: number; name: string }>(await db.execute(sql`select id, name from rivers`));
      ref.riverByName = new Map(rows.map((r) => [r.name, Number(r.id)]));
    }
    return ref;
  }

  private async loadRegions(db: Db) {
    const rows = rowsOf<{
      code: string;
      name: string;
      level: string;
      parent_code: string | null;
      center_lon: number | null;
      center_lat: number | null;
      geometry: Area | null;
    }>(
      await db.execute(
        sql`select code, name, level, parent_code, center_lon, center_lat, geometry from regions
             where level in ('county', 'town') and geometry is not null order by code`,
      ),
    );
    const toRegion = (r: (typeof rows)[number]): Region => ({
      code: r.code,
      name: r.name,
      parentCode: r.parent_code,
      center: r.center_lon === null || r.center_lat === null ? null : [Number(r.center_lon), Number(r.center_lat)],
      geometry: r.geometry as Area,
    });
    this.counties = rows.filter((r) => r.level === 'county').map(toRegion);
    this.towns = rows.filter((r) => r.level === 'town').map(toRegion);
    this.countyByCode = new Map(this.counties.map((c) => [c.code, c]));
    this.countyByName = new Map(this.counties.map((c) => [c.name, c]));
    this.countyIndex = new PolygonIndex(this.counties.map((c) => ({ geometry: c.geometry, value: c })));
    this.townIndex = new PolygonIndex(this.towns.map((t) => ({ geometry: t.geometry, value: t })));
  }

  private async loadGrids(db: Db) {
    const rows = rowsOf<{ id: number; level: number; region_code: string | null; geometry: Area | null }>(
      await db.execute(sql`select id, level, region_code, geometry from grids order by id`),
    );
    const grids = rows.map((r) => ({
      id: Number(r.id),
      level: Number(r.level),
      regionCode: r.region_code,
      geometry: r.geometry,
    }));
    // The village grid is the most specific cell; town and county grids catch points at the edges.
    this.gridIndex = new PolygonIndex(
      grids.filter((g) => g.level === 3 && g.geometry).map((g) => ({ geometry: g.geometry as Area, value: g })),
    );
    for (const g of grids) {
      if (g.level < 3 && g.regionCode && !this.gridByRegion.has(g.regionCode))
        this.gridByRegion.set(g.regionCode, g.id);
    }
  }

  private async loadParks(db: Db) {
    const rows = rowsOf<{ id: number; name: string; county_code: string; geometry: Area }>(
      await db.execute(sql`select id, name, county_code, geometry from parks order by id`),
    );
    this.parks = rows.map((r) => ({ id: Number(r.id), name: r.name, countyCode: r.county_code, geometry: r.geometry }));
    this.parkByName = new Map(this.parks.map((p) => [p.name, p]));
    this.parkIndex = new PolygonIndex(this.parks.map((p) => ({ geometry: p.geometry, value: p })));
  }

  /** Enterprises the file names, by USCC: one query per few thousand codes instead of the whole table. */
  async loadEnterprises(db: Db, usccs: Iterable<string>) {
    const list = [...new Set(usccs)].filter((u) => u.length === 18);
    for (let i = 0; i < list.length; i += LOOKUP_CHUNK) {
      const rows = await db
        .select({ id: enterprises.id, uscc: enterprises.uscc, lon: enterprises.lon, lat: enterprises.lat })
        .from(enterprises)
        .where(inArray(enterprises.uscc, list.slice(i, i + LOOKUP_CHUNK)));
      for (const r of rows) this.enterpriseByUscc.set(r.uscc, { id: r.id, lon: r.lon, lat: r.lat });
    }
  }

  async loadSections(db: Db, codes: Iterable<string>) {
    const list = [...new Set(codes)].filter((c) => c.length > 0 && c.length <= 64);
    for (let i = 0; i < list.length; i += LOOKUP_CHUNK) {
      const rows = await db
        .select({ id: sections.id, code: sections.code, waterBody: sections.waterBody })
        .from(sections)
        .where(inArray(sections.code, list.slice(i, i + LOOKUP_CHUNK)));
      for (const r of rows) this.sectionByCode.set(r.code, { id: r.id, waterBody: r.waterBody });
    }
  }

  async loadOutlets(db: Db, mns: Iterable<string>) {
    const list = [...new Set(mns)].filter((c) => c.length > 0 && c.length <= 24);
    for (let i = 0; i < list.length; i += LOOKUP_CHUNK) {
      const rows = await db
        .select({ id: outlets.id, mn: outlets.mn, enterpriseId: outlets.enterpriseId, code: outlets.code })
        .from(outlets)
        .where(inArray(outlets.mn, list.slice(i, i + LOOKUP_CHUNK)));
      for (const r of rows) this.outletByMn.set(r.mn, { id: r.id, enterpriseId: r.enterpriseId, code: r.code });
    }
  }

  countyAt(lon: number, lat: number): Region | undefined {
    return this.countyIndex.find(lon, lat);
  }

  /** County, town, grid and park of a WGS84 point; undefined outside every county of the region. */
  locate(lon: number, lat: number): Place | undefined {
    const county = this.countyIndex.find(lon, lat);
    if (!county) return undefined;
    const countyTowns = () => this.towns.filter((t) => t.parentCode === county.code);
    // Town outlines are approximate: a point in a gap between them goes to the nearest town centre.
    const town = this.townIndex.find(lon, lat, (t) => t.parentCode === county.code) ?? nearest(countyTowns(), lon, lat);
    const grid = this.gridIndex.find(lon, lat, (g) => g.regionCode === (town?.code ?? county.code));
    const gridId = grid?.id ?? (town && this.gridByRegion.get(town.code)) ?? this.gridByRegion.get(county.code) ?? null;
    const park = this.parkIndex.find(lon, lat);
    return { countyCode: county.code, townCode: town?.code ?? null, gridId, parkId: park?.id ?? null };
  }

  parkAt(lon: number, lat: number): ParkRef | undefined {
    return this.parkIndex.find(lon, lat);
  }

  /** A county by GB/T 2260 code or by name (柯城区). */
  county(r: RowReader, key: string, opt: { required?: boolean } = {}): string | null | undefined {
    const s = r.text(key, { required: opt.required, max: 40 });
    if (s === null || s === undefined) return s;
    const t = s.normalize('NFKC').replace(/\s+/g, '');
    const c = this.countyByCode.get(t) ?? this.countyByName.get(t);
    if (!c) {
      r.fail(key, '未知的区县代码或名称（unknown county code or name）');
      return null;
    }
    return c.code;
  }

  /**
   * lon/lat in the file's CRS, converted to WGS84 and checked against the region. Rounded to
   * 1e-7° (about 1 cm) so that the same file always yields the same stored numbers.
   */
  point(
    r: RowReader,
    keys: { lon: string; lat: string },
    opt: { required?: boolean } = {},
  ): [number, number] | null | undefined {
    const lon = r.number(keys.lon, { min: -180, max: 180, required: opt.required });
    const lat = r.number(keys.lat, { min: -90, max: 90, required: opt.required });
    if (lon === undefined && lat === undefined) return undefined;
    if (lon === null || lon === undefined || lat === null || lat === undefined) {
      // One given without the other; a cell that failed to parse has been reported already.
      const given = (v: number | null | undefined) => v !== null && v !== undefined;
      if (given(lon) || given(lat)) {
        const missing = given(lon) ? keys.lat : keys.lon;
        const cell = r.raw(missing);
        if (cell === undefined || cell === null || String(cell).trim() === '') {
          r.fail(missing, '经度与纬度须同时填写（give both lon and lat）');
        }
      }
      return null;
    }
    const shown = `${lon}, ${lat}`;
    if (!isInChina(lon, lat)) {
      const swapped = isInChina(lat, lon) ? '，经纬度可能填反了（lon and lat may be swapped）' : '';
      r.fail(keys.lon, `坐标不在中国境内${swapped}（coordinates outside China）`, shown);
      return null;
    }
    const [x, y] = toWgs84(lon, lat, this.crs);
    const p: [number, number] = [round7(x), round7(y)];
    if (!this.countyAt(p[0], p[1])) {
      r.fail(
        keys.lon,
        `坐标不在本辖区任何区县内（${this.crs.toUpperCase()}，point outside the region's counties）`,
        shown,
      );
      return null;
    }
    return p;
  }
}

export const round7 = (v: number) => Math.round(v * 1e7) / 1e7;

function nearest(list: Region[], lon: number, lat: number): Region | undefined {
  let best: Region | undefined;
  let bestD = Number.POSITIVE_INFINITY;
  for (const t of list) {
    if (!t.center) continue;
    const d = distanceMetres(t.center, [lon, lat]);
    if (d < bestD) {
      best = t;
      bestD = d;
    }
  }
  return best;
}
