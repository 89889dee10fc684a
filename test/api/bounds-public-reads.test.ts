import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../server/db/client';
import { createPublicReadGate } from '../../server/http/public-reads';
import { limits } from '../../server/limits';
import { testApi } from '../support/app';
import { worstHealthLatency } from '../support/health';
import { signIn } from '../support/import-fixtures';
import { seededDb } from '../support/seeded';

/**
 * Anonymous reads are bounded per request (page size) and in number (they take turns on the
 * database, and one address holds a few at once), so that no anonymous caller stalls the server.
 */
describe('anonymous expensive reads (pglite)', () => {
  let h: DbHandle;
  let api: ReturnType<typeof testApi>;
  let staff: Awaited<ReturnType<typeof signIn>>;
  beforeAll(async () => {
    h = await seededDb('pglite', 2000);
    // Each test's own gate: the per-address count is about this test's requests only.
    api = testApi(h, { publicReads: createPublicReadGate({ concurrency: 1, perIp: 3 }) });
    staff = await signIn(h.db, 'analyst');
  }, 180_000);
  afterAll(async () => {
    await h?.close();
  });

  it('clamps an anonymous page to the public page size and says so; staff keep 5,000', async () => {
    const pub = await api.json('/api/enterprises?limit=5000&sort=id');
    expect(pub.status).toBe(200);
    expect(pub.body.limit).toBe(limits.publicPageSize);
    expect(pub.body.items).toHaveLength(limits.publicPageSize);
    expect(pub.body.total).toBe(2000);
    const small = await api.json('/api/enterprises?limit=20');
    expect(small.body.limit).toBe(20);
    expect(small.body.items).toHaveLength(20);

    const res = await api.request('/api/enterprises?limit=5000&sort=id', { headers: staff.headers });
    const all = await res.json();
    expect(all.limit).toBe(5000);
    expect(all.items).toHaveLength(2000);
    // Paging by the answer's limit reaches every row anonymously too.
    const ids: number[] = [];
    for (let offset = 0; offset < pub.body.total; offset += pub.body.limit) {
      const page = await api.json(`/api/enterprises?limit=5000&sort=id&offset=${offset}`);
      ids.push(...page.body.items.map((e: { id: number }) => e.id));
    }
    expect(ids).toEqual(all.items.map((e: { id: number }) => e.id));
  });

  it('a fourth open anonymous download from one address is a 429 busy with Retry-After; staff are not counted', async () => {
    const exports = await Promise.all([1, 2, 3].map(() => api.request('/api/enterprises/export?format=csv')));
    expect(exports.map((r) => r.status)).toEqual([200, 200, 200]);
    // Their bodies are not read yet: the three are still open.
    const fourth = await api.request('/api/enterprises/export?format=csv');
    expect(fourth.status).toBe(429);
    expect(fourth.headers.get('Retry-After')).toBe('2');
    expect((await fourth.json()).error.code).toBe('busy');
    const list = await api.request('/api/enterprises?limit=7&offset=3');
    expect(list.status).toBe(429);
    const asStaff = await api.request('/api/enterprises/export?format=csv', { headers: staff.headers });
    expect(asStaff.status).toBe(200);
    await asStaff.arrayBuffer();
    // One read to its end, one left by its reader: both give their place back.
    expect((await exports[0].text()).split('\r\n').length).toBeGreaterThan(2000);
    await exports[1].body?.cancel();
    await exports[2].arrayBuffer();
    const again = await api.request('/api/enterprises?limit=7&offset=3');
    expect(again.status).toBe(200);
  });

  it('a burst of distinct anonymous list pages (cache misses) never stalls /api/health 250 ms', async () => {
    const concurrency = Number(process.env.PUBLIC_READ_CONCURRENCY_UNDER_TEST ?? limits.publicReadConcurrency);
    const api = testApi(h, { publicReads: createPublicReadGate({ concurrency, perIp: 1000 }) });
    const idle = await worstHealthLatency(api, new Promise((r) => setTimeout(r, 1500)), 50);
    // Thirty at once, every one a distinct key: without turns each waits in PGlite's one queue
    // in front of /api/health.
    const burst = async (b: number) => {
      let served = 0;
      for (let round = 0; round < 8; round++) {
        const answers = await Promise.all(
          Array.from({ length: 10 }, (_, k) =>
            api.request(
              `/api/enterprises?limit=500&sort=name&offset=${b * 100 + round * 10 + k}&q=${round % 2 ? '公司' : '有限'}`,
            ),
          ),
        );
        for (const a of answers) {
          expect(a.status).toBe(200);
          await a.arrayBuffer();
          served++;
        }
      }
      return served;
    };
    // What /api/health may wait for is one such page: measured alone, in the same run, because a
    // busy machine makes every query slower (on a quiet one a page here takes a few ms).
    let onePage = 0;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await (await api.request(`/api/enterprises?limit=500&sort=name&offset=${900 + i}&q=有限`)).arrayBuffer();
      onePage = Math.max(onePage, performance.now() - t0);
    }
    const worst = await worstHealthLatency(api, Promise.all([burst(0), burst(1), burst(2)]), 50);
    if (process.env.BOUNDS_TIMING)
      console.log(
        `worst /api/health ${worst.toFixed(0)} ms (idle ${idle.toFixed(0)} ms, one page ${onePage.toFixed(0)} ms)`,
      );
    // Without turns it waited for most of the thirty (seconds); with them, for one page at most.
    expect(worst).toBeLessThan(Math.max(250, 2 * onePage) + idle);
  }, 180_000);
});
