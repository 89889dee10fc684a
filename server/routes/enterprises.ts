import { createRoute, z } from '@hono/zod-openapi';
import { isPrivileged, type Role } from '../context';
import { enterpriseView } from '../domain/public-view';
import { ApiError, notFound } from '../http/errors';
import {
  dayOut,
  ErrorSchema,
  IdParam,
  isoDate,
  jsonResponses,
  queryBool,
  signedInJsonResponses,
} from '../http/openapi';
import { createRouter } from '../http/router';
import { limits } from '../limits';
import { dataAsOf } from '../services/as-of';
import {
  contentDisposition,
  csvStream,
  EXPORT_CONTENT_TYPES,
  EXPORT_FORMATS,
  exportRows,
  geojsonStream,
  startedExport,
  XLSX_MAX_ROWS,
  xlsxStream,
} from '../services/enterprise-export';
import {
  countEnterprises,
  enterpriseDetail,
  enterpriseWhere,
  listEnterprises,
  withAnomalySince,
} from '../services/enterprises';

const colour = z.enum(['green', 'yellow', 'red']);
const code = (label: string) =>
  z.string().regex(/^\d{6}(\d{3})?(\d{3})?$/, `${label}代码应为 6/9/12 位数字 (${label} code must be digits)`);

const bbox = z
  .string()
  .transform((s, ctx) => {
    const parts = s.split(',').map(Number);
    const [minLon, minLat, maxLon, maxLat] = parts;
    const ok =
      parts.length === 4 &&
      parts.every(Number.isFinite) &&
      minLon >= -180 &&
      maxLon <= 180 &&
      minLat >= -90 &&
      maxLat <= 90 &&
      minLon <= maxLon &&
      minLat <= maxLat;
    if (!ok) {
      ctx.addIssue({
        code: 'custom',
        message: 'bbox 应为 minLon,minLat,maxLon,maxLat (bbox must be minLon,minLat,maxLon,maxLat)',
      });
      return z.NEVER;
    }
    return { minLon, minLat, maxLon, maxLat };
  })
  .openapi({ type: 'string', example: '118.8,28.9,119.0,29.0' });

export const EnterpriseFilter = z.object({
  county: code('区县').optional(),
  town: code('乡镇').optional(),
  park: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  industry: z
    .string()
    .regex(/^[A-T]\d{0,4}$/, '行业代码应为 GB/T 4754 代码，如 C26 (industry must be a GB/T 4754 code)')
    .optional(),
  colour: colour.optional(),
  keyPollutant: queryBool.optional(),
  insured: queryBool.optional(),
  anomaly: queryBool.optional().openapi({
    description: '监测数据异常：有（true）或没有（false）未过期的在线监测数据异常标记；仅登录用户 / staff only',
  }),
  q: z.string().trim().min(1).max(100).optional(),
  bbox: bbox.optional(),
  codesAsOf: isoDate.optional().openapi({
    description: '三色码按此日的历史评定读取（所选时段的末日）；缺省为当前码 / codes as they stood on this day',
  }),
});

export const ListQuery = EnterpriseFilter.extend({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(5000)
    .default(50)
    .openapi({
      description: `每页条数：工作人员至多 5000，公众至多 ${limits.publicPageSize}（更大的值按上限返回，见响应的 limit）/ page size: staff up to 5000, anonymous callers up to ${limits.publicPageSize} (a larger value is clamped; the answer's \`limit\` says what was used)`,
    }),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  sort: z.enum(['id', 'name', 'score', '-score']).default('id'),
});

/**
 * Anonymous callers get smaller pages: on PGlite every query runs on the main thread, and a
 * 5,000-row page built for anyone who asks stalled every other request (see "Limits and safety").
 */
export function pageLimit(asked: number, role: Role): number {
  return isPrivileged(role) ? asked : Math.min(asked, limits.publicPageSize);
}

/** The list's cache key: a clamped limit is the same page, however large the asked one was. */
export const listCacheKey = (query: z.infer<typeof ListQuery>, role: Role) => ({
  ...query,
  limit: pageLimit(query.limit, role),
});

