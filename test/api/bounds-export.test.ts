import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DbHandle, rowsOf } from '../../server/db/client';
import { limits } from '../../server/limits';
import { testApi } from '../support/app';
import { seededDb } from '../support/seeded';

const MB = 1024 * 1024;
const COPIES = 150;

/**
 * Exports read the next batch only when the client has taken the last: ten clients that read
 * one chunk and stall must not make the server hold their whole files.
 */
describe('export backpressure (pglite)', () => {
  let h: DbHandle;
  let api: ReturnType<typeof testApi>;
  let total = 0;
  beforeAll(async () => {
    h = await seededDb('pglite', 400);
    // 60,000 enterprises in one statement: copies of the seeded ones with their own USCCs.
    await h.db.execute(sql`
      insert into enterprises (uscc, name, address, lon, lat, h3, county_code, town_code, park_id, grid_id,
                               industry_code, key_pollutant, colour, score, insured)
      select upper(substr(md5(e.id || '-' || g), 1, 18)), e.name || g, e.address, e.lon, e.lat, e.h3,
             e.county_code, e.town_code, e.park_id, e.grid_id, e.industry_code, e.key_pollutant, e.colour,
             e.score, e.insured
      from enterprises e cross join generate_series(1, ${COPIES}) g`);
    const [{ n }] = rowsOf<{ n: number }>(await h.db.execute(sql`select count(*)::int as n from enterprises`));
    total = Number(n);
    api = testApi(h);
  }, 300_000);
  afterAll(async () => {
    await h?.close();
  });

  it('a reader that keeps reading still gets every row', async () => {
    const res = await api.request('/api/enterprises/export?format=csv');
    const text = await res.text();
    expect(text.trimEnd().split('\r\n').length).toBe(total + 1);
    const geo = await api.request('/api/enterprises/export?format=geojson');
    expect((await geo.json()).features.length).toBe(total);
  }, 300_000);
  it('ten stalled readers (csv, xlsx, geojson) hold a few batches each, not their files', async () => {
    expect(total).toBeGreaterThan(60_000);
    const before = process.memoryUsage().rss;
    const readers: ReadableStreamDefaultReader<Uint8Array>[] = [];
    const formats = ['csv', 'xlsx', 'geojson', 'csv', 'xlsx', 'geojson', 'csv', 'xlsx', 'geojson', 'csv'];
    for (const [i, format] of formats.entries()) {
      const res = await api.request(`/api/enterprises/export?format=${format}`);
      // One address holds at most PUBLIC_READS_PER_IP open downloads; the rest are told to come back.
      if (i >= limits.publicReadsPerIp) {
        expect(res.status).toBe(429);
        continue;
      }
      expect(res.status).toBe(200);
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      const first = await reader.read();
      expect(first.done).toBe(false);
      readers.push(reader);
    }
    // Time for an eager producer to run ahead: the old exports wrote every row by now.
    await new Promise((r) => setTimeout(r, 3000));
    const grown = process.memoryUsage().rss - before;
    // Whole files would be ~15 MB (CSV) to ~40 MB (XLSX in flight) each; a few 2,000-row batches are ~1 MB.
    expect(grown).toBeLessThan(60 * MB);
    for (const r of readers) await r.cancel();
  }, 300_000);
});
