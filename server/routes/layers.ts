import { createRoute, z } from '@hono/zod-openapi';
import { isoDate } from '../http/openapi';
import { createRouter } from '../http/router';
import { codesDay } from '../services/code-colours';

export const layersRouter = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/enterprises',
    tags: ['layers'],
    description:
      'Binary columnar enterprise layer (format ENT2: Hilbert-sorted, delta-coded, byte-shuffled columns): see server/services/enterprise-layer.ts. ' +
      'With `codesAsOf` the colours are the three-colour codes as they stood on that day (header X-Codes-As-Of).',
    request: { query: z.object({ codesAsOf: isoDate.optional() }) },
    responses: {
      200: {
        content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
        description: 'ENT2 payload',
      },
      304: { description: '未变化 / not modified' },
    },
  }),
  async (c) => {
    const deps = c.get('deps');
    const layer = await deps.enterpriseLayer(await codesDay(deps.db, c.req.valid('query').codesAsOf), c.get('turn'));
    c.header('ETag', layer.etag);
    if (layer.codesAsOf) c.header('X-Codes-As-Of', layer.codesAsOf);
    c.header('Cache-Control', 'no-cache');
    c.header('Vary', 'Accept-Encoding');
    const inm = c.req.header('If-None-Match');
    if (inm?.split(',').some((t) => t.trim() === layer.etag)) return c.body(null, 304);
    c.header('Content-Type', 'application/octet-stream');
    c.header('X-Data-Version', String(layer.dataVersion));
    const accepts = c.req.header('Accept-Encoding') ?? '';
    if (layer.br && /\bbr\b/.test(accepts)) {
      c.header('Content-Encoding', 'br');
      return c.body(layer.br as unknown as ArrayBuffer, 200);
    }
    if (/\bgzip\b/.test(accepts)) {
      c.header('Content-Encoding', 'gzip');
      return c.body(layer.gzip as unknown as ArrayBuffer, 200);
    }
    return c.body(layer.raw as unknown as ArrayBuffer, 200);
  },
);
