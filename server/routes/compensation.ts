import { createRoute, z } from '@hono/zod-openapi';
import { assessCompensation, validateCompensationInput } from '../domain/compensation';
import { ApiError } from '../http/errors';
import { dayOut, jsonResponses } from '../http/openapi';
import { createRouter } from '../http/router';
import { dataAsOf } from '../services/as-of';
import { assessYear } from '../services/compensation';

const County = z.object({ code: z.string(), name: z.string() });
const Direction = z.enum(['downstream_pays', 'upstream_pays']).nullable();
const Status = z.enum(['assessed', 'projected', 'insufficient_data', 'not_in_force']);
const Numbers = z.record(z.string(), z.number());

const Condition = z
  .object({
    kind: z.enum(['flow', 'water_use_total', 'water_use_efficiency']),
    outcome: z.enum(['pass', 'fail', 'no_data']),
    effect: z.enum(['none', 'reduced', 'forfeited', 'reported']),
    factor: z.number().openapi({ description: '对应付上游金额的系数（1 为不变）' }),
    value: z.number().nullable(),
    limit: z.number().nullable(),
    unit: z.string(),
    coverage: z.number().nullable().optional(),
  })
  .openapi('CompensationCondition');

const Terms = z.object({
  minFlow: z.number().nullable().openapi({ description: '交接断面年均流量下限 m³/s' }),
  flowEffect: z.enum(['proportional', 'report']),
  waterUseCap: z.number().nullable().openapi({ description: '上游县用水总量上限 万m³' }),
  waterUseEfficiency: z.boolean().openapi({ description: '万元GDP用水量须较上年下降' }),
  waterUseEffect: z.enum(['forfeit', 'report']),
});

const Agreement = z.object({
  id: z.number(),
  name: z.string(),
  upstream: County,
  downstream: County,
  sectionId: z.number(),
  sectionName: z.string(),
  samplingIntervalHours: z.number().openapi({ description: '断面自动站采样间隔（小时）' }),
  startYear: z.number().int().openapi({ description: '首个考核年度' }),
  endYear: z.number().int().nullable().openapi({ description: '末个考核年度；null 为未约定终止' }),
  baselineYears: z.array(z.number().int()).openapi({ description: '基准年：startYear−3 … startYear−1，不考核' }),
  indicators: z.array(z.string()),
  weights: Numbers,
  k0: z.number(),
  baseline: Numbers,
  means: Numbers,
  ratios: Numbers,
  P: z.number().nullable(),
  direction: Direction,
  amount: z.number().openapi({ description: '附加条件作用后的结算（或预估）金额，元' }),
  grossAmount: z.number().openapi({ description: '附加条件作用前的金额，元' }),
  contractAmount: z.number(),
  status: Status,
  coverage: z.number().openapi({ description: '最差指标的数据覆盖率' }),
  coverageByIndicator: Numbers,
  conditions: z.array(Condition),
  terms: Terms,
  settlementForms: z.array(z.string()),
  extraConditions: z.record(z.string(), z.unknown()),
});

const Settlement = z.object({
  countyCode: z.string(),
  name: z.string(),
  received: z.number(),
  paid: z.number(),
  net: z.number().openapi({ description: '已结算净额（仅已考核协议）' }),
  projectedReceived: z.number(),
  projectedPaid: z.number(),
  projectedNet: z.number().openapi({ description: '预估净额（年度未结束），不计入 net' }),
});

const finite = z.number().refine(Number.isFinite, '必须是有限数 (must be finite)');
const AssessBody = z
  .object({
    k0: finite.positive().max(10).optional(),
    weights: z.record(z.string().max(20), finite.min(0).max(1)).optional(),
    baseline: z.record(z.string().max(20), finite.positive()),
    means: z.record(z.string().max(20), finite.min(0)),
    amount: finite,
    coverage: finite.min(0).max(1).nullable().optional(),
    coverageThreshold: finite.min(0).max(1).optional(),
    projected: z.boolean().optional(),
  })
  .openapi('CompensationAssessInput');

export const CompensationQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

export const compensationRouter = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['compensation'],
      request: { query: CompensationQuery },
      responses: jsonResponses(
        z.object({
          year: z.number(),
          asOf: dayOut,
          agreements: z.array(Agreement),
          settlements: z.array(Settlement),
        }),
        '流域上下游横向生态补偿：各协议 P 值、支付方向与各县净结算',
      ),
    }),
    async (c) => {
      const asOf = await dataAsOf(c.get('deps').db);
      const year = c.req.valid('query').year ?? Number(asOf.slice(0, 4));
      const result = await assessYear(c.get('deps').db, year, asOf);
      return c.json({ year, asOf, ...result }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/assess',
      tags: ['compensation'],
      request: { body: { content: { 'application/json': { schema: AssessBody } }, required: true } },
      responses: jsonResponses(
        z.object({
          P: z.number().nullable(),
          ratios: Numbers,
          direction: Direction,
          amount: z.number(),
          status: Status,
        }),
        '补偿测算（不写库）：P = K0 · Σ wᵢ · Cᵢ / C0ᵢ',
      ),
    }),
    async (c) => {
      const input = c.req.valid('json');
      const issues = validateCompensationInput(input);
      if (issues.length > 0)
        throw new ApiError(400, 'invalid_input', '补偿参数无效（invalid compensation input）', issues);
      return c.json(assessCompensation(input), 200);
    },
  );
