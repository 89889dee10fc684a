import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { type SQL, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../db/client';
import { getDataVersion } from '../db/meta';
import { colourThen, historyJoin } from './code-colours';
import { freeTurn, type Turn } from './turn';

const gzipAsync = promisify(gzip);

/**
 * The enterprise map layer as one compact little-endian columnar payload (16 bytes per
 * enterprise before compression): the browser hands the columns straight to deck.gl and
 * filters on the GPU, so a filter change never refetches.
 *
 * Header (32 bytes): "ENT1", u32 formatVersion, u32 n, u32 dataVersion, f32 minLon, minLat,
 * maxLon, maxLat. Columns: ids u32[n], lonQ u16[n], latQ u16[n], town u16[n] (0 none, else
 * index+1), park u16[n] (0 none, else index+1), industry u16[n], county u8[n], flags u8[n]
 * (bits 0–1 colour green/yellow/red, bit 2 key pollutant unit, bit 3 insured). Then padding to
 * 4 bytes, u32 L and L bytes of UTF-8 JSON dictionaries {counties, towns, parks, industries}.
 */
export const LAYER_FORMAT_VERSION = 1;
const HEADER_BYTES = 32;
const COLOUR_CODE = { green: 0, yellow: 1, red: 2 } as const;

export type LayerRow = {
  id: number;
  lon: number;
  lat: number;
  countyCode: string;
  townCode: string | null;
  parkId: number | null;
  industryCode: string;
  colour: keyof typeof COLOUR_CODE;
  keyPollutant: boolean;
  insured: boolean;
};

export type LayerDictionaries = {
  counties: string[];
  towns: string[];
  parks: number[];
  industries: string[];
};

function indexer<K>() {
  const map = new Map<K, number>();
  const list: K[] = [];
  return {
    list,
    index(key: K) {
      let i = map.get(key);
      if (i === undefined) {
        i = list.length;
        map.set(key, i);
        list.push(key);
      }
      return i;
    },
  };
}

/**
 * Fills the ENT1 columns row by row against bounds fixed up front, so the rows can arrive in
 * chunks (a million enterprises never sit in memory as objects). Rows beyond `capacity` grow the
 * columns; positions outside the bounds are clamped to them.
 */
export class EnterpriseLayerBuilder {
  private n = 0;
  ids: Uint32Array;
  lonQ: Uint16Array;
  latQ: Uint16Array;
  town: Uint16Array;
  park: Uint16Array;
  industry: Uint16Array;
  county: Uint8Array;
  flags: Uint8Array;
  private readonly counties = indexer<string>();
  private readonly towns = indexer<string>();
  private readonly parks = indexer<number>();
  private readonly industries = indexer<string>();
  private readonly bounds: Float32Array;

  constructor(
    bounds: { minLon: number; minLat: number; maxLon: number; maxLat: number },
    capacity: number,
    private readonly dataVersion: number,
  ) {
    // f32 bounds are what the client decodes with, so quantise against exactly those values.
    this.bounds = Float32Array.of(bounds.minLon, bounds.minLat, bounds.maxLon, bounds.maxLat);
    const c = Math.max(0, capacity);
    this.ids = new Uint32Array(c);
    this.lonQ = new Uint16Array(c);
    this.latQ = new Uint16Array(c);
    this.town = new Uint16Array(c);
    this.park = new Uint16Array(c);
    this.industry = new Uint16Array(c);
    this.county = new Uint8Array(c);
    this.flags = new Uint8Array(c);
  }

  private grow() {
    const c = Math.max(1024, this.ids.length * 2);
    const g = <T extends Uint32Array | Uint16Array | Uint8Array>(a: T, make: new (n: number) => T): T => {
      const b = new make(c);
      b.set(a);
      return b;
    };
    this.ids = g(this.ids, Uint32Array);
    this.lonQ = g(this.lonQ, Uint16Array);
    this.latQ = g(this.latQ, Uint16Array);
    this.town = g(this.town, Uint16Array);
    this.park = g(this.park, Uint16Array);
    this.industry = g(this.industry, Uint16Array);
    this.county = g(this.county, Uint8Array);
    this.flags = g(this.flags, Uint8Array);
  }

  add(r: LayerRow): void {
    if (this.n === this.ids.length) this.grow();
    const i = this.n++;
    const [minLon, minLat, maxLon, maxLat] = this.bounds;
    const lonSpan = maxLon - minLon || 1;
    const latSpan = maxLat - minLat || 1;
    const q = (v: number) => Math.min(65535, Math.max(0, Math.round(v * 65535)));
    this.ids[i] = r.id;
    this.lonQ[i] = q((r.lon - minLon) / lonSpan);
    this.latQ[i] = q((r.lat - minLat) / latSpan);
    this.town[i] = r.townCode ? this.towns.index(r.townCode) + 1 : 0;
    this.park[i] = r.parkId ? this.parks.index(r.parkId) + 1 : 0;
    this.industry[i] = this.industries.index(r.industryCode);
    this.county[i] = this.counties.index(r.countyCode);
    this.flags[i] = COLOUR_CODE[r.colour] | (r.keyPollutant ? 4 : 0) | (r.insured ? 8 : 0);
  }

  get size(): number {
    return this.n;
  }

  /** Fills n rows of columns directly (records packed elsewhere) with the given dictionaries. */
  assemble(
    n: number,
    fill: (cols: {
      ids: Uint32Array;
      lonQ: Uint16Array;
      latQ: Uint16Array;
      town: Uint16Array;
      park: Uint16Array;
      industry: Uint16Array;
      county: Uint8Array;
      flags: Uint8Array;
    }) => void,
    dict: LayerDictionaries,
  ): Uint8Array {
    this.ids = new Uint32Array(n);
    this.lonQ = new Uint16Array(n);
    this.latQ = new Uint16Array(n);
    this.town = new Uint16Array(n);
    this.park = new Uint16Array(n);
    this.industry = new Uint16Array(n);
    this.county = new Uint8Array(n);
    this.flags = new Uint8Array(n);
    this.n = n;
    fill(this);
    return this.finish(dict);
  }

  finish(
    dict: LayerDictionaries = {
      counties: this.counties.list,
      towns: this.towns.list,
      parks: this.parks.list,
      industries: this.industries.list,
    },
  ): Uint8Array {
    const n = this.n;
    const columnsBytes = n * 16;
    const json = new TextEncoder().encode(JSON.stringify(dict));
    const pad = (4 - ((HEADER_BYTES + columnsBytes) % 4)) % 4;
    const out = new Uint8Array(HEADER_BYTES + columnsBytes + pad + 4 + json.length);
    const view = new DataView(out.buffer);
    out.set([0x45, 0x4e, 0x54, 0x31], 0); // "ENT1"
    view.setUint32(4, LAYER_FORMAT_VERSION, true);
    view.setUint32(8, n, true);
    view.setUint32(12, this.dataVersion, true);
    const [minLon, minLat, maxLon, maxLat] = n === 0 ? [0, 0, 0, 0] : this.bounds;
    view.setFloat32(16, minLon, true);
    view.setFloat32(20, minLat, true);
    view.setFloat32(24, maxLon, true);
    view.setFloat32(28, maxLat, true);
    let off = HEADER_BYTES;
    const put = (a: Uint32Array | Uint16Array | Uint8Array) => {
      const bytes = new Uint8Array(a.buffer, 0, n * a.BYTES_PER_ELEMENT);
      out.set(bytes, off);
      off += bytes.length;
    };
    put(this.ids);
    put(this.lonQ);
    put(this.latQ);
    put(this.town);
    put(this.park);
    put(this.industry);
    put(this.county);
    put(this.flags);
    view.setUint32(HEADER_BYTES + columnsBytes + pad, json.length, true);
    out.set(json, HEADER_BYTES + columnsBytes + pad + 4);
    return out;
  }
}

export function encodeEnterpriseLayer(rows: LayerRow[], dataVersion: number): Uint8Array {
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const r of rows) {
    if (r.lon < minLon) minLon = r.lon;
    if (r.lon > maxLon) maxLon = r.lon;
    if (r.lat < minLat) minLat = r.lat;
    if (r.lat > maxLat) maxLat = r.lat;
  }
  if (rows.length === 0) minLon = minLat = maxLon = maxLat = 0;
  const builder = new EnterpriseLayerBuilder({ minLon, minLat, maxLon, maxLat }, rows.length, dataVersion);
  for (const r of rows) builder.add(r);
  return builder.finish();
}

