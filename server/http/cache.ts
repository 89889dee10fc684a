import { createHash } from 'node:crypto';
import type { z } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import { LRUCache } from 'lru-cache';
import type { AppEnv, Role } from '../context';
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

/** Key, headers and bookkeeping of an entry, on top of its body. */
const ENTRY_OVERHEAD = 1024;

/**
 * In-memory cache of successful GET responses, least recently used first out, bounded in bytes
 * over every endpoint that uses it, with a strong ETag (in the style of hono/etag). Keys are the
 * data version, the role class, the path and the query as the endpoint validates it: unknown
 * parameters are dropped and keys sorted, so `?junk=1…N` is one entry, not N. Every write that
 * changes what these endpoints show bumps the data version, so an entry is never served stale; a
 * 304 answers a matching If-None-Match without touching the handler.
 */
export function createResponseCache(maxBytes: number) {
  const entries = new LRUCache<string, Entry>({
    maxSize: maxBytes,
    // One response may take at most an eighth: a few huge pages must not evict everything else.
    maxEntrySize: Math.max(1, Math.floor(maxBytes / 8)),
    sizeCalculation: (e, key) => e.body.byteLength + key.length + ENTRY_OVERHEAD,
  });
  return {
    get bytes() {
      return entries.calculatedSize;
    },
    get size() {
      return entries.size;
    },
    /**
     * `query`: the endpoint's query schema; without one the query string is not part of the key.
     * `keyOf`: maps the validated query to what the answer depends on for this role.
     */
    middleware: <Q extends z.ZodType>(query?: Q, keyOf?: (params: z.infer<Q>, role: Role) => unknown) =>
      createMiddleware<AppEnv>(async (c, next) => {
        if (c.req.method !== 'GET') return next();
        let params: unknown = null;
        if (query) {
          const parsed = query.safeParse(c.req.query());
          // The handler answers the 400; errors are not cached.
          if (!parsed.success) return next();
          params = sortedKeys(keyOf ? keyOf(parsed.data, c.get('role')) : parsed.data);
        }
        const version = await dataVersion(c.get('deps').db);
        // Public and signed-in callers may see different fields: never share entries between them.
        const key = `${version}|${c.get('role')}|${c.req.path}|${JSON.stringify(params)}`;
        const hit = entries.get(key);
        const inm = c.req.header('If-None-Match');
        if (hit) {
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
        entries.set(key, { etag, body, headers });
        if (inm?.split(',').some((t) => t.trim() === etag)) {
          c.res = new Response(null, { status: 304, headers: { ETag: etag } });
          return;
        }
        c.res = new Response(body, { status: 200, headers });
      }),
  };
}
export type ResponseCache = ReturnType<typeof createResponseCache>;

/** The same parameters in any order give the same key; undefined ones are left out. */
function sortedKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = sortedKeys(v);
  }
  return out;
}
