import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import type { DbHandle } from '../../server/db/client';
import { createEnterpriseLayerCache } from '../../server/services/enterprise-layer';
import { loadReference } from '../support/import-fixtures';
import { engines, freshDb } from '../support/test-db';

// Issue 13's small things: impossible dates, unknown API paths, browser security headers and
// the offline API docs. Through createApp, as the server mounts everything.
describe.each(engines)('edges on %s', (engine) => {
  let h: DbHandle;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    h = await freshDb(engine);
    await loadReference(h.db);
    app = createApp({ db: h.db, dbKind: h.kind, version: 'test', enterpriseLayer: createEnterpriseLayerCache(h.db) });
  });
  afterAll(() => h?.close());

  const get = (path: string) => app.request(path);
  const post = (path: string, body: unknown) =>
    app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const facts = (asOf: string) => ({ asOf, cases: [{ date: '2026-03-01', severity: 'general' }] });

  it('year 0000 and years outside 1900–2100 are a 400 naming the range, everywhere dates go in', async () => {
    for (const date of ['0000-01-01', '1899-12-31', '2101-01-01', '9999-12-31']) {
      const answers = [
        await get(`/api/hotspots?from=${date}`),
        await get(`/api/hotspots?to=${date}`),
        await get(`/api/sections/1/readings?from=${date}`),
        await get(`/api/layers/enterprises?codesAsOf=${date}`),
        await post('/api/codes/evaluate', facts(date)),
      ];
      for (const res of answers) {
        expect(res.status, `${res.url} ${date}`).toBe(400);
        const body = (await res.json()) as any;
        expect(body.error.code).toBe('invalid_input');
        expect(JSON.stringify(body.error.details)).toMatch(/1900.*2100/);
      }
    }
    // The edges of the range are dates like any other.
    expect((await post('/api/codes/evaluate', facts('1900-01-01'))).status).toBe(200);
    expect((await post('/api/codes/evaluate', facts('2100-12-31'))).status).toBe(200);
    expect((await get('/api/sections/1/readings?from=1900-01-01')).status).toBe(200);
  });

  it('an unknown /api path is a JSON 404 for every method, never the web app', async () => {
    for (const [method, path] of [
      ['GET', '/api/nope'],
      ['GET', '/api/enterprises/1/nope'],
      ['POST', '/api/nope'],
      ['DELETE', '/api/enterprises'],
      ['PUT', '/api/auth/me'],
      ['GET', '/api/'],
    ]) {
      const res = await app.request(path, { method });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      expect(((await res.json()) as any).error).toEqual({
        code: 'not_found',
        message: '接口不存在（no such endpoint）',
        details: [],
      });
    }
  });

  it('pages and API answers carry a same-origin CSP, nosniff and no framing', async () => {
    for (const path of ['/', '/screen', '/admin', '/api/docs', '/api/health', '/api/nope']) {
      const res = await get(path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toMatch(/https?:|\*|unsafe-eval/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('strict-transport-security')).toBeNull();
    }
  });

  it('/api/docs is served from the app itself: no outside host, its assets answer', async () => {
    const page = await get('/api/docs');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toMatch(/https?:\/\//);
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(refs).toEqual(
      expect.arrayContaining([
        '/api/docs/assets/swagger-ui.css',
        '/api/docs/assets/swagger-ui-bundle.js',
        '/api/docs/assets/init.js',
      ]),
    );
    // No inline script: the CSP would block it.
    expect(html).not.toMatch(/<script>(?!<\/script>)|<script(?![^>]*src=)[^>]*>/);
    for (const ref of refs.filter((r) => r.startsWith('/api/docs/assets/'))) {
      const res = await get(ref);
      expect(res.status, ref).toBe(200);
      expect(res.headers.get('content-type')).toMatch(ref.endsWith('.css') ? /text\/css/ : /javascript/);
      expect((await res.text()).length).toBeGreaterThan(ref.endsWith('init.js') ? 50 : 100_000);
    }
    const init = await (await get('/api/docs/assets/init.js')).text();
    expect(init).toContain("url: '/api/openapi.json'");
    expect(init).toContain('validatorUrl: null');
    expect((await get('/api/docs/assets/package.json')).status).toBe(404);
    expect((await get('/api/docs/assets/..%2F..%2Fpackage.json')).status).toBe(404);
  });
});
