import { createRoute, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context';
import { formatInstant } from '../domain/dates';
import { ApiError, errorBody } from '../http/errors';
import { ErrorSchema, instantOut, queryBool } from '../http/openapi';
import { createRouter } from '../http/router';
import { clientIp, requireRole } from '../http/session';
import { audit } from '../services/auth';
import {
  CRS_VALUES,
  IMPORT_KINDS,
  ImportFileError,
  type ImportKind,
  isImportKind,
  KINDS,
  runImport,
} from '../services/import';
import { listImportBatches } from '../services/import/batches';
import { buildTemplate, type TemplateFormat } from '../services/import/templates';

export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

const errorResponse = (description: string) => ({
  content: { 'application/json': { schema: ErrorSchema } },
  description,
});

const RowErrorSchema = z.object({
  row: z.number().int().openapi({ description: '表格中的行号（表头为第 1 行；GeoJSON 为要素序号；0 表示整个文件）' }),
  column: z.string().nullable(),
  value: z.string().nullable(),
  message: z.string(),
});

const ImportResultSchema = z
  .object({
    batchId: z.number().int(),
    kind: z.enum(IMPORT_KINDS),
    rows: z.number().int(),
    accepted: z.number().int(),
    rejected: z.number().int(),
    errors: z.array(RowErrorSchema),
    errorsTruncated: z.boolean(),
    dryRun: z.boolean(),
    partial: z.boolean(),
    committed: z.boolean(),
    inserted: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    dataVersion: z.number().int(),
    elapsedMs: z.number(),
  })
  .openapi('ImportResult');

const KindParam = z.object({
  kind: z.string().openapi({ param: { name: 'kind', in: 'path' }, example: 'enterprises', enum: [...IMPORT_KINDS] }),
});

const UploadForm = z
  .object({
    file: z
      .instanceof(File, { message: '缺少上传文件 file（missing file）' })
      .openapi({ type: 'string', format: 'binary', description: 'CSV (UTF-8/GBK)、XLSX 或 GeoJSON' }),
    crs: z
      .enum(CRS_VALUES)
      .default('wgs84')
      .openapi({ description: '坐标系：wgs84(=CGCS2000) / gcj02(高德、腾讯) / bd09(百度)' }),
    dryRun: queryBool.optional().openapi({ type: 'string', enum: ['true', 'false', '1', '0'] }),
    partial: queryBool.optional().openapi({ type: 'string', enum: ['true', 'false', '1', '0'] }),
  })
  .openapi('ImportUpload');

/** Checked before the upload is read, so a wrong URL costs nothing. */
const knownKind = createMiddleware<AppEnv>(async (c, next) => {
  const kind = c.req.param('kind') ?? '';
  if (!isImportKind(kind) || !KINDS[kind]) {
    return c.json(errorBody('not_found', `未知的导入类型 ${kind.slice(0, 40)}（unknown import kind）`), 404);
  }
  await next();
});

const uploadLimit = bodyLimit({
  maxSize: MAX_UPLOAD_BYTES,
  onError: (c) => c.json(errorBody('payload_too_large', '上传文件超过 50 MB（upload larger than 50 MB）'), 413),
});

const BatchesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(20),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  kind: z.enum(IMPORT_KINDS).optional(),
});

const BatchSchema = z
  .object({
    id: z.number().int(),
    kind: z.string(),
    fileName: z.string(),
    crs: z.string(),
    rows: z.number().int(),
    accepted: z.number().int(),
    rejected: z.number().int(),
    errorCount: z.number().int().openapi({ description: '记录的错误条数（不含错误明细）' }),
    dryRun: z.boolean(),
    partial: z.boolean(),
    userId: z.number().int().nullable(),
    username: z.string().nullable(),
    createdAt: instantOut,
  })
  .openapi('ImportBatch');

const TemplateQuery = z.object({
  format: z.enum(['csv', 'xlsx', 'geojson']).default('csv'),
});

