import { timingSafeEqual } from 'node:crypto';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context';
import { errorBody } from './errors';
import { SESSION_COOKIE, trustProxy } from './session';

export const CSRF_HEADER = 'X-CSRF-Token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Pure what-if computations: they write nothing and answer everyone alike, so a forged request
 * gains nothing and a signed-in page need not thread the token through them.
 */
const WHAT_IF = new Set(['/water/classify', '/codes/evaluate', '/compensation/assess', '/hotspots/compute']);

// The login does not act with an existing session, and a page whose session expired has no
// token to send; the Origin check still stops a cross-site login.
const LOGIN = '/auth/login';

const reject = (message: string) => errorBody('csrf', message);

function sameToken(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Cross-site request forgery guard for state-changing requests. SameSite=Strict already keeps
 * the cookie off cross-site requests in current browsers; this is the second lock for older
 * browsers and same-site subdomains: a cookie-bearing request must come from our own origin,
 * and one acting with a live session must echo the session's token in X-CSRF-Token.
 * Runs after sessionRole, which resolves the session.
 */
export function csrfGuard() {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    // Mounted under /api in the server, at the root in tests: compare paths without the mount.
    const path = c.req.path.replace(/^\/api(?=\/)/, '');
    const hasCookie = getCookie(c, SESSION_COOKIE) !== undefined;

    if (hasCookie || path === LOGIN) {
      if (c.req.header('sec-fetch-site') === 'cross-site')
        return c.json(reject('拒绝跨站请求（cross-site request rejected）'), 403);
      const origin = c.req.header('origin');
      if (origin !== undefined) {
        let originHost: string | null = null;
        try {
          originHost = new URL(origin).host;
        } catch {
          // "null" (sandboxed frames, some redirects) and garbage are never our origin.
        }
        const ours = [
          trustProxy() ? c.req.header('x-forwarded-host')?.split(',')[0]?.trim() : undefined,
          c.req.header('host'),
          new URL(c.req.url).host,
        ];
        if (!originHost || !ours.includes(originHost))
          return c.json(reject('请求来源与站点不符（Origin does not match Host）'), 403);
      }
    }

    const session = c.get('session');
    if (session && path !== LOGIN && !WHAT_IF.has(path) && !sameToken(c.req.header(CSRF_HEADER), session.csrfToken))
      return c.json(reject('缺少或错误的 CSRF 令牌（missing or wrong X-CSRF-Token header）'), 403);
    await next();
  });
}
