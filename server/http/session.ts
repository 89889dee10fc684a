import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
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
    if (sid === undefined && isLocalImport(c)) {
      c.set('role', 'admin');
    } else if (sid && plausibleSid.test(sid)) {
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

// The only thing the local token may do: what `npm run import` hands over.
const IMPORT_POST = /^(\/api)?\/import\/[^/]+$/;

/**
 * `npm run import` while the server runs: the CLI read the token from the lock file (mode 0600,
 * so it runs as the server's OS user) and connects from this machine. Not through a proxy: a
 * forwarded request comes from elsewhere even when the proxy sits on loopback.
 */
function isLocalImport(c: Context<AppEnv>): boolean {
  const expected = c.get('deps').localToken;
  const given = c.req.header('authorization')?.match(/^Bearer ([A-Za-z0-9_-]{16,128})$/)?.[1];
  if (!expected || !given || c.req.method !== 'POST' || !IMPORT_POST.test(c.req.path)) return false;
  if (c.req.header('x-forwarded-for') !== undefined || c.req.header('forwarded') !== undefined) return false;
  const socket = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket;
  const remote = socket?.remoteAddress;
  const fromThisMachine =
    !!remote && (remote === '::1' || /^(::ffff:)?127\./.test(remote) || remote === socket?.localAddress);
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return fromThisMachine && a.length === b.length && timingSafeEqual(a, b);
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

/** X-Forwarded-* are client-controlled: they count only behind a proxy the operator vouches for. */
export const trustProxy = () => ['1', 'true', 'yes'].includes((process.env.TRUST_PROXY ?? '').toLowerCase());

/**
 * The client's address for rate limiting and the audit log: with TRUST_PROXY, the last hop of
 * X-Forwarded-For, the one that proxy appended.
 */
export function clientIp(c: Context): string {
  if (trustProxy()) {
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

/**
 * Whether session cookies get `Secure`: COOKIE_SECURE=true|false decides; `auto` (the default)
 * follows the request: HTTPS directly, or X-Forwarded-Proto from a trusted proxy (TRUST_PROXY).
 */
export function secureCookies(c: Context): boolean {
  const setting = (process.env.COOKIE_SECURE ?? 'auto').toLowerCase();
  if (setting === 'true' || setting === '1') return true;
  if (setting === 'false' || setting === '0') return false;
  if (new URL(c.req.url).protocol === 'https:') return true;
  return trustProxy() && c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase() === 'https';
}
