import { createRoute, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import type { Db } from '../db/client';
import { getDataVersion } from '../db/meta';
import { createRouter } from '../http/router';

const POLL_MS = 2000;
const KEEPALIVE_MS = 25_000;

/**
 * The data version as last read from the database, shared by every open stream: one query per
 * poll interval however many screens listen (one per stream let a thousand anonymous streams
 * queue 500 queries a second in front of everyone else's on PGlite). Read afresh when a poll
 * interval has passed; concurrent readers share the one query in flight.
 */
const watched = new WeakMap<Db, { at: number; version: Promise<number> }>();
function polledVersion(db: Db, fallback: number): Promise<number> {
  const now = performance.now();
  let w = watched.get(db);
  if (!w || now - w.at >= POLL_MS - 50) {
    w = { at: now, version: getDataVersion(db) };
    watched.set(db, w);
  }
  return w.version.catch(() => fallback);
}

/**
 * Server-sent events carrying the data version, so unattended screens refresh what changed
 * without reloading. The version is polled from the database: writers may be other processes
 * (CLI imports) or other servers behind the same PostgreSQL.
 */
export const eventsRouter = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['system'],
    responses: {
      200: {
        content: { 'text/event-stream': { schema: z.string() } },
        description: 'SSE: `event: data` with `{ "dataVersion": n }` on connect and on every change',
      },
    },
  }),
  (c) => {
    const db = c.get('deps').db;
    return streamSSE(c, async (stream) => {
      let last = -1;
      let sinceKeepalive = 0;
      while (!stream.aborted && !stream.closed) {
        const version = await polledVersion(db, last);
        if (version !== last) {
          last = version;
          await stream.writeSSE({
            event: 'data',
            data: JSON.stringify({ dataVersion: version }),
            id: String(version),
          });
          sinceKeepalive = 0;
        } else {
          sinceKeepalive += POLL_MS;
          if (sinceKeepalive >= KEEPALIVE_MS) {
            await stream.writeSSE({ event: 'ping', data: '{}' });
            sinceKeepalive = 0;
          }
        }
        await stream.sleep(POLL_MS);
      }
    }) as never;
  },
);
