import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps, AppEnv } from './context';
import { createResponseCache, type ResponseCache } from './http/cache';
import { csrfGuard } from './http/csrf';
import { docsRouter } from './http/docs';
import { errorBody, handleError } from './http/errors';
import { createDefaultPublicReadGate, type PublicReadGate } from './http/public-reads';
import { securityHeaders } from './http/security-headers';
import { sessionRole } from './http/session';
import { limits } from './limits';
import { auditRouter } from './routes/audit';
import { authRouter } from './routes/auth';
import { codesRouter } from './routes/codes';
import { CompensationQuery, compensationRouter } from './routes/compensation';
import { enterprisesRouter, ListQuery, listCacheKey } from './routes/enterprises';
import { eventsRouter } from './routes/events';
import { gridsRouter, industriesRouter, regionsRouter, riversRouter } from './routes/geo';
import { healthRouter } from './routes/health';
import { hotspotsRouter } from './routes/hotspots';
import { importRouter } from './routes/import';
import { layersRouter } from './routes/layers';
import { onlineRouter } from './routes/online';
import { onlineFlagsRouter } from './routes/online-flags';
import { outletsRouter } from './routes/outlets';
import { ParksQuery, parksRouter } from './routes/parks';
import { SectionsQuery, sectionsRouter } from './routes/sections';
import { OverviewQuery, statsRouter } from './routes/stats';
import { usersRouter } from './routes/users';
import { waterRouter } from './routes/water';
import { freeTurn } from './services/turn';

export const webDist = fileURLToPath(new URL('../web/dist', import.meta.url));
const MAX_JSON_BODY = 5 * 1024 * 1024;
const jsonBodyLimit = bodyLimit({
  maxSize: MAX_JSON_BODY,
  onError: (c) => c.json(errorBody('payload_too_large', '请求体过大（payload too large）'), 413),
});
// Uploads have their own 50 MB limit on the import route.
const IMPORT_UPLOAD = /^(\/api)?\/import\//;

export function createApi(
  deps: AppDeps,
  options: { responseCache?: ResponseCache; publicReads?: PublicReadGate } = {},
) {
  const cache = options.responseCache ?? createResponseCache(limits.responseCacheBytes);
  const gate = options.publicReads ?? createDefaultPublicReadGate();
  const base = new OpenAPIHono<AppEnv>();
  const api = base
    .use('*', async (c, next) => {
      c.set('deps', deps);
      c.set('turn', freeTurn);
      await next();
    })
    .use('*', sessionRole())
    .use('*', csrfGuard())
    .use('*', (c, next) => (IMPORT_UPLOAD.test(c.req.path) ? next() : jsonBodyLimit(c, next)))
    // Read-heavy dashboard endpoints: cached per data version with an ETag (see http/cache.ts).
    .use('/stats/overview', cache.middleware(OverviewQuery))
    .use('/enterprises', cache.middleware(ListQuery, listCacheKey))
    // After the cache: what it answers costs no turn. Anonymous expensive reads take turns.
    .use('/enterprises', gate.middleware())
    .use('/enterprises/export', gate.middleware())
    .use('/layers/enterprises', gate.middleware())
    .use('/parks', cache.middleware(ParksQuery))
    .use('/sections', cache.middleware(SectionsQuery))
    .use('/compensation', cache.middleware(CompensationQuery))
    .route('/health', healthRouter)
    .route('/auth', authRouter)
    .route('/users', usersRouter)
    .route('/audit', auditRouter)
    .route('/regions', regionsRouter)
    .route('/grids', gridsRouter)
    .route('/rivers', riversRouter)
    .route('/industries', industriesRouter)
    .route('/parks', parksRouter)
    .route('/enterprises', enterprisesRouter)
    .route('/sections', sectionsRouter)
    .route('/stats', statsRouter)
    .route('/layers', layersRouter)
    .route('/compensation', compensationRouter)
    .route('/hotspots', hotspotsRouter)
    .route('/water', waterRouter)
    .route('/events', eventsRouter)
    .route('/import', importRouter)
    .route('/outlets', outletsRouter)
    .route('/online', onlineRouter)
    .route('/online', onlineFlagsRouter)
    .route('/', codesRouter);

  base.doc31('/openapi.json', {
    openapi: '3.1.0',
    servers: [{ url: '/api' }],
    info: {
      title: '生态治理一张图 API',
      version: deps.version,
      description: 'Enterprises, three-colour supervision codes, water quality, basin compensation and hotspots.',
    },
  });
  api.route('/docs', docsRouter);
  api.notFound(noSuchEndpoint);
  api.onError(handleError);
  return api;
}

const noSuchEndpoint = (c: Context) => c.json(errorBody('not_found', '接口不存在（no such endpoint）'), 404);

/** The whole server: the API under /api and the built web app (SPA fallback) everywhere else. */
export function createApp(deps: AppDeps) {
  const api = createApi(deps);
  const app = new OpenAPIHono<AppEnv>();
  app.use('*', securityHeaders());
  app.route('/api', api);
  // Mounted, the API's own notFound never runs: without this an unknown /api path got the SPA.
  app.all('/api/*', noSuchEndpoint);
  app.onError(handleError);
  if (existsSync(webDist)) {
    app.use('/*', serveStatic({ root: webDist, rewriteRequestPath: (p) => p }));
    // Re-read when a rebuild replaced it: a cached copy would name asset files that are gone.
    let index = { mtime: 0, html: '' };
    const indexHtml = () => {
      const mtime = statSync(`${webDist}/index.html`, { throwIfNoEntry: false })?.mtimeMs ?? index.mtime;
      if (mtime !== index.mtime) index = { mtime, html: readFileSync(`${webDist}/index.html`, 'utf8') };
      return index.html;
    };
    indexHtml();
    app.get('*', (c) => c.html(indexHtml()));
  } else {
    app.get('*', (c) => c.text('Web app not built: run `npm run build` (npm start does this for you).', 503));
  }
  return app;
}

export type ApiType = ReturnType<typeof createApi>;
