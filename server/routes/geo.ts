import { createRoute, z } from '@hono/zod-openapi';
import { featureCollection, jsonResponses } from '../http/openapi';
import { createRouter } from '../http/router';
import { listGrids, listIndustries, listRegions, listRivers } from '../services/geo';

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
    const rows = await listRegions(c.get('deps').db, level);
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
    const rows = await listGrids(c.get('deps').db, level);
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
    const rows = await listRivers(c.get('deps').db);
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
  async (c) => c.json({ items: await listIndustries(c.get('deps').db) }, 200),
);
