import { createRoute, z } from '@hono/zod-openapi';
import { getHexagonAreaAvg } from 'h3-js';
import { addMonths } from '../domain/dates';
import { computeHotspots } from '../domain/hotspots';
import { ApiError } from '../http/errors';
import { isoDate, jsonResponses } from '../http/openapi';
import { createRouter } from '../http/router';
import { dataAsOf } from '../services/as-of';
import { studyAreaHotspots } from '../services/hotspots';

const Bin = z.enum(['hot99', 'hot95', 'hot90', 'ns', 'cold90', 'cold95', 'cold99']);
const Result = z.object({
  res: z.number(),
  n: z.number(),
  cells: z.array(z.object({ h3: z.string(), count: z.number(), z: z.number(), bin: Bin })),
});

const lon = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);
const ring = z
  .array(z.tuple([lon, lat]))
  .min(4)
  .max(10_000);
const StudyArea = z.union([
  z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1).max(100) }),
  z.object({
    type: z.literal('MultiPolygon'),
    coordinates: z.array(z.array(ring).min(1).max(100)).min(1).max(100),
  }),
]);

/**
 * Tiling a study area is linear in its cell count: a country at resolution 9 is tens of millions
 * of cells and minutes of CPU. The bounding box bounds the count from above cheaply.
 */
export const MAX_COMPUTE_CELLS = 300_000;
function estimatedCells(area: z.infer<typeof StudyArea>, res: number): number {
  const polygons = area.type === 'Polygon' ? [area.coordinates] : area.coordinates;
  let km2 = 0;
  for (const rings of polygons) {
    const outer = rings[0];
    const lons = outer.map((p) => p[0]);
    const lats = outer.map((p) => p[1]);
    const [w, e, s, n] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
    const midLat = ((s + n) / 2) * (Math.PI / 180);
    km2 += (e - w) * 111.32 * Math.cos(midLat) * (n - s) * 110.57;
  }
  return km2 / getHexagonAreaAvg(res, 'km2');
}

export const hotspotsRouter = createRouter()
  .openapi(
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
      const to = q.to ?? (await dataAsOf(c.get('deps').db));
      // 12 months back by calendar arithmetic: swapping the year turned 2024-02-29 into 2023-02-29, a 500.
      const from = q.from ?? addMonths(to, -12);
      return c.json(await studyAreaHotspots(c.get('deps').db, { from, to, res: q.res, source: q.source }), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/compute',
      tags: ['hotspots'],
      request: {
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z.object({
                res: z.number().int().min(6).max(9),
                studyArea: StudyArea,
                points: z.array(z.object({ lon, lat, weight: z.number().min(0).max(1e6).optional() })).max(500_000),
              }),
            },
          },
        },
      },
      responses: jsonResponses(Result, '任意研究区与点位的 Gi* 热点计算（不写库）'),
    }),
    async (c) => {
      const input = c.req.valid('json');
      const cells = estimatedCells(input.studyArea, input.res);
      if (cells > MAX_COMPUTE_CELLS)
        throw new ApiError(
          400,
          'study_area_too_large',
          `研究区过大（约 ${Math.round(cells)} 个 H3 单元，上限 ${MAX_COMPUTE_CELLS}），请缩小范围或降低分辨率` +
            `（study area too large: about ${Math.round(cells)} H3 cells, limit ${MAX_COMPUTE_CELLS})`,
        );
      try {
        return c.json(computeHotspots(input), 200);
      } catch (e) {
        // Degenerate rings (all points equal, a ring through a pole) make H3 fail with a numeric
        // code; the domain throws RangeError for values it cannot use. Both are bad input.
        if (e instanceof RangeError || typeof (e as { code?: unknown }).code === 'number')
          throw new ApiError(
            400,
            'invalid_geometry',
            `研究区或点位无效（invalid study area or points）：${(e as Error).message}`,
          );
        throw e;
      }
    },
  );
