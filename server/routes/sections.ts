import { createRoute, z } from '@hono/zod-openapi';
import { ApiError, notFound } from '../http/errors';
import { dayOut, featureCollection, IdParam, instantOut, isoDate, jsonResponses } from '../http/openapi';
import { createRouter } from '../http/router';
import { dataAsOf } from '../services/as-of';
import {
  listSections,
  MAX_RAW_POINTS,
  periodMeans,
  rawReadings,
  sectionSpan,
  seriesWindow,
} from '../services/sections';

const SectionProps = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  riverName: z.string().nullable(),
  countyCode: z.string().nullable(),
  waterBody: z.enum(['river', 'lake']),
  targetClass: z.string(),
  handover: z.boolean(),
  upstreamCounty: z.string().nullable(),
  downstreamCounty: z.string().nullable(),
  latest: z.object({ time: instantOut, class: z.string().nullable() }).nullable(),
  meetsTarget: z.boolean().nullable(),
});

const ReadingPoint = z.object({
  time: z.string().openapi({
    description: 'raw: 时刻 ISO 8601（带局时区偏移）; day: YYYY-MM-DD; month: YYYY-MM; year: YYYY — bureau calendar',
    example: '2026-06-10T08:00:00+08:00',
  }),
  ph: z.number().nullable(),
  do: z.number().nullable(),
  codmn: z.number().nullable(),
  nh3n: z.number().nullable(),
  tp: z.number().nullable(),
  tn: z.number().nullable(),
  temperature: z.number().nullable(),
  turbidity: z.number().nullable(),
  conductivity: z.number().nullable(),
  valid: z.boolean().optional(),
  class: z.string().nullable(),
  count: z.number().optional(),
  coverage: z.number().nullable().optional(),
});

const ReadingsQuery = z
  .object({
    from: isoDate.optional(),
    to: isoDate.optional(),
    interval: z.enum(['raw', 'day', 'month', 'year']).default('day'),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'from 不能晚于 to (from must not be after to)',
    path: ['from'],
  });

export const SectionsQuery = z.object({ asOf: isoDate.optional() });

export const sectionsRouter = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['water'],
      description: 'With `asOf` (a bureau day) `latest` is the latest valid reading up to the end of that day.',
      request: { query: SectionsQuery },
      responses: jsonResponses(featureCollection(SectionProps), '水质断面 GeoJSON（最新水质类别与目标）'),
    }),
    async (c) => {
      const rows = await listSections(c.get('deps').db, c.req.valid('query').asOf ?? null);
      return c.json(
        {
          type: 'FeatureCollection' as const,
          features: rows.map(({ lon, lat, ...properties }) => ({
            type: 'Feature' as const,
            id: properties.id,
            geometry: { type: 'Point', coordinates: [lon, lat] },
            properties,
          })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/readings',
      tags: ['water'],
      request: { params: IdParam, query: ReadingsQuery },
      responses: jsonResponses(
        z.object({
          sectionId: z.number(),
          waterBody: z.enum(['river', 'lake']),
          interval: z.enum(['raw', 'day', 'month', 'year']),
          from: dayOut,
          to: dayOut,
          points: z.array(ReadingPoint),
        }),
        '断面监测时间序列；日、月、年为有效数据均值（局时区日历），按报告精度修约（GB/T 8170）后按 GB 3838-2002 单因子法定类',
      ),
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { interval, ...q } = c.req.valid('query');
      const db = c.get('deps').db;
      const section = await sectionSpan(db, id);
      if (!section) throw notFound('断面');
      const asOf = await dataAsOf(db);
      const { from, to } = seriesWindow(section, interval, q, asOf);

      if (interval === 'raw') {
        const rows = await rawReadings(db, id, from, to);
        if (rows.length > MAX_RAW_POINTS)
          throw new ApiError(
            400,
            'range_too_large',
            '时间范围过大，请改用日或月均值（range too large for raw readings; use interval=day or month）',
          );
        return c.json({ sectionId: id, waterBody: section.waterBody, interval, from, to, points: rows }, 200);
      }

      const points = await periodMeans(db, id, section, interval, from, to, asOf);
      return c.json({ sectionId: id, waterBody: section.waterBody, interval, from, to, points }, 200);
    },
  );
