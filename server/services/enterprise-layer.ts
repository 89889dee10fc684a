import { promisify } from 'node:util';
import { brotliCompress, gzip, constants as zlibConstants } from 'node:zlib';
import { type SQL, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../db/client';
import { getDataVersion } from '../db/meta';
import {
  byteWidth,
  EVEN_UNITS_FROM_DEGREES,
  hilbertIndex,
  radixOrder,
  shuffle,
  toUnits,
  UNITS_PER_DEGREE,
  zigzag,
} from '../domain/layer-codec';
import { colourThen, historyJoin } from './code-colours';
import { freeTurn, type Turn } from './turn';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/**
 * The enterprise map layer as one compact binary payload (format ENT2, about 4 B per enterprise
 * after gzip at a million): the browser turns it into typed columns for deck.gl and filters on
 * the GPU, so a filter change never refetches.
 *
 * Header (44 bytes, little-endian): "ENT", u8 format version (2; a client that does not know
 * the version refuses the payload with a clear error), u32 n, u32 dataVersion, i32 x0, i32 y0
 * (the minimum position in 2^-17 degree units, see server/domain/layer-codec.ts), f32 minLon,
 * minLat, maxLon, maxLat, then one u8 byte width per column in the order below.
 * Rows are sorted along a Hilbert curve over the positions (ties in id order). Columns, each
 * byte-shuffled (all first bytes, then all second bytes…) at its width:
 *   dx, dy   zigzag delta of the position from the previous row's (the first from x0, y0)
 *   id       zigzag delta of the id from the previous row's (the first from 0)
 *   town     0 none, else index+1      park  0 none, else index+1      industry  index
 *   county   index                     flags bits 0–1 colour green/yellow/red, bit 2 key
 *                                      pollutant unit, bit 3 insured
 * Then u32 L and L bytes of UTF-8 JSON dictionaries {counties, towns, parks, industries}.
 */
export const LAYER_FORMAT_VERSION = 2;
const HEADER_BYTES = 44;
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

/** One row per enterprise, in any order; positions in 2^-17 degree units. */
export type LayerColumns = {
  ids: Uint32Array;
  x: Int32Array;
  y: Int32Array;
  town: Uint16Array;
  park: Uint16Array;
  industry: Uint16Array;
  county: Uint8Array;
  flags: Uint8Array;
};

const COLUMN_KEYS = ['ids', 'x', 'y', 'town', 'park', 'industry', 'county', 'flags'] as const;

function allocColumns(n: number): LayerColumns {
  return {
    ids: new Uint32Array(n),
    x: new Int32Array(n),
    y: new Int32Array(n),
    town: new Uint16Array(n),
    park: new Uint16Array(n),
    industry: new Uint16Array(n),
    county: new Uint8Array(n),
    flags: new Uint8Array(n),
  };
}

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

/** The ENT2 payload of n rows of columns (sorted here; the columns are left as they were). */
export function encodeLayerColumns(
  cols: LayerColumns,
  n: number,
  dict: LayerDictionaries,
  dataVersion: number,
): Uint8Array {
  const sorted = sortById(cols, n);
  let x0 = 0;
  let y0 = 0;
  let x1 = 0;
  let y1 = 0;
  if (n > 0) {
    x0 = x1 = sorted.x[0];
    y0 = y1 = sorted.y[0];
  }
  for (let i = 1; i < n; i++) {
    const x = sorted.x[i];
    const y = sorted.y[i];
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  const bits = Math.max(1, Math.ceil(Math.log2(Math.max(x1 - x0, y1 - y0) + 1)));
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = hilbertIndex(sorted.x[i] - x0, sorted.y[i] - y0, bits);
  const order = radixOrder(keys);

  const dx = new Uint32Array(n);
  const dy = new Uint32Array(n);
  const dId = new Uint32Array(n);
  const town = new Uint16Array(n);
  const park = new Uint16Array(n);
  const industry = new Uint16Array(n);
  const county = new Uint8Array(n);
  const flags = new Uint8Array(n);
  let px = x0;
  let py = y0;
  let pid = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k];
    dx[k] = zigzag(sorted.x[i] - px);
    dy[k] = zigzag(sorted.y[i] - py);
    dId[k] = zigzag(sorted.ids[i] - pid);
    px = sorted.x[i];
    py = sorted.y[i];
    pid = sorted.ids[i];
    town[k] = sorted.town[i];
    park[k] = sorted.park[i];
    industry[k] = sorted.industry[i];
    county[k] = sorted.county[i];
    flags[k] = sorted.flags[i];
  }
  const columns = [dx, dy, dId, town, park, industry, county, flags];
  const widths = columns.map((c) => byteWidth(c));
  const json = new TextEncoder().encode(JSON.stringify(dict));
  const body = widths.reduce((sum, w) => sum + w * n, 0);
  const out = new Uint8Array(HEADER_BYTES + body + 4 + json.length);
  const view = new DataView(out.buffer);
  out.set([0x45, 0x4e, 0x54, LAYER_FORMAT_VERSION], 0); // "ENT" + version
  view.setUint32(4, n, true);
  view.setUint32(8, dataVersion, true);
  view.setInt32(12, x0, true);
  view.setInt32(16, y0, true);
  view.setFloat32(20, x0 / UNITS_PER_DEGREE, true);
  view.setFloat32(24, y0 / UNITS_PER_DEGREE, true);
  view.setFloat32(28, x1 / UNITS_PER_DEGREE, true);
  view.setFloat32(32, y1 / UNITS_PER_DEGREE, true);
  out.set(widths, 36);
  let off = HEADER_BYTES;
  for (const [c, column] of columns.entries()) off = shuffle(column, widths[c], out, off);
  view.setUint32(off, json.length, true);
  out.set(json, off + 4);
  return out;
}

