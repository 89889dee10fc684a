import { createRoute, z } from '@hono/zod-openapi';
import { notFound } from '../http/errors';
import { featureCollection, IdParam, isoDate, jsonResponses } from '../http/openapi';
import { createRouter } from '../http/router';
import { codesDay } from '../services/code-colours';
import { listParks, parkStatsAsOf } from '../services/parks';

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

export const ParksQuery = z.object({ asOf: isoDate.optional() });
const AS_OF =
  'With `asOf` (a bureau day) the colours are the codes as of that day, as the enterprise layer reads them.';

export const parksRouter = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['parks'],
      description: AS_OF,
      request: { query: ParksQuery },
      responses: jsonResponses(featureCollection(ParkProps), '园区 GeoJSON（含三色码统计）'),
    }),
    async (c) => {
      const db = c.get('deps').db;
      const rows = await listParks(db, await codesDay(db, c.req.valid('query').asOf));
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
      description: `${AS_OF} Cases, rectification and insurance are as of that day too (as the KPI cards read them).`,
      request: { params: IdParam, query: ParksQuery },
      responses: jsonResponses(ParkStats, '园区画像：三色码、行业、案件趋势、整改率、绿色保险'),
    }),
    async (c) => {
      const db = c.get('deps').db;
      const stats = await parkStatsAsOf(db, c.req.valid('param').id, c.req.valid('query').asOf);
      if (!stats) throw notFound('园区');
      return c.json(stats, 200);
    },
  );
