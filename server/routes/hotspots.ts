import { createRoute, z } from '@hono/zod-openapi';
import { ApiError } from '../http/errors';
import { ComputeRefused, HotspotComputeBody } from '../http/hotspot-compute';
import { isoDate, jsonResponses } from '../http/openapi';
import { createRouter } from '../http/router';
import { computeHotspotsFor, hotspotWindow, studyAreaHotspots } from '../services/hotspots';

const Bin = z.enum(['hot99', 'hot95', 'hot90', 'ns', 'cold90', 'cold95', 'cold99']);
const Result = z.object({
  res: z.number(),
  n: z.number(),
  cells: z.array(z.object({ h3: z.string(), count: z.number(), z: z.number(), bin: Bin })),
});

export const hotspotsRouter = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['hotspots'],
    request: {
      query: z
        .object({
          from: isoDate.optional(),
          to: isoDate.optional(),
          res: z.coerce.number().int().min(6).max(9).default(8),
          source: z.enum(['cases', 'cases+complaints']).default('cases'),
        })
        .refine((q) => !q.from || !q.to || q.from <= q.to, {
          message: 'from 不能晚于 to (from must not be after to)',
          path: ['from'],
        }),
    },
    responses: jsonResponses(Result, '违法热点：H3 网格 Getis-Ord Gi*（含零值网格）'),
  }),
  async (c) => {
    const q = c.req.valid('query');
    // Level 9 tiles the city into ~100k cells: fine for signed-in analysts, too costly to offer anonymously.
    if (q.res > 8 && c.get('role') === 'public')
      throw new ApiError(403, 'forbidden', '9 级热点需登录后使用（resolution 9 needs a signed-in user）');
    const { from, to } = await hotspotWindow(c.get('deps').db, q);
    const json = await studyAreaHotspots(c.get('deps').db, { from, to, res: q.res, source: q.source });
    // Serialised by the worker that computed it.
    return c.body(json as Uint8Array<ArrayBuffer>, 200, { 'content-type': 'application/json' }) as never;
  },
);

// Documented like every route, but not validated here: the body is parsed and checked on the
// worker thread with the computation (http/hotspot-compute.ts), so 5 MB of points never ties up
// the event loop.
hotspotsRouter.openAPIRegistry.registerPath(
  createRoute({
    method: 'post',
    path: '/compute',
    tags: ['hotspots'],
    request: { body: { required: true, content: { 'application/json': { schema: HotspotComputeBody } } } },
    responses: jsonResponses(Result, '任意研究区与点位的 Gi* 热点计算（不写库）'),
  }),
);
hotspotsRouter.post('/compute', async (c) => {
  const body = new Uint8Array(await c.req.arrayBuffer());
  try {
    const json = await computeHotspotsFor(body, c.get('role') === 'public' ? 'public' : 'staff');
    return c.body(json as Uint8Array<ArrayBuffer>, 200, { 'content-type': 'application/json' });
  } catch (e) {
    if (e instanceof ComputeRefused) {
      if (e.status === 429) c.header('Retry-After', '5');
      throw new ApiError(e.status, e.code, e.message, e.details);
    }
    throw e;
  }
});
