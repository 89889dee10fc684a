import { createRoute, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { createRouter } from '../http/router';
import { POLL_MS, polledVersion } from '../services/data-version';

const KEEPALIVE_MS = 25_000;

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
