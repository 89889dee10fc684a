import { createRoute, z } from '@hono/zod-openapi';
import { PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS, passwordProblem } from '../domain/password-policy';
import { ApiError } from '../http/errors';
import { ErrorSchema, IdParam, instantOut } from '../http/openapi';
import { createRouter } from '../http/router';
import { clientIp, requireRole } from '../http/session';
import {
  AuthError,
  audit,
  createUser,
  findUser,
  generatePassword,
  listUsers,
  USER_ROLES,
  updateUser,
} from '../services/auth';

export const UserSchema = z
  .object({
    id: z.number(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(USER_ROLES),
    disabled: z.boolean(),
    createdAt: instantOut,
  })
  .openapi('User');

// Letters (any script), digits and . _ -: safe in logs, URLs and the CLI.
export const usernameSchema = z
  .string()
  .regex(/^[\p{L}\p{N}._-]{2,32}$/u, '用户名须为 2–32 个字母、数字或 ._-（username: 2–32 letters, digits or ._-）');
/** The policy without the username (checked with it where the username is known). */
export const passwordSchema = z
  .string()
  .max(4 * PASSWORD_MAX_CHARS)
  .superRefine((p, ctx) => {
    const problem = passwordProblem(p);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .openapi({ minLength: PASSWORD_MIN_CHARS, maxLength: PASSWORD_MAX_CHARS });
const displayNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[^\p{Cc}]*$/u, '显示名不能含控制字符（display name must not contain control characters）');

const CreateBody = z
  .object({
    username: usernameSchema,
    displayName: displayNameSchema,
    role: z.enum(USER_ROLES),
    password: passwordSchema.optional().openapi({ description: '省略时生成随机密码并在响应中返回一次' }),
  })
  .strict()
  .superRefine((u, ctx) => {
    const problem = u.password === undefined ? null : passwordProblem(u.password, u.username);
    if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
  })
  .openapi('NewUser');

const PatchBody = z
  .object({
    role: z.enum(USER_ROLES).optional(),
    disabled: z.boolean().optional(),
    password: passwordSchema.optional(),
  })
  .strict()
  .refine((p) => p.role !== undefined || p.disabled !== undefined || p.password !== undefined, {
    message: '至少修改一项：role、disabled 或 password（nothing to change）',
  })
  .openapi('UserPatch');

const errorResponse = (description: string) => ({
  content: { 'application/json': { schema: ErrorSchema } },
  description,
});
const guarded = {
  401: errorResponse('未登录 / login required'),
  403: errorResponse('需要管理员 / admin only'),
} as const;

const toApiError = (e: unknown) => {
  if (e instanceof AuthError) {
    const status = e.code === 'not_found' ? 404 : 409;
    return new ApiError(status, e.code, e.message);
  }
  return e;
};

/** User administration (admin only). Every change is audited; password hashes never leave. */
export const usersRouter = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['users'],
      summary: '用户列表（管理员）',
      middleware: [requireRole('admin')] as const,
      responses: {
        200: {
          content: { 'application/json': { schema: z.object({ items: z.array(UserSchema) }) } },
          description: '全部用户',
        },
        ...guarded,
      },
    }),
    async (c) => c.json({ items: await listUsers(c.get('deps').db) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags: ['users'],
      summary: '新建用户（管理员）',
      middleware: [requireRole('admin')] as const,
      request: { body: { required: true, content: { 'application/json': { schema: CreateBody } } } },
      responses: {
        201: {
          content: {
            'application/json': { schema: z.object({ user: UserSchema, password: z.string().optional() }) },
          },
          description: '已创建；未给密码时返回生成的密码（只此一次）',
        },
        400: errorResponse('输入无效 / invalid input'),
        409: errorResponse('用户名已存在 / username taken'),
        ...guarded,
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const db = c.get('deps').db;
      const password = body.password ?? generatePassword();
      const user = await createUser(db, { ...body, password }).catch((e) => {
        throw toApiError(e);
      });
      await audit(db, {
        userId: c.get('userId'),
        action: 'users.create',
        target: `user:${user.id}`,
        details: { username: user.username, role: user.role },
        ip: clientIp(c),
      });
      return c.json(body.password ? { user } : { user, password }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/{id}',
      tags: ['users'],
      summary: '修改角色、停用或重设密码（管理员）；停用与改密会结束该用户的会话',
      middleware: [requireRole('admin')] as const,
      request: {
        params: IdParam,
        body: { required: true, content: { 'application/json': { schema: PatchBody } } },
      },
      responses: {
        200: {
          content: { 'application/json': { schema: z.object({ user: UserSchema }) } },
          description: '已修改',
        },
        400: errorResponse('输入无效 / invalid input'),
        404: errorResponse('未找到 / not found'),
        409: errorResponse('不能停用或降级最后一个管理员 / last admin'),
        ...guarded,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const patch = c.req.valid('json');
      const db = c.get('deps').db;
      if (patch.password !== undefined) {
        const username = (await findUser(db, { id }))?.username;
        const problem = username ? passwordProblem(patch.password, username) : null;
        if (problem) throw new ApiError(400, 'invalid_input', problem, [{ path: 'password', message: problem }]);
      }
      const user = await updateUser(db, id, patch, c.get('session')?.id).catch((e) => {
        throw toApiError(e);
      });
      await audit(db, {
        userId: c.get('userId'),
        action: 'users.update',
        target: `user:${id}`,
        // What changed, never the password itself.
        details: {
          ...(patch.role !== undefined ? { role: patch.role } : {}),
          ...(patch.disabled !== undefined ? { disabled: patch.disabled } : {}),
          ...(patch.password !== undefined ? { passwordChanged: true } : {}),
        },
        ip: clientIp(c),
      });
      return c.json({ user }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/password-reset',
      tags: ['users'],
      summary: '重设密码为随机密码（管理员）；新密码只在响应中出现一次，该用户的会话全部结束',
      middleware: [requireRole('admin')] as const,
      request: { params: IdParam },
      responses: {
        200: {
          content: { 'application/json': { schema: z.object({ user: UserSchema, password: z.string() }) } },
          description: '已重设；返回生成的密码（只此一次）',
        },
        400: errorResponse('输入无效 / invalid input'),
        404: errorResponse('未找到 / not found'),
        ...guarded,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const db = c.get('deps').db;
      // The admin never picks (or sees twice) someone else's password: it is generated and shown once.
      const password = generatePassword();
      const user = await updateUser(db, id, { password }, c.get('session')?.id).catch((e) => {
        throw toApiError(e);
      });
      await audit(db, {
        userId: c.get('userId'),
        action: 'users.password_reset',
        target: `user:${id}`,
        details: { username: user.username },
        ip: clientIp(c),
      });
      return c.json({ user, password }, 200);
    },
  );
