import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import type { DbHandle } from '../../server/db/client';
import { createEnterpriseLayerCache } from '../../server/services/enterprise-layer';
import { loadReference } from '../support/import-fixtures';
import { freshDb } from '../support/test-db';

// The token `npm run import` reads from the lock file: it may only import, only from this
// machine, only straight to the server (not through a proxy).
describe('the local import token', () => {
  const token = 'T'.repeat(43);
  let h: DbHandle;
  let server: ReturnType<typeof serve>;
  let base: string;

  beforeAll(async () => {
    h = await freshDb('pglite');
    await loadReference(h.db);
    const app = createApp({
      db: h.db,
      dbKind: h.kind,
      version: 'test',
      enterpriseLayer: createEnterpriseLayerCache(h.db),
      localToken: token,
    });
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await h.close();
  });

  const upload = (headers: Record<string, string>) => {
    const form = new FormData();
    form.set('file', new Blob(['统一社会信用代码,企业名称\r\n']), 'e.csv');
    form.set('dryRun', 'true');
    return fetch(`${base}/api/import/enterprises`, { method: 'POST', headers, body: form });
  };

  it('imports with the token from loopback', async () => {
    const res = await upload({ authorization: `Bearer ${token}` });
    // Reached the import itself: the file's wrong headers, not the login, are the problem.
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error.code).not.toMatch(/unauthenticated|forbidden|csrf/);
  });

  it('is refused when wrong, forwarded by a proxy, or used for anything but an import', async () => {
    expect((await upload({ authorization: `Bearer ${'x'.repeat(43)}` })).status).toBe(401);
    expect((await upload({ authorization: `Bearer ${token}`, 'x-forwarded-for': '203.0.113.9' })).status).toBe(401);
    expect((await upload({ authorization: `Bearer ${token}`, forwarded: 'for=203.0.113.9' })).status).toBe(401);
    expect((await upload({ authorization: token })).status).toBe(401);
    const users = await fetch(`${base}/api/users`, { headers: { authorization: `Bearer ${token}` } });
    expect(users.status).toBe(401);
    const create = await fetch(`${base}/api/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'sneaky', displayName: 'x', role: 'admin' }),
    });
    expect(create.status).toBe(401);
  });
});
