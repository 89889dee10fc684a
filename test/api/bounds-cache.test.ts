import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../server/db/client';
import { createResponseCache } from '../../server/http/cache';
import { limits } from '../../server/limits';
import { testApi } from '../support/app';
import { signIn } from '../support/import-fixtures';
import { seededDb } from '../support/seeded';
import { engines } from '../support/test-db';

const MB = 1024 * 1024;

/**
 * Key spraying: the cache is keyed on the validated query, so junk parameters share one entry,
 * and distinct valid queries stay within the byte bound however many there are.
 */
describe.each(engines)('response cache bounds (%s)', (engine) => {
  let h: DbHandle;
  const cache = createResponseCache(8 * MB);
  let api: ReturnType<typeof testApi>;
  beforeAll(async () => {
    h = await seededDb(engine, 2000);
    api = testApi(h, { responseCache: cache });
  }, 180_000);
  afterAll(async () => {
    await h?.close();
  });

  it('drops unknown parameters and sorts the rest: junk is one entry, not one per request', async () => {
    const first = await api.request('/api/enterprises?limit=5000&junk=0');
    expect(first.status).toBe(200);
    const body = await first.text();
    // Anonymous: the page is clamped to the public page size.
    expect(JSON.parse(body).items.length).toBe(limits.publicPageSize);
    const before = process.memoryUsage().rss;
    for (let n = 1; n <= 300; n++) {
      const res = await api.request(`/api/enterprises?junk=${n}&limit=5000&zz${n}=${'x'.repeat(50)}`);
      expect(res.status).toBe(200);
      if (n % 100 === 0) expect(await res.text()).toBe(body);
      else await res.arrayBuffer();
    }
    expect(cache.size).toBe(1);
    // 300 uncached copies of this ~1 MB page would be ~300 MB; one entry plus noise stays far below.
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * MB);
    // Same query with its parameters in another order, or spelled differently, is the same entry.
    await (await api.request('/api/enterprises?sort=id&limit=5000&offset=0')).arrayBuffer();
    await (await api.request('/api/enterprises?limit=05000')).arrayBuffer();
    // Any anonymous limit past the public page size is the same clamped page.
    await (await api.request(`/api/enterprises?limit=${limits.publicPageSize + 1}`)).arrayBuffer();
    await (await api.request('/api/enterprises?limit=4321')).arrayBuffer();
    expect(cache.size).toBe(1);
  });

  it('holds distinct valid queries within its byte bound, least recently used out first', async () => {
    const staff = await signIn(h.db, 'analyst');
    for (let offset = 0; offset < 60; offset++) {
      const res = await api.request(`/api/enterprises?limit=5000&offset=${offset}`, { headers: staff.headers });
      expect(res.status).toBe(200);
      await res.arrayBuffer();
      expect(cache.bytes).toBeLessThanOrEqual(8 * MB);
    }
    expect(cache.size).toBeGreaterThan(1);
    expect(cache.size).toBeLessThan(30);
  });

  it('caches no invalid query (the handler answers 400)', async () => {
    const entries = cache.size;
    const res = await api.request('/api/enterprises?limit=99999');
    expect(res.status).toBe(400);
    expect(cache.size).toBe(entries);
  });
});