const colourList = z
  .string()
  .regex(
    /^(green|yellow|red)(,(green|yellow|red)){0,2}$/,
    '三色码应为 green、yellow、red，可用逗号分隔多个 (colour must be green, yellow or red, comma-separated)',
  )
  .transform((s) => [...new Set(s.split(','))] as ('green' | 'yellow' | 'red')[])
  .openapi({ type: 'string', example: 'red,yellow' });

/** The list's filter plus the format; colour may name several colours here (red,yellow). */
const ExportQuery = EnterpriseFilter.omit({ colour: true }).extend({
  format: z.enum(EXPORT_FORMATS, { message: '格式应为 csv、xlsx 或 geojson (format must be csv, xlsx or geojson)' }),
  colour: colourList.optional(),
});

const EnterpriseItem = z
  .object({
    id: z.number(),
    uscc: z.string(),
    name: z.string(),
    address: z.string(),
    lon: z.number(),
    lat: z.number(),
    countyCode: z.string(),
    townCode: z.string().nullable(),
    parkId: z.number().nullable(),
    industryCode: z.string(),
    colour,
    score: z.number(),
    keyPollutant: z.boolean(),
    insured: z.boolean(),
  })
  .openapi('EnterpriseItem');

const EnterpriseDetail = EnterpriseItem.extend({
  countyName: z.string(),
  townName: z.string().nullable(),
  park: z.object({ id: z.number(), name: z.string() }).nullable(),
  industry: z.object({ code: z.string(), name: z.string() }),
  status: z.string(),
  codeEvaluatedAt: dayOut.nullable(),
  contact: z.object({ name: z.string().nullable(), phone: z.string().nullable() }).optional(),
  cases: z.array(
    z.object({
      id: z.number().optional(),
      caseNo: z.string(),
      filed: dayOut,
      medium: z.string(),
      severity: z.string().optional(),
      penalty: z.number(),
      status: z.string(),
    }),
  ),
  findings: z
    .array(
      z.object({
        id: z.number(),
        source: z.string(),
        description: z.string(),
        found: dayOut,
        deadline: dayOut,
        rectified: dayOut.nullable(),
        state: z.enum(['rectified', 'overdue', 'open']),
      }),
    )
    .optional()
    .openapi({ description: '仅工作人员可见（公众只见 counts）' }),
  complaints: z
    .array(
      z.object({
        id: z.number(),
        channel: z.string(),
        received: dayOut,
        summary: z.string(),
        verified: z.boolean(),
      }),
    )
    .optional()
    .openapi({ description: '仅工作人员可见（公众只见 counts）' }),
  inspections: z.array(z.object({ id: z.number().optional(), date: dayOut, type: z.string(), result: z.string() })),
  insurance: z.array(
    z.object({
      id: z.number().optional(),
      insurer: z.string(),
      stewardOrg: z.string().nullable(),
      start: dayOut,
      end: dayOut,
      subsidyRate: z.number(),
      riskLevel: z.string(),
      premium: z.number().optional().openapi({ description: '保费（元），仅工作人员可见' }),
      subsidyPayer: z.string().nullable().optional().openapi({ description: '保费补贴方，仅工作人员可见' }),
      subsidyAmount: z.number().optional().openapi({ description: '保费补贴金额（元），仅工作人员可见' }),
    }),
  ),
  damageCompensations: z
    .array(
      z.object({
        id: z.number(),
        caseId: z.number(),
        caseNo: z.string(),
        amount: z.number().openapi({ description: '赔偿金额（元）' }),
        method: z.enum(['money', 'labour', 'restoration']).openapi({ description: '资金赔偿 / 劳务代偿 / 修复' }),
        agreed: dayOut,
        paidAmount: z.number(),
        paidDate: dayOut.nullable(),
        state: z.enum(['paid', 'unpaid']).openapi({ description: '截至三色码评定日' }),
      }),
    )
    .optional()
    .openapi({ description: '生态环境损害赔偿，仅工作人员可见' }),
  counts: z.object({
    findings: z.object({ total: z.number(), rectified: z.number(), overdue: z.number(), open: z.number() }),
    complaints: z.object({ total: z.number(), verified: z.number() }),
  }),
}).openapi('EnterpriseDetail');