const LAYER_COLUMNS = sql.raw(`id, lon, lat, county_code as "countyCode", town_code as "townCode",
  park_id as "parkId", industry_code as "industryCode", colour, key_pollutant as "keyPollutant", insured`);

export async function loadLayerRows(db: Db): Promise<LayerRow[]> {
  return rowsOf<LayerRow>(await db.execute(sql`select ${LAYER_COLUMNS} from enterprises order by id`));
}

/**
 * Encodes the layer with the database doing the per-row arithmetic: one aggregate returns every
 * enterprise as a 9-byte big-endian record (id, quantised lon/lat, flags) and a second, in the
 * same order, its county, town, park and industry codes as one text — so no row object is ever
 * built (on PGlite, decoding a million protocol rows costs far more than the query). JS looks the
 * codes up in the small dictionaries, which measured twice as fast as joining them in SQL, and
 * transposes into the little-endian ENT1 columns, in ascending id order. The quantisation is the same arithmetic as
 * EnterpriseLayerBuilder (float8, f32 bounds, round, clamp).
 */
const PACK_CHUNK = 65_536;
const RECORD_BYTES = 9;

/**
 * `codesAsOf` reads each enterprise's colour from its code history as it stood on that day (the
 * latest assessment on or before it) instead of the current code; an enterprise with no history
 * by then keeps its current colour.
 */
