// The reference for the API rows: a bare Hono handler on @hono/node-server returning a small
// constant JSON document, no database, no middleware.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const body = {
  ok: true,
  asOf: '2025-06-30',
  enterprises: { total: 1_000_000, green: 800_000, yellow: 150_000, red: 50_000 },
};
const app = new Hono().get('/bare', (c) => c.json(body));
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  console.log(`bare ready ${info.port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
