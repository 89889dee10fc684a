import { createRoute, z } from '@hono/zod-openapi';
import { dayOut, jsonResponses } from '../http/openapi';
import { createRouter } from '../http/router';
import { dataAsOf } from '../services/as-of';
import { overview } from '../services/stats';

const Overview = z
  .object({
    asOf: dayOut,
    enterprises: z.object({ total: z.number(), green: z.number(), yellow: z.number(), red: z.number() }),
    cases: z.object({ thisYear: z.number(), lastYear: z.number(), lastYearToDate: z.number() }),
    rectification: z.object({ total: z.number(), rectified: z.number(), rate: z.number().nullable() }),
    insurance: z.object({ insured: z.number(), subsidyPaid: z.number() }),
    sections: z.object({ total: z.number(), meetingTarget: z.number() }),
  })
  .openapi('Overview');

export const statsRouter = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/overview',
    tags: ['stats'],
    responses: jsonResponses(Overview, '领导驾驶舱 KPI'),
  }),
  async (c) => {
    const db = c.get('deps').db;
    const asOf = await dataAsOf(db);
    return c.json({ asOf, ...(await overview(db, asOf)) }, 200);
  },
);