export async function encodeEnterpriseLayerFromDb(
  db: Db,
  dataVersion: number,
  codesAsOf: string | null = null,
  turn: Turn = freeTurn,
): Promise<Uint8Array> {
  // Bounds only: distinct codes over a million rows cost SQL four sorts; JS collects them below.
  const [s] = rowsOf<{
    n: number;
    minId: number | null;
    maxId: number | null;
    minLon: number | null;
    minLat: number | null;
    maxLon: number | null;
    maxLat: number | null;
  }>(
    await turn(() =>
      db.execute(sql`
      select count(*)::int as n, min(id) as "minId", max(id) as "maxId", min(lon)::float8 as "minLon", min(lat)::float8 as "minLat",
             max(lon)::float8 as "maxLon", max(lat)::float8 as "maxLat"
        from enterprises`),
    ),
  );
  const n = Number(s.n);
  const bounds = Float32Array.of(s.minLon ?? 0, s.minLat ?? 0, s.maxLon ?? 0, s.maxLat ?? 0);
  const [minLon, minLat, maxLon, maxLat] = bounds;
  const lonSpan = maxLon - minLon || 1;
  const latSpan = maxLat - minLat || 1;

  const chunks: { packed: Uint8Array; codes: string }[] = [];
  let total = 0;
  if (n > 0) {
    const u16 = (v: SQL) => sql`substr(int4send((${v})::int), 3, 2)`;
    const u8 = (v: SQL) => sql`substr(int4send((${v})::int), 4, 1)`;
    const q = (col: SQL, min: number, span: number) =>
      sql`least(65535, greatest(0, round((${col} - ${min}::float8) / ${span}::float8 * 65535)))`;
    // Id-range chunks keep each aggregate's sort in memory (work_mem) instead of spilling to disk.
    for (let lo = Number(s.minId); lo <= Number(s.maxId); lo += PACK_CHUNK) {
      const history = historyJoin(codesAsOf, sql`enterprise_id >= ${lo} and enterprise_id < ${lo + PACK_CHUNK}`);
      // One chunk per turn: anonymous builds let other requests' queries in between chunks.
      const [row] = rowsOf<{ packed: Uint8Array | null; codes: string | null }>(
        await turn(() =>
          db.execute(sql`
          select string_agg(
                   int4send(e.id)
                   || ${u16(q(sql`e.lon`, minLon, lonSpan))}
                   || ${u16(q(sql`e.lat`, minLat, latSpan))}
                   || ${u8(sql`(case ${colourThen} when 'yellow' then 1 when 'red' then 2 else 0 end)
                               | (case when e.key_pollutant then 4 else 0 end) | (case when e.insured then 8 else 0 end)`)},
                   ''::bytea) as packed,
                 string_agg(e.county_code || ',' || coalesce(e.town_code, '') || ',' || coalesce(e.park_id::text, '')
                            || ',' || e.industry_code, ';') as codes
            from enterprises e
            ${history}
           where e.id >= ${lo} and e.id < ${lo + PACK_CHUNK}`),
        ),
      );
      if (row?.packed && row.codes !== null) {
        chunks.push({ packed: row.packed, codes: row.codes });
        total += row.packed.length / RECORD_BYTES;
      }
    }
  }
  // Codes get indexes as first seen, then the dictionaries are sorted (a stable payload for the
  // same data) and the columns remapped. Towns and parks are 1-based, 0 meaning none.
  const counties = indexer<string>();
  const towns = indexer<string>();
  const parks = indexer<string>();
  const industries = indexer<string>();
  const dict: LayerDictionaries = { counties: [], towns: [], parks: [], industries: [] };
  const builder = new EnterpriseLayerBuilder({ minLon, minLat, maxLon, maxLat }, 0, dataVersion);
  return builder.assemble(
    total,
    (cols) => {
      let i = 0;
      for (const { packed, codes } of chunks) {
        const v = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
        const m = packed.length / RECORD_BYTES;
        let at = 0;
        for (let k = 0, o = 0; k < m; k++, i++, o += RECORD_BYTES) {
          cols.ids[i] = v.getUint32(o);
          cols.lonQ[i] = v.getUint16(o + 4);
          cols.latQ[i] = v.getUint16(o + 6);
          cols.flags[i] = packed[o + 8];
          // "county,town,park,industry" records joined by ';' (no code contains either).
          const a = codes.indexOf(',', at);
          const b = codes.indexOf(',', a + 1);
          const c = codes.indexOf(',', b + 1);
          let end = codes.indexOf(';', c + 1);
          if (end < 0) end = codes.length;
          cols.county[i] = counties.index(codes.slice(at, a));
          cols.town[i] = b > a + 1 ? towns.index(codes.slice(a + 1, b)) + 1 : 0;
          cols.park[i] = c > b + 1 ? parks.index(codes.slice(b + 1, c)) + 1 : 0;
          cols.industry[i] = industries.index(codes.slice(c + 1, end));
          at = end + 1;
        }
      }
      if (counties.list.length > 255 || Math.max(towns.list.length, parks.list.length, industries.list.length) > 65_534)
        throw new RangeError('enterprise layer dictionaries exceed the ENT1 index widths');
      const c = sortedDictionary(counties.list, (a, b) => (a < b ? -1 : 1));
      const t = sortedDictionary(towns.list, (a, b) => (a < b ? -1 : 1));
      const p = sortedDictionary(parks.list, (a, b) => Number(a) - Number(b));
      const ind = sortedDictionary(industries.list, (a, b) => (a < b ? -1 : 1));
      for (let j = 0; j < total; j++) {
        cols.county[j] = c.rank[cols.county[j]];
        if (cols.town[j]) cols.town[j] = t.rank[cols.town[j] - 1] + 1;
        if (cols.park[j]) cols.park[j] = p.rank[cols.park[j] - 1] + 1;
        cols.industry[j] = ind.rank[cols.industry[j]];
      }
      dict.counties = c.values;
      dict.towns = t.values;
      dict.parks = p.values.map(Number);
      dict.industries = ind.values;
      sortById(cols, total);
    },
    dict,
  );
}

