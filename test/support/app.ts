import { createApi } from '../../server/app';
import type { DbHandle } from '../../server/db/client';
import { createEnterpriseLayerCache } from '../../server/services/enterprise-layer';

/** The API as the server mounts it, over a test database; requests go through `app.request`. */
export function testApi(h: DbHandle, options?: Parameters<typeof createApi>[1]) {
  const api = createApi(
    {
      db: h.db,
      dbKind: h.kind,
      version: 'test',
      enterpriseLayer: createEnterpriseLayerCache(h.db),
    },
    options,
  );
  const request = (path: string, init?: RequestInit) => api.request(path.replace(/^\/api/, ''), init);
  const json = async <T = any>(path: string, init?: RequestInit): Promise<{ status: number; body: T }> => {
    const res = await request(path, init);
    return { status: res.status, body: (await res.json()) as T };
  };
  const post = (path: string, body: unknown) =>
    json(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  return { api, request, json, post };
}
