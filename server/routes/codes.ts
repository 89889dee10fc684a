import { createRoute, z } from '@hono/zod-openapi';
import { isPrivileged } from '../context';
import { codeView } from '../domain/public-view';
import { evaluateCode, PATH_STEP_RULES } from '../domain/supervision-code';
import { notFound } from '../http/errors';
import { dayOut, IdParam, isoDate, jsonResponses, MAX_YEAR, MIN_YEAR } from '../http/openapi';
import { createRouter } from '../http/router';
import { requireRole } from '../http/session';
import { drawInspectionPlan, enterpriseCode } from '../services/codes';

const Colour = z.enum(['green', 'yellow', 'red']);
const Reason = z.object({
  rule: z.string(),
  label: z.string(),
  points: z.number(),
  evidence: z.array(z.union([z.string(), z.number()])),
});
const PathStep = z
  .object({
    rule: z.enum(PATH_STEP_RULES),
    points: z.number(),
    date: z.string().nullable().openapi({ description: '整改期限，或案件、投诉移出评价窗口之日' }),
    factDate: z.string().nullable().openapi({ description: '所涉事实的日期（立案、发现、受理）' }),
    count: z.number().nullable().openapi({ description: '整改奖励计入的问题数，或待移出的超标日数' }),
    evidence: z.array(z.union([z.string(), z.number()])).openapi({ description: '所涉记录编号（公众不可见）' }),
  })
  .openapi('PathStep');
const Evaluation = z.object({
  colour: Colour,
  score: z.number(),
  reasons: z.array(Reason),
  hardRule: z.string().nullable(),
  pathToGreen: z.array(PathStep),
  rulesVersion: z.string(),
});

const EvaluateBody = z
  .object({
    asOf: isoDate,
    cases: z
      .array(
        z.object({
          id: z.union([z.string().max(64), z.number()]).optional(),
          date: isoDate,
          severity: z.enum(['general', 'major']),
        }),
      )
      .max(1000)
      .default([]),
    complaints: z
      .array(
        z.object({
          id: z.union([z.string().max(64), z.number()]).optional(),
          date: isoDate,
          verified: z.boolean(),
        }),
      )
      .max(1000)
      .default([]),
    findings: z
      .array(
        z.object({
          id: z.union([z.string().max(64), z.number()]).optional(),
          found: isoDate,
          deadline: isoDate,
          rectified: isoDate.nullable().optional(),
        }),
      )
      .max(1000)
      .default([]),
    exceedanceDays: z.number().int().min(0).max(366).default(0),
    insuredWithSteward: z.boolean().default(false),
    unpaidDamageCompensation: z.boolean().default(false),
  })
  .openapi('CodeFacts');

const PlanBody = z.object({
  period: z
    .string()
    .regex(/^\d{4}Q[1-4]$/, '周期格式应为 2026Q4 (period must look like 2026Q4)')
    .refine((p) => Number(p.slice(0, 4)) >= MIN_YEAR && Number(p.slice(0, 4)) <= MAX_YEAR, {
      message: `年份须在 ${MIN_YEAR}–${MAX_YEAR} 之间 (year must be between ${MIN_YEAR} and ${MAX_YEAR})`,
    }),
  yellowRate: z.number().min(0).max(1),
  seed: z.number().int().min(0).max(2_147_483_647).optional(),
});

/** Three-colour supervision code: an enterprise's code, what-if evaluation, double-random plans. */
export const codesRouter = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/enterprises/{id}/code',
      tags: ['codes'],
      request: { params: IdParam },
      responses: jsonResponses(
        Evaluation.omit({ hardRule: true }).extend({
          hardRule: z.string().nullable(),
          evaluatedAt: dayOut,
          history: z.array(z.object({ date: dayOut, colour: Colour, score: z.number() })),
        }),
        '企业三色码：得分、扣分理由、转绿路径与历史',
      ),
    }),
    async (c) => {
      const result = await enterpriseCode(c.get('deps').db, c.req.valid('param').id);
      if (!result) throw notFound('企业');
      return c.json(codeView(result, isPrivileged(c.get('role'))), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/codes/evaluate',
      tags: ['codes'],
      request: { body: { required: true, content: { 'application/json': { schema: EvaluateBody } } } },
      responses: jsonResponses(Evaluation, '三色码试算（不写库）'),
    }),
    async (c) => c.json(evaluateCode(c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/inspections/plan',
      tags: ['codes'],
      // Drawing a plan writes an auditable record: staff only.
      middleware: [requireRole('analyst', 'leader', 'admin')] as const,
      request: { body: { required: true, content: { 'application/json': { schema: PlanBody } } } },
      responses: jsonResponses(
        z.object({
          planId: z.number(),
          period: z.string(),
          seed: z.number(),
          yellowRate: z.number(),
          red: z.array(z.number()),
          sampledYellow: z.array(z.number()),
          flagged: z.array(
            z.object({
              id: z.number(),
              kinds: z.array(z.string()),
              name: z.string(),
              uscc: z.string(),
              colour: z.enum(['green', 'yellow', 'red']),
            }),
          ),
        }),
        '双随机抽查名单：红码全部纳入、黄码按比例随机抽取、绿码不扰；监测数据异常企业必查（附异常类型）；种子留档可复现',
      ),
    }),
    async (c) => {
      const { period, yellowRate, seed: given } = c.req.valid('json');
      const seed = given ?? Math.floor(Math.random() * 2_147_483_647);
      const plan = await drawInspectionPlan(c.get('deps').db, { period, yellowRate, seed, createdBy: c.get('userId') });
      return c.json({ period, yellowRate, ...plan }, 200);
    },
  );
