import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';

/**
 * `/api/docs`: Swagger UI served from the app itself (swagger-ui-dist), so the docs work offline
 * and under the same-origin CSP: no CDN, no inline script (the page's one script is a file).
 */
const dist = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

type Asset = { type: string; body: string | null };
const ASSETS: Record<string, Asset> = {
  'swagger-ui.css': { type: 'text/css; charset=utf-8', body: null },
  'swagger-ui-bundle.js': { type: 'text/javascript; charset=utf-8', body: null },
};

// The validator badge would call validator.swagger.io: the app makes no request to other hosts.
const INIT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', validatorUrl: null, deepLinking: true });
});
`;

const PAGE = `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>生态治理一张图 API</title>
    <link rel="icon" type="image/svg+xml" href="/favicon.svg" />
    <link rel="stylesheet" href="/api/docs/assets/swagger-ui.css" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/api/docs/assets/swagger-ui-bundle.js"></script>
    <script src="/api/docs/assets/init.js"></script>
  </body>
</html>
`;

// Read on first use and kept: about 1.5 MB, the same bytes for every request.
function asset(name: string): Asset | null {
  const a = ASSETS[name];
  if (!a) return null;
  a.body ??= readFileSync(join(dist, name), 'utf8');
  return a;
}

export const docsRouter = new Hono()
  .get('/', (c) => c.html(PAGE))
  .get('/assets/init.js', (c) => c.body(INIT, 200, { 'content-type': 'text/javascript; charset=utf-8' }))
  .get('/assets/:name', (c) => {
    const a = asset(c.req.param('name'));
    if (!a?.body) return c.notFound();
    return c.body(a.body, 200, { 'content-type': a.type, 'cache-control': 'public, max-age=86400' });
  });