/**
 * The aggregates read rows in scan order (an ORDER BY per aggregate measured a tenth of the whole
 * build); both see the same order, and a freshly loaded table scans in id order. After updates
 * it may not: clients binary-search ids, so restore ascending order then.
 */
function sortById(
  cols: Record<'ids' | 'lonQ' | 'latQ' | 'town' | 'park' | 'industry', Uint32Array | Uint16Array> &
    Record<'county' | 'flags', Uint8Array>,
  n: number,
): void {
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) sorted = cols.ids[i - 1] < cols.ids[i];
  if (sorted) return;
  const ids = cols.ids;
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => ids[a] - ids[b]);
  for (const key of ['ids', 'lonQ', 'latQ', 'town', 'park', 'industry', 'county', 'flags'] as const) {
    const column = cols[key];
    const copy = column.slice(0, n);
    for (let i = 0; i < n; i++) column[i] = copy[order[i]];
  }
}

/** A dictionary in sorted order, and each first-seen index's rank in it. */
function sortedDictionary(list: string[], compare: (a: string, b: string) => number) {
  const order = list.map((_, j) => j).sort((x, y) => compare(list[x], list[y]));
  const rank = new Uint16Array(list.length);
  for (const [r, j] of order.entries()) rank[j] = r;
  return { values: order.map((j) => list[j]), rank };
}

