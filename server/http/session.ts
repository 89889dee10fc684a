import { getConnInfo } from '@hono/node-server/conninfo';
import { and, eq, gt } from 'drizzle-orm';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { AppEnv, Role } from '../context';
import { sessions, users } from '../db/schema';
import { errorBody } from './errors';

export const SESSION_COOKIE = 'eco_sid';

export type SignedInRole = Exclude<Role, 'public'>;

/** The live session behind a request, when there is one. */
export type SessionInfo = {
  id: string;
  csrfToken: string;
  userId: number;
  username: string;
  displayName: string;
  role: SignedInRole;
};

// Declared here rather than in AppEnv so that the session travels with the middleware that sets it.
declare module 'hono' {
  interface ContextVariableMap {
    session: SessionInfo | null;
  }
}

// Session ids are 43 base64url characters; anything else cannot match, so spare the query.
const plausibleSid = /^[A-Za-z0-9_-]{16,128}$/;

/** Resolves the caller's role from the session cookie; anyone without a live session is public. */
export function sessionRole() {
  return createMiddleware<AppEnv>(async (c, next) => {
    c.set('role', 'public');
    c.set('userId', null);
    c.set('session', null);
    const sid = getCookie(c, SESSION_COOKIE);
    if (sid && plausibleSid.test(sid)) {
      const [row] = await c
        .get('deps')
        .db.select({
          userId: users.id,
          role: users.role,
          disabled: users.disabled,
          username: users.username,
          displayName: users.displayName,
          csrfToken: sessions.csrfToken,
        })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(and(eq(sessions.id, sid), gt(sessions.expiresAt, new Date())));
      if (row && !row.disabled) {
        c.set('role', row.role);
        c.set('userId', row.userId);
        const { disabled: _, ...rest } = row;
        c.set('session', { id: sid, ...rest });
      }
    }
    await next();
  });
}

/** 401 for the public, 403 for a signed-in user whose role is not listed. */
export function requireRole(...roles: SignedInRole[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const role = c.get('role');
    if (role === 'public') return c.json(errorBody('unauthenticated', '请先登录（login required）'), 401);
    if (!roles.includes(role))
      return c.json(
        errorBody('forbidden', `无权限，需要角色 ${roles.join('/')}（forbidden: requires ${roles.join(' or ')}）`),
        403,
      );
    await next();
  });
}

/**
 * The client's address for rate limiting and the audit log. X-Forwarded-For is client-controlled,
 * so it counts only behind a proxy the operator vouches for (TRUST_PROXY=1), and then only its
 * last hop, the one that proxy appended.
 */
export function clientIp(c: Context): string {
  if (process.env.TRUST_PROXY === '1') {
    const hop = c.req.header('x-forwarded-for')?.split(',').pop()?.trim();
    if (hop) return hop.slice(0, 64);
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // app.request() in tests has no socket.
    return 'unknown';
  }
}

/** Whether the browser reached us over HTTPS, directly or through a TLS-terminating proxy. */
export function isHttps(c: Context): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  return c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase() === 'https';
}
