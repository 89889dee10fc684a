import { createRoute, z } from '@hono/zod-openapi';
import { dayOut, isoDate, jsonResponses } from '../http/openapi';
import { createRouter } from '../http/router';
import { overviewAsOf } from '../services/stats';

const Overview = z
  .object({
    asOf: dayOut,
    codesAsOf: dayOut.nullable().openapi({
      description: '三色码按此评定日读取；null 为当前评定 (codes read as of this assessment day; null = current)',
    }),
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
    description:
      'With `codesAsOf` (a bureau day; a day after the data date means the data date) every figure is as of that day: ' +
      'codes from the code history as the enterprise layer reads them (answer: `codesAsOf`, the assessment day read), cases of its year to date, ' +
      'the rectification rate of the 12 months up to it, policies in force on it, sections by their latest class up to it.',
    request: { query: OverviewQuery },
    responses: jsonResponses(Overview, '领导驾驶舱 KPI'),
  }),
  async (c) => {
    return c.json(await overviewAsOf(c.get('deps').db, c.req.valid('query').codesAsOf), 200);
  },
);
