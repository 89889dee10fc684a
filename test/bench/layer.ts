// Row 1: the enterprise layer at 1M — ENT1 binary columns vs a GeoJSON FeatureCollection of the
// same attributes. Bytes and server time are measured in-process on the province database (both
// sides read the same rows from the same PGlite); browser decode runs in Chromium (browser.ts).
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../server/db/client';
import { encodeEnterpriseLayerFromDb, type LayerRow } from '../../server/services/enterprise-layer';
import { type BenchRow, fmtBytes, fmtMs, log, median, timeIt } from './common';

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
      geometry: { type: 'Point', coordinates: [r.lon, r.lat] },
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

// Few repetitions: the bench must finish on a fresh clone within 15 minutes, seed included.
const OURS_BUILDS = 2;
const GEOJSON_BUILDS = 1;

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
    log(`  ENT1 build ${i + 1}/${OURS_BUILDS}: ${fmtMs(t.ms)}`);
  }
  const base: number[] = [];
  let geo: { json: string; gzip: Uint8Array } = { json: '', gzip: new Uint8Array() };
  for (let i = 0; i < GEOJSON_BUILDS; i++) {
    const t = await timeIt(() => geojsonLayer(db));
    base.push(t.ms);
    geo = t.value;
    log(`  GeoJSON build ${i + 1}/${GEOJSON_BUILDS}: ${fmtMs(t.ms)}`);
  }
  const n = new DataView(raw.buffer, raw.byteOffset).getUint32(8, true);
  const binPath = `${workDir}/layer.bin`;
  const geojsonPath = `${workDir}/layer.geojson`;
  writeFileSync(binPath, raw);
  writeFileSync(geojsonPath, geo.json);
  const geoBytes = Buffer.byteLength(geo.json);
  const columnBytesPerEnterprise = 16;
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
      note: `16 B/enterprise of columns + ${raw.length - 32 - 16 * n} B dictionary/header`,
      data: { n, rawBytes: raw.length, geojsonBytes: geoBytes },
    },
    {
      name: 'layer bytes, gzip',
      scale,
      ours: fmtBytes(gz.length),
      baseline: fmtBytes(geo.gzip.length),
      ratio: geo.gzip.length / gz.length,
      goal: '≥ 10× smaller',
      met: geo.gzip.length / gz.length >= 10,
      note: 'gzip level 6 both',
      data: { gzipBytes: gz.length, geojsonGzipBytes: geo.gzip.length },
    },
    {
      name: 'layer server build (DB → gzip)',
      scale,
      ours: fmtMs(oursMs),
      baseline: fmtMs(baseMs),
      ratio: baseMs / oursMs,
      goal: '≥ 5× faster',
      met: baseMs / oursMs >= 5,
      note: `median of ${OURS_BUILDS} vs ${GEOJSON_BUILDS} cold build (the GeoJSON one takes over a minute); served from a per-data-version cache afterwards`,
      data: { oursMs: ours, baselineMs: base },
    },
  ];
  return { rows, binPath, geojsonPath, n };
}
