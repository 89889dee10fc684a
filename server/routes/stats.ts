import { createRoute, z } from '@hono/zod-openapi';
import { dayOut, isoDate, jsonResponses } from '../http/openapi';
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

export const OverviewQuery = z.object({
  codesAsOf: isoDate.optional().openapi({
    description:
      '所选时段的末日：三色码、案件、整改、保险和断面均按此日统计（晚于数据日期时按数据日期）/ the figures as of this day',
  }),
});

export const statsRouter = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/overview',
    tags: ['stats'],
    request: { query: OverviewQuery },
    responses: jsonResponses(Overview, '领导驾驶舱 KPI'),
  }),
  async (c) => {
    const db = c.get('deps').db;
    const dataDay = await dataAsOf(db);
    const asked = c.req.valid('query').codesAsOf;
    // Never past the data: a period still running is read as of the data date.
    const asOf = asked && asked < dataDay ? asked : dataDay;
    return c.json({ asOf, ...(await overview(db, asOf, asOf < dataDay)) }, 200);
  },
);
