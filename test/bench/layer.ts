// Row 1: the enterprise layer at 1M — ENT2 binary columns vs a GeoJSON FeatureCollection of the
// same attributes, its coordinates at the same precision (what the client decodes from ENT2). Bytes and server time are measured in-process on the province database (both
// sides read the same rows from the same PGlite); browser decode runs in Chromium (browser.ts).
import { writeFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync, constants as zlibConstants } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../server/db/client';
import { toUnits, UNITS_PER_DEGREE } from '../../server/domain/layer-codec';
import { encodeEnterpriseLayerFromDb, type LayerRow } from '../../server/services/enterprise-layer';
import { type BenchRow, fmtBytes, fmtMs, fmtSpread, log, median, timeIt } from './common';

/** The naive endpoint: every row as an object, one Feature each, JSON.stringify, gzip. */
export async function geojsonLayer(db: Db): Promise<{ json: string; gzip: Buffer }> {
  const rows = rowsOf<LayerRow>(
    await db.execute(sql`
      select id, lon, lat, county_code as "countyCode", town_code as "townCode", park_id as "parkId",
             industry_code as "industryCode", colour, key_pollutant as "keyPollutant", insured
        from enterprises order by id`),
  );
  const json = JSON.stringify({
    type: 'FeatureCollection',
    features: rows.map((r) => ({
      type: 'Feature',
      id: r.id,
      // The same precision on both sides: the position ENT2 carries, in as few digits as round-trip it.
      geometry: { type: 'Point', coordinates: [toUnits(r.lon) / UNITS_PER_DEGREE, toUnits(r.lat) / UNITS_PER_DEGREE] },
      properties: {
        colour: r.colour,
        county: r.countyCode,
        town: r.townCode,
        park: r.parkId,
        industry: r.industryCode,
        keyPollutant: r.keyPollutant,
        insured: r.insured,
      },
    })),
  });
  return { json, gzip: gzipSync(json, { level: 6 }) };
}

const OURS_BUILDS = 5;
const GEOJSON_BUILDS = 5;
const brotli = (b: Uint8Array) => brotliCompressSync(b, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } });

export async function layerServerRows(
  db: Db,
  workDir: string,
): Promise<{ rows: BenchRow[]; binPath: string; geojsonPath: string; n: number }> {
  const ours: number[] = [];
  let raw: Uint8Array = new Uint8Array();
  let gz: Uint8Array = new Uint8Array();
  for (let i = 0; i < OURS_BUILDS; i++) {
    const t = await timeIt(async () => {
      const r = await encodeEnterpriseLayerFromDb(db, 1);
      return { r, g: gzipSync(r, { level: 6 }) };
    });
    ours.push(t.ms);
    raw = t.value.r;
    gz = t.value.g;
    log(`  ENT2 build ${i + 1}/${OURS_BUILDS}: ${fmtMs(t.ms)}`);
  }
  const base: number[] = [];
  let geo: { json: string; gzip: Uint8Array } = { json: '', gzip: new Uint8Array() };
  for (let i = 0; i < GEOJSON_BUILDS; i++) {
    const t = await timeIt(() => geojsonLayer(db));
    base.push(t.ms);
    geo = t.value;
    log(`  GeoJSON build ${i + 1}/${GEOJSON_BUILDS}: ${fmtMs(t.ms)}`);
  }
  const n = new DataView(raw.buffer, raw.byteOffset).getUint32(4, true);
  const br = brotli(raw);
  const gzPer = gz.length / n;
  const binPath = `${workDir}/layer.bin`;
  const geojsonPath = `${workDir}/layer.geojson`;
  writeFileSync(binPath, raw);
  writeFileSync(geojsonPath, geo.json);
  const geoBytes = Buffer.byteLength(geo.json);
  const widths = [...raw.subarray(36, 44)];
  const columnBytesPerEnterprise = widths.reduce((a, b) => a + b, 0);
  const scale = `${n.toLocaleString('en')} enterprises`;
  const oursMs = median(ours);
  const baseMs = median(base);
  const rows: BenchRow[] = [
    {
      name: 'layer bytes, raw',
      scale,
      ours: `${fmtBytes(raw.length)} (${(raw.length / n).toFixed(2)} B/ent)`,
      baseline: `${fmtBytes(geoBytes)} GeoJSON`,
      ratio: geoBytes / raw.length,
      goal: '≥ 10× smaller, ≤ 16 B/enterprise',
      met: geoBytes / raw.length >= 10 && columnBytesPerEnterprise <= 16,
      note: `both: every enterprise's id, position (2^-17° units, ≤ 1 m; GeoJSON written with the same values) and attributes; ENT2 columns ${widths.join('+')} = ${columnBytesPerEnterprise} B/enterprise + ${raw.length - 44 - columnBytesPerEnterprise * n} B dictionary/header`,
      data: { n, rawBytes: raw.length, geojsonBytes: geoBytes, widths },
    },
    {
      name: 'layer bytes, gzip',
      scale,
      ours: `${fmtBytes(gz.length)} (${gzPer.toFixed(2)} B/ent)`,
      baseline: fmtBytes(geo.gzip.length),
      ratio: geo.gzip.length / gz.length,
      goal: '≥ 10× smaller; ≤ 5 B/enterprise',
      met: geo.gzip.length / gz.length >= 10 && gzPer <= 5,
      note: `gzip level 6 both; Brotli (quality 11, what the server sends a client accepting br, precompressed once per data version): ours ${fmtBytes(br.length)} (${(br.length / n).toFixed(2)} B/ent), ${(geo.gzip.length / br.length).toFixed(1)}× under the GeoJSON gzip (Brotli 11 of the GeoJSON itself takes minutes at 1M, not measured)`,
      data: {
        gzipBytes: gz.length,
        geojsonGzipBytes: geo.gzip.length,
        brBytes: br.length,
      },
    },
    {
      name: 'layer server build (DB → gzip)',
      scale,
      ours: fmtSpread(ours),
      baseline: fmtSpread(base),
      ratio: baseMs / oursMs,
      goal: '≥ 5× faster',
      met: baseMs / oursMs >= 5,
      note: 'both: every enterprise read from the same database into the encoded, gzipped body; ours: SQL-packed records, Hilbert sort, ENT2; baseline: rows as objects, GeoJSON, JSON.stringify; cold builds; served from a per-data-version cache afterwards',
      data: { oursMs: ours, baselineMs: base },
    },
  ];
  return { rows, binPath, geojsonPath, n };
}
