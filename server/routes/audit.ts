import { createRoute, z } from '@hono/zod-openapi';
import { formatInstant } from '../domain/dates';
import { ErrorSchema, instantOut } from '../http/openapi';
import { createRouter } from '../http/router';
import { requireRole } from '../http/session';
import { listAudit } from '../services/audit';

const AuditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  action: z
    .string()
    .regex(/^[a-z0-9_.]{1,64}$/, '操作名只含小写字母、数字、_ 和 .（action: lowercase letters, digits, _ and .）')
    .optional()
    .openapi({ example: 'auth.login' }),
});

const AuditEntry = z
  .object({
    id: z.number(),
    at: instantOut,
    userId: z.number().nullable(),
    username: z.string().nullable(),
    action: z.string(),
    target: z.string().nullable(),
    details: z.unknown(),
    ip: z.string().nullable(),
  })
  .openapi('AuditEntry');

const errorResponse = (description: string) => ({
  content: { 'application/json': { schema: ErrorSchema } },
  description,
});

/** The audit log, newest first (admin only). */
export const auditRouter = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['users'],
    summary: '审计日志（管理员），按时间倒序；action 精确匹配',
    middleware: [requireRole('admin')] as const,
    request: { query: AuditQuery },
    responses: {
      200: {
        content: {
          'application/json': { schema: z.object({ total: z.number(), items: z.array(AuditEntry) }) },
        },
        description: '审计记录',
      },
      400: errorResponse('输入无效 / invalid input'),
      401: errorResponse('未登录 / login required'),
      403: errorResponse('需要管理员 / admin only'),
    },
  }),
  async (c) => {
    const { total, items } = await listAudit(c.get('deps').db, c.req.valid('query'));
    return c.json({ total, items: items.map((r) => ({ ...r, at: formatInstant(r.at) })) }, 200);
  },
);
