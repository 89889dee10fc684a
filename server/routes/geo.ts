import { createRoute, z } from '@hono/zod-openapi';
import { asc, eq, sql } from 'drizzle-orm';
import { rowsOf } from '../db/client';
import { grids, industries, regions, rivers } from '../db/schema';
import { featureCollection, jsonResponses } from '../http/openapi';
import { createRouter } from '../http/router';

const RegionProps = z.object({
  code: z.string(),
  name: z.string(),
  level: z.string(),
  parentCode: z.string().nullable(),
  center: z.tuple([z.number(), z.number()]).nullable(),
});

/** Reference geography: regions, grids, rivers and the industry tree. */
export const regionsRouter = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['geography'],
    request: { query: z.object({ level: z.enum(['county', 'town']).default('county') }) },
    responses: jsonResponses(featureCollection(RegionProps), '行政区划 GeoJSON'),
  }),
  async (c) => {
    const { level } = c.req.valid('query');
    const rows = await c
      .get('deps')
      .db.select()
      .from(regions)
      .where(eq(regions.level, level))
      .orderBy(asc(regions.code));
    return c.json(
      {
        type: 'FeatureCollection' as const,
        features: rows.map((r) => ({
          type: 'Feature' as const,
          id: r.code,
          geometry: r.geometry,
          properties: {
            code: r.code,
            name: r.name,
            level: r.level,
            parentCode: r.parentCode,
            center:
              r.centerLon == null || r.centerLat == null ? null : ([r.centerLon, r.centerLat] as [number, number]),
          },
        })),
      },
      200,
    );
  },
);

const GridProps = z.object({
  id: z.number(),
  level: z.number(),
  name: z.string(),
  regionCode: z.string().nullable(),
});

export const gridsRouter = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['geography'],
    request: { query: z.object({ level: z.coerce.number().int().min(1).max(3).default(2) }) },
    responses: jsonResponses(featureCollection(GridProps), '三级网格 GeoJSON（不含网格员联系方式）'),
  }),
  async (c) => {
    const { level } = c.req.valid('query');
    const rows = await c
      .get('deps')
      .db.select({
        id: grids.id,
        level: grids.level,
        name: grids.name,
        regionCode: grids.regionCode,
        geometry: grids.geometry,
      })
      .from(grids)
      .where(eq(grids.level, level))
      .orderBy(asc(grids.id));
    return c.json(
      {
        type: 'FeatureCollection' as const,
        features: rows.map(({ geometry, ...properties }) => ({
          type: 'Feature' as const,
          id: properties.id,
          geometry,
          properties,
        })),
      },
      200,
    );
  },
);

const RiverProps = z.object({ id: z.number(), name: z.string(), basin: z.string() });

export const riversRouter = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['water'],
    responses: jsonResponses(featureCollection(RiverProps), '河流 GeoJSON'),
  }),
  async (c) => {
    const rows = await c.get('deps').db.select().from(rivers).orderBy(asc(rivers.id));
    return c.json(
      {
        type: 'FeatureCollection' as const,
        features: rows.map(({ geometry, ...properties }) => ({
          type: 'Feature' as const,
          id: properties.id,
          geometry,
          properties,
        })),
      },
      200,
    );
  },
);

const Industry = z.object({
  code: z.string(),
  name: z.string(),
  parentCode: z.string().nullable(),
  enterpriseCount: z.number(),
});

export const industriesRouter = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['geography'],
    responses: jsonResponses(z.object({ items: z.array(Industry) }), 'GB/T 4754-2017 行业分类'),
  }),
  async (c) => {
    const rows = rowsOf<{ code: string; name: string; parentCode: string | null; enterpriseCount: number }>(
      await c.get('deps').db.execute(sql`
        select i.code, i.name, i.parent_code as "parentCode",
               (select count(*)::int from ${industries} x
                  join enterprises e on e.industry_code = x.code
                 where x.code = i.code) as "enterpriseCount"
          from ${industries} i order by i.code`),
    );
    return c.json({ items: rows }, 200);
  },
);
