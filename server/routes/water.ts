import { createRoute, z } from '@hono/zod-openapi';
import { classifyPeriod, classifySample } from '../domain/water-quality';
import { ApiError } from '../http/errors';
import { jsonResponses } from '../http/openapi';
import { createRouter } from '../http/router';

const conc = z
  .number()
  .refine(Number.isFinite, '必须是有限数 (must be finite)')
  .min(0)
  .max(100_000)
  .nullable()
  .optional();
const SampleIn = z
  .object({ ph: conc, do: conc, codmn: conc, cod: conc, bod5: conc, nh3n: conc, tp: conc, tn: conc })
  .strict();
const WaterClass = z.enum(['I', 'II', 'III', 'IV', 'V', '劣V']);
const MainPollutant = z.object({ indicator: z.string(), class: WaterClass, multiple: z.number().nullable() });

const ClassifyResult = z.object({
  samples: z.array(
    z.object({
      class: WaterClass,
      indicators: z.record(z.string(), z.object({ value: z.number(), class: WaterClass })),
      mainPollutants: z.array(MainPollutant),
      tnClass: WaterClass.optional(),
    }),
  ),
  period: z.object({
    class: WaterClass.nullable(),
    means: z.record(z.string(), z.number()),
    mainPollutants: z.array(MainPollutant),
    tnClass: WaterClass.optional(),
  }),
});

export const waterRouter = createRouter().openapi(
  createRoute({
    method: 'post',
    path: '/classify',
    tags: ['water'],
    request: {
      body: {
        required: true,
        content: {
          'application/json': {
            schema: z.object({
              waterBody: z.enum(['river', 'lake']),
              samples: z.array(SampleIn).min(1).max(10_000),
            }),
          },
        },
      },
    },
    responses: jsonResponses(ClassifyResult, 'GB 3838-2002 单因子评价：样品类别、主要污染指标、时段均值类别'),
  }),
  async (c) => {
    const { waterBody, samples } = c.req.valid('json');
    const results = samples.map((s) => classifySample(s, waterBody));
    const empty = results.flatMap((r, i) =>
      r ? [] : [{ path: `samples.${i}`, message: '没有可评价的指标 (no evaluable indicator)' }],
    );
    if (empty.length > 0)
      throw new ApiError(
        400,
        'no_evaluable_indicator',
        '样品没有可评价的指标（a sample has no evaluable indicator）',
        empty,
      );
    const period = classifyPeriod(samples, waterBody);
    return c.json(
      {
        samples: results.map((r) => r as NonNullable<typeof r>),
        period: {
          class: period.class,
          means: period.means,
          mainPollutants: period.mainPollutants,
          tnClass: period.tnClass,
        },
      },
      200,
    );
  },
);