export type EncodedLayer = {
  etag: string;
  raw: Uint8Array;
  gzip: Uint8Array;
  dataVersion: number;
  /** The day the colours are read as of; null = the current codes. */
  codesAsOf: string | null;
};

/** Current codes plus a few recently asked dates (the period control steps through a handful). */
const MAX_LAYERS_PER_VERSION = 6;

/**
 * One encoded payload per data version and assessment date; layers are rebuilt only when data
 * changes. Callers pass the day as `codesDay` snaps it (an assessment date), so a month's days
 * share one layer.
 */
export function createEnterpriseLayerCache(db: Db) {
  const cached = new Map<string, Promise<EncodedLayer>>();
  let cachedVersion = -1;
  return async function get(codesAsOf: string | null = null, turn: Turn = freeTurn): Promise<EncodedLayer> {
    const dataVersion = await getDataVersion(db);
    if (cachedVersion !== dataVersion) {
      cached.clear();
      cachedVersion = dataVersion;
    }
    const asOf = codesAsOf;
    const key = asOf ?? 'current';
    let layer = cached.get(key);
    if (layer) {
      cached.delete(key);
      cached.set(key, layer);
      return layer;
    }
    if (cached.size >= MAX_LAYERS_PER_VERSION) cached.delete(cached.keys().next().value as string);
    layer = encodeEnterpriseLayerFromDb(db, dataVersion, asOf, turn).then(async (raw) => {
      const n = new DataView(raw.buffer, raw.byteOffset).getUint32(8, true);
      return {
        etag: `"ent1-${dataVersion}-${n}${asOf ? `-${asOf}` : ''}"`,
        raw,
        // In the thread pool: at a million enterprises gzip is most of a second of CPU.
        gzip: new Uint8Array(await gzipAsync(raw, { level: 6 })),
        dataVersion,
        codesAsOf: asOf,
      };
    });
    layer.catch(() => cached.delete(key));
    cached.set(key, layer);
    return layer;
  };
}