export const importRouter = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/batches',
      tags: ['import'],
      summary: '最近的导入批次（管理员），按时间倒序',
      middleware: [requireRole('admin')] as const,
      request: { query: BatchesQuery },
      responses: {
        200: {
          content: {
            'application/json': { schema: z.object({ total: z.number().int(), items: z.array(BatchSchema) }) },
          },
          description: '导入批次（不含错误明细）',
        },
        400: errorResponse('输入无效 / invalid input'),
        401: errorResponse('未登录 / login required'),
        403: errorResponse('需要管理员 / admin only'),
      },
    }),
    async (c) => {
      const { total, items } = await listImportBatches(c.get('deps').db, c.req.valid('query'));
      return c.json(
        {
          total,
          items: items.map((r) => ({ ...r, createdAt: formatInstant(r.createdAt) })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/templates/{kind}',
      tags: ['import'],
      summary: '下载导入模板（中文表头 + 示例行）',
      request: { params: KindParam, query: TemplateQuery },
      responses: {
        200: {
          content: {
            'text/csv': { schema: z.string() },
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
              schema: z.string().openapi({ format: 'binary' }),
            },
            'application/geo+json': { schema: z.string() },
          },
          description: '模板文件',
        },
        400: errorResponse('输入无效 / invalid input'),
        404: errorResponse('未知类型或该类型无此格式 / unknown kind or format'),
      },
    }),
    async (c) => {
      const { kind } = c.req.valid('param');
      const { format } = c.req.valid('query');
      const template = isImportKind(kind) ? await buildTemplate(kind, format as TemplateFormat) : null;
      if (!template)
        throw new ApiError(404, 'not_found', '没有该类型或格式的模板（no template for this kind and format）');
      return c.body(template.body as Uint8Array<ArrayBuffer>, 200, {
        'content-type': template.contentType,
        'content-disposition': `attachment; filename="${template.fileName}"`,
      });
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{kind}',
      tags: ['import'],
      summary: '导入数据文件（管理员）',
      description:
        '校验每一行后在一个事务中写入：默认全部成功才写入；partial=true 只写入有效行；dryRun=true 只校验不写入。' +
        '按自然键幂等更新（统一社会信用代码、断面+时间、案件编号、保单号…）。',
      middleware: [requireRole('admin'), knownKind, uploadLimit] as const,
      request: {
        params: KindParam,
        body: { required: true, content: { 'multipart/form-data': { schema: UploadForm } } },
      },
      responses: {
        200: { content: { 'application/json': { schema: ImportResultSchema } }, description: '导入结果' },
        400: errorResponse('文件为空、表头不正确或无法读取 / empty file, wrong headers, unreadable'),
        401: errorResponse('未登录 / login required'),
        403: errorResponse('需要管理员 / admin only'),
        404: errorResponse('未知类型 / unknown kind'),
        409: errorResponse('缺少参考数据 / reference data missing'),
        413: errorResponse('超过 50 MB / larger than 50 MB'),
        422: {
          content: {
            'application/json': { schema: ImportResultSchema.extend({ error: ErrorSchema.shape.error }) },
          },
          description: '有错误行，整个文件未写入（结果与错误列表同 200）/ rows rejected, nothing written',
        },
      },
    }),
    async (c) => {
      const kind = c.req.valid('param').kind as ImportKind;
      const form = c.req.valid('form');
      const db = c.get('deps').db;
      const userId = c.get('userId');
      const fileName = form.file.name;
      let result: Awaited<ReturnType<typeof runImport>>;
      try {
        result = await runImport(db, {
          kind,
          fileName,
          data: new Uint8Array(await form.file.arrayBuffer()),
          crs: form.crs,
          dryRun: form.dryRun ?? false,
          partial: form.partial ?? false,
          userId,
        });
      } catch (e) {
        if (e instanceof ImportFileError) throw new ApiError(e.status, e.code, e.message, e.details);
        throw e;
      }
      await audit(db, {
        userId,
        action: result.dryRun ? 'import.dry_run' : 'import',
        target: `import_batch:${result.batchId}`,
        details: {
          kind,
          rows: result.rows,
          accepted: result.accepted,
          rejected: result.rejected,
          committed: result.committed,
          partial: result.partial,
          // No user behind an admin request: `npm run import` handed over with the local token.
          via: userId === null ? 'cli' : 'web',
        },
        ip: clientIp(c),
      });
      // A strict import that wrote nothing because of bad rows is a client error; the body still
      // carries the whole result so the admin page can show the error table.
      if (!result.dryRun && !result.partial && result.rejected > 0) {
        const error = errorBody(
          'rows_rejected',
          `${result.rejected} 行有错误，整个文件未导入（${result.rejected} rows have errors: nothing was imported）`,
          result.errors.slice(0, 20).map((e) => ({ path: `row.${e.row}${e.column ? `.${e.column}` : ''}`, ...e })),
        ).error;
        return c.json({ ...result, error }, 422);
      }
      return c.json(result, 200);
    },
  );
