import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export type ErrorDetail = { path?: string; message: string; [key: string]: unknown };

/** The one error shape of the API (DESIGN.md): `{ error: { code, message, details } }`. */
export function errorBody(code: string, message: string, details: ErrorDetail[] = []) {
  return { error: { code, message, details } };
}

/** Throw from a handler to answer with a 4xx in the API's error shape. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new ApiError(404, 'not_found', `未找到${what}（${what} not found）`);

/**
 * PostgreSQL errors that only client text can cause: a NUL byte or an invalid or unconvertible
 * character in a bound parameter (SQLSTATE 22021, 22P05). Drizzle wraps the driver's error in
 * `cause`.
 */
const BAD_TEXT_SQLSTATES = new Set(['22021', '22P05']);
function isBadTextError(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if (BAD_TEXT_SQLSTATES.has(String((e as { code?: unknown }).code))) return true;
  }
  return false;
}

/** Anything unexpected is a bug: log it, answer 500 without a stack trace. */
export function handleError(err: Error, c: Context) {
  if (err instanceof ApiError) return c.json(errorBody(err.code, err.message, err.details), err.status);
  if (isBadTextError(err))
    return c.json(
      errorBody('invalid_input', '输入含有无效字符（如 NUL）（input contains invalid characters such as NUL）'),
      400,
    );
  if (err instanceof HTTPException) {
    const status = err.status;
    const message = status === 413 ? '请求体过大（payload too large）' : err.message || '请求无效（bad request）';
    return c.json(errorBody(status === 413 ? 'payload_too_large' : 'bad_request', message), status);
  }
  console.error('[api] unhandled error', err);
  return c.json(errorBody('internal', '服务器内部错误（internal server error）'), 500);
}
