// The reference for the API rows: a bare Hono handler on @hono/node-server returning a constant
// JSON document, no database, no middleware. `/bare` is a small one; `/bare/:bytes` one of that
// many bytes, so a baseline can carry the same payload as the endpoint it is compared with.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const body = {
  ok: true,
  asOf: '2025-06-30',
  enterprises: { total: 1_000_000, green: 800_000, yellow: 150_000, red: 50_000 },
};
const padded = new Map<number, string>();
const app = new Hono()
  .get('/bare', (c) => c.json(body))
  .get('/bare/:bytes', (c) => {
    const n = Math.max(12, Math.min(1_000_000, Number(c.req.param('bytes')) || 0));
    let text = padded.get(n);
    if (text === undefined) {
      text = `{"pad":"${'x'.repeat(n - 10)}"}`;
      padded.set(n, text);
    }
    return c.body(text, 200, { 'content-type': 'application/json' });
  });
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  console.log(`bare ready ${info.port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
