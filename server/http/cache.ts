import { createHash } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context';
import type { Db } from '../db/client';
import { getDataVersion, metaWrites } from '../db/meta';

/**
 * The data version without a query per request: re-read when this process wrote app_meta (and
 * after the writing transaction, since PGlite serialises statements), and in any case at most a
 * second later (PostgreSQL: other processes may import; anything writing app_meta directly).
 */
const versionState = new WeakMap<Db, { version: number; writes: number; at: number }>();
async function dataVersion(db: Db): Promise<number> {
  const s = versionState.get(db);
  const now = performance.now();
  if (s && s.writes === metaWrites.count && now - s.at < 1000) return s.version;
  const writes = metaWrites.count;
  const version = await getDataVersion(db);
  versionState.set(db, { version, writes, at: now });
  return version;
}

// Uint8Array bodies and plain-object headers keep @hono/node-server on its fast path (an
// ArrayBuffer body makes it build a full WHATWG Response per request).
type Entry = { etag: string; body: Uint8Array<ArrayBuffer>; headers: Record<string, string> };

/**
 * In-memory cache of successful GET responses keyed by data version, role class and URL, with a
 * strong ETag (in the style of hono/etag). Every write that changes what these endpoints show
 * bumps the data version, so an entry is never served stale; a 304 answers a matching
 * If-None-Match without touching the handler. For read-heavy dashboards (KPIs, park lists).
 */
export function responseCache(options: { maxEntries?: number } = {}) {
  const maxEntries = options.maxEntries ?? 500;
  const entries = new Map<string, Entry>();
  return createMiddleware<AppEnv>(async (c, next) => {
    if (c.req.method !== 'GET') return next();
    const version = await dataVersion(c.get('deps').db);
    // Public and signed-in callers may see different fields: never share entries between them.
    const audience = c.get('role') === 'public' ? 'public' : c.get('role');
    const key = `${version}|${audience}|${c.req.url}`;
    const hit = entries.get(key);
    const inm = c.req.header('If-None-Match');
    if (hit) {
      // Refresh recency (LRU by insertion order).
      entries.delete(key);
      entries.set(key, hit);
      if (inm?.split(',').some((t) => t.trim() === hit.etag)) {
        return c.body(null, 304, { ETag: hit.etag });
      }
      return new Response(hit.body, { status: 200, headers: hit.headers });
    }
    await next();
    if (c.res.status !== 200) return;
    const body = new Uint8Array(await c.res.clone().arrayBuffer());
    const etag = `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
    const headers: Record<string, string> = {};
    c.res.headers.forEach((value, name) => {
      if (name !== 'etag' && name !== 'set-cookie') headers[name] = value;
    });
    headers.etag = etag;
    if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
    entries.set(key, { etag, body, headers });
    if (inm?.split(',').some((t) => t.trim() === etag)) {
      c.res = new Response(null, { status: 304, headers: { ETag: etag } });
      return;
    }
    c.res = new Response(body, { status: 200, headers });
  });
}