/** Which enterprises carry integrity flags is for staff: the public may not filter by it. */
function staffFilter<F extends { anomaly?: boolean }>(filter: F, role: Role): F {
  if (filter.anomaly !== undefined && !isPrivileged(role))
    throw new ApiError(
      401,
      'unauthenticated',
      '按监测数据异常筛选需要登录（log in to filter by monitoring data anomalies）',
    );
  return filter;
}

export const enterprisesRouter = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['enterprises'],
      request: { query: ListQuery },
      responses: signedInJsonResponses(
        z.object({
          total: z.number(),
          limit: z.number().int().openapi({ description: '本页实际使用的每页条数 / the page size used' }),
          items: z.array(EnterpriseItem),
        }),
        '企业列表（按监测数据异常筛选需登录）',
      ),
    }),
    async (c) => {
      const { limit, offset, sort, ...filter } = c.req.valid('query');
      const db = c.get('deps').db;
      const resolved = await withAnomalySince(db, staffFilter(filter, c.get('role')));
      const page = { limit: pageLimit(limit, c.get('role')), offset, sort };
      const list = await listEnterprises(db, resolved, page, c.get('turn'));
      return c.json({ ...list, limit: page.limit }, 200);
    },
  )
  // Registered before /{id}: otherwise "export" would be read (and rejected) as an id.
  .openapi(
    createRoute({
      method: 'get',
      path: '/export',
      tags: ['enterprises'],
      summary: '导出筛选结果：CSV（UTF-8 BOM、中文表头）、XLSX 或 GeoJSON；仅公开字段',
      request: { query: ExportQuery },
      responses: {
        200: {
          content: {
            'text/csv': { schema: z.string() },
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
              schema: z.string().openapi({ format: 'binary' }),
            },
            'application/geo+json': { schema: z.string() },
          },
          description: '附件下载（Content-Disposition: attachment）',
        },
        400: { content: { 'application/json': { schema: ErrorSchema } }, description: '输入无效 / invalid input' },
        401: {
          content: { 'application/json': { schema: ErrorSchema } },
          description: '按监测数据异常筛选需登录 / the anomaly filter needs a login',
        },
      },
    }),
    async (c) => {
      const { format, colour: colours, ...filter } = c.req.valid('query');
      const db = c.get('deps').db;
      const where = enterpriseWhere(await withAnomalySince(db, staffFilter(filter, c.get('role'))), colours);
      if (format === 'xlsx') {
        const n = await countEnterprises(db, where);
        if (n > XLSX_MAX_ROWS)
          throw new ApiError(
            400,
            'too_many_rows',
            `筛选结果 ${n} 行，超过 Excel 上限 ${XLSX_MAX_ROWS} 行，请缩小筛选范围或改用 CSV（too many rows for XLSX; narrow the filter or use CSV）`,
          );
      }
      // The file is named by the day its codes are read as of.
      const asOf = filter.codesAsOf ?? (await dataAsOf(db));
      const ext = format === 'geojson' ? 'geojson' : format;
      const rows = await startedExport(exportRows(db, where, undefined, filter.codesAsOf ?? null, c.get('turn')));
      const body = format === 'csv' ? csvStream(rows) : format === 'xlsx' ? xlsxStream(rows) : geojsonStream(rows);
      return c.body(body, 200, {
        'content-type': EXPORT_CONTENT_TYPES[format],
        'content-disposition': contentDisposition(`enterprises-${asOf}.${ext}`, `企业名录-${asOf}.${ext}`),
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags: ['enterprises'],
      request: { params: IdParam },
      responses: jsonResponses(EnterpriseDetail, '企业详情（公众角色不含联系方式）'),
    }),
    async (c) => {
      const detail = await enterpriseDetail(c.get('deps').db, c.req.valid('param').id);
      if (!detail) throw notFound('企业');
      return c.json(enterpriseView(detail, isPrivileged(c.get('role'))), 200);
    },
  );
