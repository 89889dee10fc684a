import { createRoute, z } from '@hono/zod-openapi';
import { deleteCookie, setCookie } from 'hono/cookie';
import { errorBody } from '../http/errors';
import { ErrorSchema } from '../http/openapi';
import { createRouter } from '../http/router';
import { clientIp, SESSION_COOKIE, secureCookies } from '../http/session';
import {
  audit,
  bookLoginAttempt,
  clearLoginFailures,
  login,
  logout,
  SESSION_TTL_MS,
  USER_ROLES,
} from '../services/auth';

const SessionUser = z
  .object({ id: z.number(), username: z.string(), displayName: z.string(), role: z.enum(USER_ROLES) })
  .openapi('SessionUser');

const LoginBody = z
  .object({
    username: z.string().min(1).max(64),
    // Bounded: argon2 over megabytes of "password" is a cheap way to burn our CPU.
    password: z.string().min(1).max(256),
  })
  .openapi('LoginBody');

const errorResponse = (description: string) => ({
  content: { 'application/json': { schema: ErrorSchema } },
  description,
});

const invalidCredentials = () => errorBody('invalid_credentials', '用户名或密码错误（invalid username or password）');

/** Login, logout and "who am I" for the cookie session. */
export const authRouter = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/login',
      tags: ['auth'],
      summary: '登录：设置 HttpOnly 会话 Cookie（eco_sid），返回 CSRF 令牌',
      request: { body: { required: true, content: { 'application/json': { schema: LoginBody } } } },
      responses: {
        200: {
          content: { 'application/json': { schema: z.object({ user: SessionUser, csrfToken: z.string() }) } },
          description: '已登录；之后的写请求须带 X-CSRF-Token 头',
        },
        400: errorResponse('输入无效 / invalid input'),
        401: errorResponse('用户名或密码错误 / invalid username or password'),
        403: errorResponse('跨站请求 / cross-site request'),
        429: errorResponse('失败次数过多 / too many failed attempts'),
      },
    }),
    async (c) => {
      const { username, password } = c.req.valid('json');
      const db = c.get('deps').db;
      const ip = clientIp(c);
      const attempt = { ip, username };
      c.header('Cache-Control', 'no-store');

      // Booked before the password is checked, so a correct guess past the limit teaches nothing.
      const booking = await bookLoginAttempt(db, attempt);
      if (!booking.ok) {
        const minutes = Math.ceil(booking.retryAfterMs / 60_000);
        c.header('Retry-After', String(Math.ceil(booking.retryAfterMs / 1000)));
        const fromHere = booking.scope === 'ip' ? '此地址' : '';
        const fromThisAddress = booking.scope === 'ip' ? ' from this address' : '';
        return c.json(
          errorBody(
            'rate_limited',
            `${fromHere}登录失败次数过多，请 ${minutes} 分钟后再试（too many failed login attempts${fromThisAddress}, try again in ${minutes} min）`,
          ),
          429,
        );
      }

      const result = await login(db, { username, password });
      if (!result.ok) {
        await audit(db, {
          userId: result.userId,
          action: 'auth.login_failed',
          target: username.slice(0, 64),
          details: { reason: result.reason },
          ip,
        });
        return c.json(invalidCredentials(), 401);
      }
      await clearLoginFailures(db, attempt);
      const { user, session } = result;
      setCookie(c, SESSION_COOKIE, session.id, {
        httpOnly: true,
        sameSite: 'Strict',
        secure: secureCookies(c),
        path: '/',
        maxAge: SESSION_TTL_MS / 1000,
      });
      await audit(db, { userId: user.id, action: 'auth.login', target: `user:${user.id}`, ip });
      return c.json(
        {
          user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role },
          csrfToken: session.csrfToken,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/logout',
      tags: ['auth'],
      summary: '退出登录：删除会话并清除 Cookie',
      responses: {
        200: {
          content: { 'application/json': { schema: z.object({ ok: z.literal(true) }) } },
          description: '已退出',
        },
        403: errorResponse('缺少 CSRF 令牌 / missing CSRF token'),
      },
    }),
    async (c) => {
      const session = c.get('session');
      if (session) {
        const db = c.get('deps').db;
        await logout(db, session.id);
        await audit(db, {
          userId: session.userId,
          action: 'auth.logout',
          target: `user:${session.userId}`,
          ip: clientIp(c),
        });
      }
      deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'Strict', secure: secureCookies(c) });
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/me',
      tags: ['auth'],
      summary: '当前用户与角色（未登录为 public）',
      responses: {
        200: {
          content: {
            'application/json': {
              schema: z.object({
                user: z
                  .union([SessionUser, z.null()])
                  .openapi({ description: '未登录时为 null（null when signed out）' }),
                role: z.enum(['public', ...USER_ROLES]),
                csrfToken: z.string().optional(),
              }),
            },
          },
          description: '会话信息；csrfToken 仅在登录时返回',
        },
      },
    }),
    async (c) => {
      const s = c.get('session');
      c.header('Cache-Control', 'no-store');
      if (!s) return c.json({ user: null, role: 'public' as const }, 200);
      return c.json(
        {
          user: { id: s.userId, username: s.username, displayName: s.displayName, role: s.role },
          role: s.role,
          csrfToken: s.csrfToken,
        },
        200,
      );
    },
  );
