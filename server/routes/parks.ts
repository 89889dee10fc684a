import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../db/client';
import { getMeta } from '../db/meta';
import { notFound } from '../http/errors';
import { featureCollection, IdParam, jsonResponses } from '../http/openapi';
import { createRouter } from '../http/router';

const ByColour = z.object({ green: z.number(), yellow: z.number(), red: z.number() });
const ParkProps = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.string(),
  countyCode: z.string(),
  enterpriseCount: z.number(),
  byColour: ByColour,
  industryCodes: z.array(z.string()),
  center: z.tuple([z.number(), z.number()]),
});

const ParkStats = z
  .object({
    id: z.number(),
    name: z.string(),
    kind: z.string(),
    countyCode: z.string(),
    enterpriseCount: z.number(),
    byColour: ByColour,
    industries: z.array(z.object({ code: z.string(), name: z.string(), count: z.number() })),
    casesByMonth: z.array(z.object({ month: z.string(), count: z.number() })),
    rectification: z.object({ total: z.number(), rectified: z.number(), rate: z.number().nullable() }),
    insurance: z.object({ insured: z.number(), coverage: z.number().nullable(), subsidyPaid: z.number() }),
  })
  .openapi('ParkStats');

type ParkRow = {
  id: number;
  name: string;
  kind: string;
  countyCode: string;
  centerLon: number;
  centerLat: number;
  geometry: unknown;
  industryCodes: string[];
  green: number;
  yellow: number;
  red: number;
};

export const parksRouter = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['parks'],
      responses: jsonResponses(featureCollection(ParkProps), '园区 GeoJSON（含三色码统计）'),
    }),
    async (c) => {
      const rows = rowsOf<ParkRow>(
        await c.get('deps').db.execute(sql`
          select p.id, p.name, p.kind, p.county_code as "countyCode", p.center_lon as "centerLon",
                 p.center_lat as "centerLat", p.geometry, p.industry_codes as "industryCodes",
                 count(e.id) filter (where e.colour = 'green')::int as green,
                 count(e.id) filter (where e.colour = 'yellow')::int as yellow,
                 count(e.id) filter (where e.colour = 'red')::int as red
            from parks p left join enterprises e on e.park_id = p.id
           group by p.id order by p.id`),
      );
      return c.json(
        {
          type: 'FeatureCollection' as const,
          features: rows.map((r) => ({
            type: 'Feature' as const,
            id: r.id,
            geometry: r.geometry,
            properties: {
              id: r.id,
              name: r.name,
              kind: r.kind,
              countyCode: r.countyCode,
              enterpriseCount: r.green + r.yellow + r.red,
              byColour: { green: r.green, yellow: r.yellow, red: r.red },
              industryCodes: r.industryCodes,
              center: [r.centerLon, r.centerLat] as [number, number],
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
      path: '/{id}/stats',
      tags: ['parks'],
      request: { params: IdParam },
      responses: jsonResponses(ParkStats, '园区画像：三色码、行业、案件趋势、整改率、绿色保险'),
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const db = c.get('deps').db;
      const asOf = (await getMeta(db, 'asOf')) ?? new Date().toISOString().slice(0, 10);
      const [park] = rowsOf<Omit<ParkRow, 'geometry' | 'centerLon' | 'centerLat' | 'industryCodes'>>(
        await db.execute(sql`
          select p.id, p.name, p.kind, p.county_code as "countyCode",
                 count(e.id) filter (where e.colour = 'green')::int as green,
                 count(e.id) filter (where e.colour = 'yellow')::int as yellow,
                 count(e.id) filter (where e.colour = 'red')::int as red
            from parks p left join enterprises e on e.park_id = p.id
           where p.id = ${id} group by p.id`),
      );
      if (!park) throw notFound('园区');
      const [industries, casesByMonth, rect, ins] = await Promise.all([
        db.execute(sql`
          select e.industry_code as code, i.name, count(*)::int as count
            from enterprises e join industries i on i.code = e.industry_code
           where e.park_id = ${id} group by e.industry_code, i.name order by count desc, code`),
        db.execute(sql`
          select to_char(c.filed, 'YYYY-MM') as month, count(*)::int as count
            from violation_cases c join enterprises e on e.id = c.enterprise_id
           where e.park_id = ${id} and c.filed > ${asOf}::date - interval '36 months'
           group by month order by month`),
        db.execute(sql`
          select count(*)::int as total, count(f.rectified)::int as rectified
            from findings f join enterprises e on e.id = f.enterprise_id
           where e.park_id = ${id} and f.found > ${asOf}::date - interval '12 months'`),
        db.execute(sql`
          select count(distinct p.enterprise_id)::int as insured,
                 coalesce(sum(p.premium * p.subsidy_rate), 0)::float8 as "subsidyPaid"
            from insurance_policies p join enterprises e on e.id = p.enterprise_id
           where e.park_id = ${id} and p.start <= ${asOf}::date and p."end" >= ${asOf}::date`),
      ]);
      const r = rowsOf<{ total: number; rectified: number }>(rect)[0];
      const s = rowsOf<{ insured: number; subsidyPaid: number }>(ins)[0];
      const count = park.green + park.yellow + park.red;
      return c.json(
        {
          id: park.id,
          name: park.name,
          kind: park.kind,
          countyCode: park.countyCode,
          enterpriseCount: count,
          byColour: { green: park.green, yellow: park.yellow, red: park.red },
          industries: rowsOf<{ code: string; name: string; count: number }>(industries),
          casesByMonth: rowsOf<{ month: string; count: number }>(casesByMonth),
          rectification: {
            total: r.total,
            rectified: r.rectified,
            rate: r.total ? r.rectified / r.total : null,
          },
          insurance: {
            insured: s.insured,
            coverage: count ? s.insured / count : null,
            subsidyPaid: Number(s.subsidyPaid),
          },
        },
        200,
      );
    },
  );
