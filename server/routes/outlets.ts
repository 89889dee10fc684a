import { createRoute, z } from '@hono/zod-openapi';
import { BUREAU_TZ, isCalendarDay } from '../domain/dates';
import { ApiError, notFound } from '../http/errors';
import { ErrorSchema, IdParam } from '../http/openapi';
import { createRouter } from '../http/router';
import { requireRole } from '../http/session';
import { countOutlets, getOutlet, listOutlets } from '../services/online/outlets';
import { outletSeries, SeriesRangeError, seriesBounds } from '../services/online/series';

const errorResponse = (description: string) => ({
  content: { 'application/json': { schema: ErrorSchema } },
  description,
});

const OutletsQuery = z.object({
  enterprise: z.coerce.number().int().positive().max(2_147_483_647).optional().openapi({ example: 1 }),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

const Pollutant = z.object({
  code: z.string().openapi({ example: 'w01018' }),
  name: z.string(),
  unit: z.string(),
  limit: z.number().nullable(),
  range: z.number().nullable(),
  detectionLimit: z.number().nullable(),
});

const Outlet = z
  .object({
    id: z.number(),
    enterpriseId: z.number(),
    code: z.string(),
    name: z.string().nullable(),
    mn: z.string(),
    medium: z.enum(['water', 'gas']),
    pw: z.string().optional().openapi({ description: '数采仪访问密码，仅管理员可见 / access password, admins only' }),
    pollutants: z.array(Pollutant),
  })
  .openapi('Outlet');

const OutletList = z.object({ items: z.array(Outlet), total: z.number() }).openapi('OutletList');
const OutletCounts = z
  .object({ total: z.number(), byMedium: z.object({ water: z.number(), gas: z.number() }) })
  .openapi('OutletCounts', { description: '未登录用户只看到数量 / the public sees counts only' });

const bound = z
  .string()
  .max(40)
  .regex(
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?(\.\d{1,3})?(Z|[+-]\d{2}:\d{2}))?$/,
    '应为 YYYY-MM-DD 或带时区的 ISO 8601 时间（YYYY-MM-DD or an ISO 8601 instant with offset）',
  )
  .refine((s) => isCalendarDay(s) && !Number.isNaN(Date.parse(s)), '日期无效（invalid date）');

const SeriesQuery = z.object({
  from: bound.openapi({ example: '2026-06-01' }),
  to: bound.openapi({ example: '2026-06-07' }),
  interval: z.enum(['hour', 'day']).default('hour'),
});

const SeriesPoint = z.object({
  time: z.string().openapi({ example: '2026-06-01T08:00:00+08:00' }),
  pollutant: z.string(),
  value: z.number().nullable(),
  flag: z.string(),
  valid: z.boolean(),
  validHours: z.number().optional(),
});

const Series = z
  .object({ outletId: z.number(), interval: z.enum(['hour', 'day']), points: z.array(SeriesPoint) })
  .openapi('OutletSeries');

export const outletsRouter = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['online'],
      summary: '排放口：登录用户看到列表（管理员另见 pw），未登录只看到数量',
      request: { query: OutletsQuery },
      responses: {
        200: {
          content: { 'application/json': { schema: z.union([OutletList, OutletCounts]) } },
          description: '登录：{ items, total }；未登录：{ total, byMedium }',
        },
        400: errorResponse('输入无效 / invalid input'),
      },
    }),
    async (c) => {
      const { enterprise, limit, offset } = c.req.valid('query');
      const db = c.get('deps').db;
      const role = c.get('role');
      if (role === 'public') return c.json(await countOutlets(db, enterprise), 200);
      return c.json(await listOutlets(db, { enterpriseId: enterprise, limit, offset, withPw: role === 'admin' }), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/series',
      tags: ['online'],
      summary: `排放口监测序列：小时值或有效日均值（HJ 356-2019 / HJ 75-2017）。小时最多 92 天、日最多 1096 天`,
      middleware: [requireRole('analyst', 'leader', 'admin')] as const,
      request: { params: IdParam, query: SeriesQuery },
      responses: {
        200: { content: { 'application/json': { schema: Series } }, description: '时间为 ISO 8601（含时区）' },
        400: errorResponse('输入无效或跨度过长 / invalid input or span too long'),
        401: errorResponse('未登录 / login required'),
        404: errorResponse('没有该排放口 / no such outlet'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { from, to, interval } = c.req.valid('query');
      const db = c.get('deps').db;
      const outlet = await getOutlet(db, id);
      if (!outlet) throw notFound('排放口');
      let range: { start: number; end: number };
      try {
        range = seriesBounds(from, to, interval, BUREAU_TZ);
      } catch (e) {
        if (e instanceof SeriesRangeError) throw new ApiError(400, 'invalid_range', e.message);
        throw e;
      }
      const points = await outletSeries(db, outlet, range, interval, BUREAU_TZ);
      return c.json({ outletId: id, interval, points }, 200);
    },
  );