/**
 * Fills the columns row by row, so the rows can arrive in chunks (a million enterprises never
 * sit in memory as objects). Rows beyond `capacity` grow the columns.
 */
export class EnterpriseLayerBuilder {
  private n = 0;
  private cols: LayerColumns;
  private readonly counties = indexer<string>();
  private readonly towns = indexer<string>();
  private readonly parks = indexer<number>();
  private readonly industries = indexer<string>();

  constructor(
    capacity: number,
    private readonly dataVersion: number,
  ) {
    this.cols = allocColumns(Math.max(0, capacity));
  }

  add(r: LayerRow): void {
    if (this.n === this.cols.ids.length) {
      const grown = allocColumns(Math.max(1024, this.n * 2));
      for (const key of COLUMN_KEYS) grown[key].set(this.cols[key] as never);
      this.cols = grown;
    }
    const i = this.n++;
    const c = this.cols;
    c.ids[i] = r.id;
    c.x[i] = toUnits(r.lon);
    c.y[i] = toUnits(r.lat);
    c.town[i] = r.townCode ? this.towns.index(r.townCode) + 1 : 0;
    c.park[i] = r.parkId ? this.parks.index(r.parkId) + 1 : 0;
    c.industry[i] = this.industries.index(r.industryCode);
    c.county[i] = this.counties.index(r.countyCode);
    c.flags[i] = COLOUR_CODE[r.colour] | (r.keyPollutant ? 4 : 0) | (r.insured ? 8 : 0);
  }

  get size(): number {
    return this.n;
  }

  finish(): Uint8Array {
    const c = sortedDictionary(this.counties.list, byText);
    const t = sortedDictionary(this.towns.list, byText);
    const p = sortedDictionary(this.parks.list, (a, b) => a - b);
    const ind = sortedDictionary(this.industries.list, byText);
    remapColumns(this.cols, this.n, c.rank, t.rank, p.rank, ind.rank);
    const dict = { counties: c.values, towns: t.values, parks: p.values, industries: ind.values };
    return encodeLayerColumns(this.cols, this.n, dict, this.dataVersion);
  }
}

