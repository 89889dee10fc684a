import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../db/client';
import { classifyPeriod, classRank, type WaterBody, type WaterClass } from '../domain/water-quality';
import { ApiError, notFound } from '../http/errors';
import { featureCollection, IdParam, isoDate, jsonResponses } from '../http/openapi';
import { createRouter } from '../http/router';

const READINGS_PER_DAY = 6; // automatic stations report every 4 hours
const MAX_RAW_POINTS = 20_000;

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
  latest: z.object({ time: z.string(), class: z.string().nullable() }).nullable(),
  meetsTarget: z.boolean().nullable(),
});

const indicatorFields = ['ph', 'do', 'codmn', 'nh3n', 'tp', 'tn', 'temperature', 'turbidity', 'conductivity'] as const;
const ReadingPoint = z.object({
  time: z.string(),
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
    interval: z.enum(['raw', 'day', 'month']).default('day'),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'from 不能晚于 to (from must not be after to)',
    path: ['from'],
  });

type SectionRow = {
  id: number;
  code: string;
  name: string;
  riverName: string | null;
  countyCode: string | null;
  waterBody: WaterBody;
  targetClass: string;
  handover: boolean;
  upstreamCounty: string | null;
  downstreamCounty: string | null;
  lon: number;
  lat: number;
  latestTime: string | null;
  latestClass: WaterClass | null;
};

type AggRow = Record<(typeof indicatorFields)[number], number | null> & { bucket: string; count: number };

const daysIn = (bucket: string, interval: 'day' | 'month') => {
  if (interval === 'day') return 1;
  const [y, m] = bucket.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
};

export const sectionsRouter = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['water'],
      responses: jsonResponses(featureCollection(SectionProps), '水质断面 GeoJSON（最新水质类别与目标）'),
    }),
    async (c) => {
      const rows = rowsOf<SectionRow>(
        await c.get('deps').db.execute(sql`
          select s.id, s.code, s.name, r.name as "riverName", s.county_code as "countyCode",
                 s.water_body as "waterBody", s.target_class as "targetClass", s.handover,
                 s.upstream_county as "upstreamCounty", s.downstream_county as "downstreamCounty",
                 s.lon, s.lat, l.time as "latestTime", l.class as "latestClass"
            from sections s
            left join rivers r on r.id = s.river_id
            left join lateral (
              select time::text as time, class from readings
               where section_id = s.id and valid and class is not null
               order by time desc limit 1) l on true
           order by s.code`),
      );
      return c.json(
        {
          type: 'FeatureCollection' as const,
          features: rows.map(({ lon, lat, latestTime, latestClass, ...p }) => ({
            type: 'Feature' as const,
            id: p.id,
            geometry: { type: 'Point', coordinates: [lon, lat] },
            properties: {
              ...p,
              latest: latestTime ? { time: latestTime, class: latestClass } : null,
              meetsTarget: latestClass ? classRank(latestClass) <= classRank(p.targetClass as WaterClass) : null,
            },
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
          interval: z.enum(['raw', 'day', 'month']),
          from: z.string(),
          to: z.string(),
          points: z.array(ReadingPoint),
        }),
        '断面监测时间序列；日、月为有效数据均值，类别按 GB 3838-2002 单因子法',
      ),
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { interval, ...q } = c.req.valid('query');
      const db = c.get('deps').db;
      const [section] = rowsOf<{ waterBody: WaterBody; last: string | null }>(
        await db.execute(sql`
          select water_body as "waterBody",
                 (select max(time)::date::text from readings where section_id = ${id}) as last
            from sections where id = ${id}`),
      );
      if (!section) throw notFound('断面');
      const to = q.to ?? section.last ?? new Date().toISOString().slice(0, 10);
      const defaultSpanDays = { raw: 14, day: 365, month: 365 * 5 }[interval];
      const from =
        q.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - defaultSpanDays * 86_400_000).toISOString().slice(0, 10);
      const range = sql`section_id = ${id} and time >= ${from}::date and time < ${to}::date + 1`;

      if (interval === 'raw') {
        const rows = rowsOf<z.infer<typeof ReadingPoint>>(
          await db.execute(sql`
            select time::text as time, ph, "do", codmn, nh3n, tp, tn, temperature, turbidity, conductivity,
                   valid, class
              from readings where ${range} order by time limit ${MAX_RAW_POINTS + 1}`),
        );
        if (rows.length > MAX_RAW_POINTS)
          throw new ApiError(
            400,
            'range_too_large',
            '时间范围过大，请改用日或月均值（range too large for raw readings; use interval=day or month）',
          );
        return c.json({ sectionId: id, waterBody: section.waterBody, interval, from, to, points: rows }, 200);
      }

      const bucket = interval === 'day' ? sql`to_char(time, 'YYYY-MM-DD')` : sql`to_char(time, 'YYYY-MM')`;
      // Means of valid readings only (DESIGN: invalid readings are excluded, coverage reported).
      const rows = rowsOf<AggRow>(
        await db.execute(sql`
          select ${bucket} as bucket, count(*)::int as count,
                 avg(ph)::float8 as ph, avg("do")::float8 as "do", avg(codmn)::float8 as codmn,
                 avg(nh3n)::float8 as nh3n, avg(tp)::float8 as tp, avg(tn)::float8 as tn,
                 avg(temperature)::float8 as temperature, avg(turbidity)::float8 as turbidity,
                 avg(conductivity)::float8 as conductivity
            from readings where ${range} and valid
           group by bucket order by bucket`),
      );
      const points = rows.map((r) => {
        const expected = daysIn(r.bucket, interval) * READINGS_PER_DAY;
        const period = classifyPeriod(
          [{ ph: r.ph, do: r.do, codmn: r.codmn, nh3n: r.nh3n, tp: r.tp, tn: r.tn }],
          section.waterBody,
        );
        const round = (v: number | null) => (v == null ? null : Math.round(v * 10_000) / 10_000);
        return {
          time: r.bucket,
          ph: round(r.ph),
          do: round(r.do),
          codmn: round(r.codmn),
          nh3n: round(r.nh3n),
          tp: round(r.tp),
          tn: round(r.tn),
          temperature: round(r.temperature),
          turbidity: round(r.turbidity),
          conductivity: round(r.conductivity),
          class: period.class,
          count: r.count,
          coverage: Math.min(1, r.count / expected),
        };
      });
      return c.json({ sectionId: id, waterBody: section.waterBody, interval, from, to, points }, 200);
    },
  );
