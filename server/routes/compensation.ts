import { createRoute, z } from '@hono/zod-openapi';
import { assessCompensation, validateCompensationInput } from '../domain/compensation';
import { ApiError } from '../http/errors';
import { jsonResponses } from '../http/openapi';
import { createRouter } from '../http/router';
import { dataAsOf } from '../services/as-of';
import { assessYear } from '../services/compensation';

const County = z.object({ code: z.string(), name: z.string() });
const Direction = z.enum(['downstream_pays', 'upstream_pays']).nullable();
const Status = z.enum(['assessed', 'projected', 'insufficient_data']);
const Numbers = z.record(z.string(), z.number());

const Agreement = z.object({
  id: z.number(),
  name: z.string(),
  upstream: County,
  downstream: County,
  sectionId: z.number(),
  sectionName: z.string(),
  indicators: z.array(z.string()),
  weights: Numbers,
  k0: z.number(),
  baseline: Numbers,
  means: Numbers,
  ratios: Numbers,
  P: z.number().nullable(),
  direction: Direction,
  amount: z.number(),
  contractAmount: z.number(),
  status: Status,
  coverage: z.number(),
  settlementForms: z.array(z.string()),
  extraConditions: z.record(z.string(), z.unknown()),
});

const Settlement = z.object({
  countyCode: z.string(),
  name: z.string(),
  received: z.number(),
  paid: z.number(),
  net: z.number(),
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

export const compensationRouter = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['compensation'],
      request: { query: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }) },
      responses: jsonResponses(
        z.object({
          year: z.number(),
          asOf: z.string(),
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