export function encodeEnterpriseLayer(rows: LayerRow[], dataVersion: number): Uint8Array {
  const builder = new EnterpriseLayerBuilder(rows.length, dataVersion);
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
 * enterprise as a 13-byte big-endian record (id, position in 2^-17 degree units, flags) and a
 * second, in the same order, its county, town, park and industry codes as one text — so no row
 * object is ever built (on PGlite, decoding a million protocol rows costs far more than the
 * query). JS looks the codes up in the small dictionaries, which measured twice as fast as
 * joining them in SQL. The rounding is EnterpriseLayerBuilder's: a float8 times a power of two is
 * exact, and round() matches Math.round on the positive coordinates of China.
 */
const PACK_CHUNK = 65_536;
const RECORD_BYTES = 13;

/** toUnits of server/domain/layer-codec.ts in SQL (halving and doubling are exact in float8). */
const toUnitsSql = (col: SQL) => {
  const units = sql.raw(String(UNITS_PER_DEGREE));
  const half = sql.raw(String(UNITS_PER_DEGREE / 2));
  return sql`(case when abs(${col}::float8) >= ${sql.raw(String(EVEN_UNITS_FROM_DEGREES))} then 2 * round(${col}::float8 * ${half})
                   else round(${col}::float8 * ${units}) end)::int`;
};

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
  // Id range only: distinct codes over a million rows cost SQL four sorts; JS collects them below.
  const [s] = rowsOf<{ n: number; minId: number | null; maxId: number | null }>(
    await turn(() =>
      db.execute(sql`select count(*)::int as n, min(id) as "minId", max(id) as "maxId" from enterprises`),
    ),
  );
  const n = Number(s.n);
  const chunks: { packed: Uint8Array; codes: string }[] = [];
  let total = 0;
  if (n > 0) {
    const u8 = (v: SQL) => sql`substr(int4send((${v})::int), 4, 1)`;
    // Id-range chunks keep each aggregate's sort in memory (work_mem) instead of spilling to disk.
    for (let lo = Number(s.minId); lo <= Number(s.maxId); lo += PACK_CHUNK) {
      const history = historyJoin(codesAsOf, sql`enterprise_id >= ${lo} and enterprise_id < ${lo + PACK_CHUNK}`);
      // One chunk per turn: anonymous builds let other requests' queries in between chunks.
      const [row] = rowsOf<{ packed: Uint8Array | null; codes: string | null }>(
        await turn(() =>
          db.execute(sql`
          select string_agg(
                   int4send(e.id)
                   || int4send(${toUnitsSql(sql`e.lon`)})
                   || int4send(${toUnitsSql(sql`e.lat`)})
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
  const cols = allocColumns(total);
  let i = 0;
  for (const { packed, codes } of chunks) {
    const v = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
    const m = packed.length / RECORD_BYTES;
    let at = 0;
    for (let k = 0, o = 0; k < m; k++, i++, o += RECORD_BYTES) {
      cols.ids[i] = v.getUint32(o);
      cols.x[i] = v.getInt32(o + 4);
      cols.y[i] = v.getInt32(o + 8);
      cols.flags[i] = packed[o + 12];
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
    throw new RangeError('enterprise layer dictionaries exceed the ENT2 index widths');
  const c = sortedDictionary(counties.list, byText);
  const t = sortedDictionary(towns.list, byText);
  const p = sortedDictionary(parks.list, (a, b) => Number(a) - Number(b));
  const ind = sortedDictionary(industries.list, byText);
  remapColumns(cols, total, c.rank, t.rank, p.rank, ind.rank);
  const dict = { counties: c.values, towns: t.values, parks: p.values.map(Number), industries: ind.values };
  return encodeLayerColumns(cols, total, dict, dataVersion);
}

/**
 * Rows in id order before the stable Hilbert sort, so rows at the same position come out in the
 * same order however the table was scanned (the aggregates read rows in scan order: an ORDER BY
 * per aggregate measured a tenth of the whole build, and after updates a scan is not in id order).
 */
function sortById(cols: LayerColumns, n: number): LayerColumns {
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) sorted = cols.ids[i - 1] < cols.ids[i];
  if (sorted) return cols;
  const ids = cols.ids;
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => ids[a] - ids[b]);
  const out = allocColumns(n);
  for (const key of COLUMN_KEYS) {
    const from = cols[key];
    const to = out[key];
    for (let i = 0; i < n; i++) to[i] = from[order[i]];
  }
  return out;
}

const byText = (a: string, b: string) => (a < b ? -1 : 1);

/** Columns of first-seen dictionary indexes turned into ranks in the sorted dictionaries. */
function remapColumns(
  cols: LayerColumns,
  n: number,
  county: Uint16Array,
  town: Uint16Array,
  park: Uint16Array,
  industry: Uint16Array,
) {
  for (let j = 0; j < n; j++) {
    cols.county[j] = county[cols.county[j]];
    if (cols.town[j]) cols.town[j] = town[cols.town[j] - 1] + 1;
    if (cols.park[j]) cols.park[j] = park[cols.park[j] - 1] + 1;
    cols.industry[j] = industry[cols.industry[j]];
  }
}

/** A dictionary in sorted order (the same data always gives the same bytes), and each first-seen index's rank in it. */
function sortedDictionary<K>(list: K[], compare: (a: K, b: K) => number) {
  const order = list.map((_, j) => j).sort((x, y) => compare(list[x], list[y]));
  const rank = new Uint16Array(list.length);
  for (const [r, j] of order.entries()) rank[j] = r;
  return { values: order.map((j) => list[j]), rank };
}

export type EncodedLayer = {
  etag: string;
  raw: Uint8Array;
  gzip: Uint8Array;
  /**
   * Brotli of the same bytes (smaller than gzip), compressed once per layer in the thread pool
   * after the layer is first served: null until then, and gzip is served meanwhile.
   */
  br: Uint8Array | null;
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
      const n = new DataView(raw.buffer, raw.byteOffset).getUint32(4, true);
      const encoded: EncodedLayer = {
        etag: `"ent${LAYER_FORMAT_VERSION}-${dataVersion}-${n}${asOf ? `-${asOf}` : ''}"`,
        raw,
        // In the thread pool: at a million enterprises gzip is most of a second of CPU.
        gzip: new Uint8Array(await gzipAsync(raw, { level: 6 })),
        br: null,
        dataVersion,
        codesAsOf: asOf,
      };
      // Brotli at its best quality costs seconds of CPU at a million: never awaited by a request.
      brotliAsync(raw, {
        params: {
          [zlibConstants.BROTLI_PARAM_QUALITY]: 11,
          [zlibConstants.BROTLI_PARAM_SIZE_HINT]: raw.length,
        },
      }).then(
        (br) => {
          encoded.br = new Uint8Array(br);
        },
        (e: Error) => console.warn(`enterprise layer Brotli failed, serving gzip: ${e.message}`),
      );
      return encoded;
    });
    layer.catch(() => cached.delete(key));
    cached.set(key, layer);
    return layer;
  };
}
