/**
 * The typed API client. Only the server's *types* are imported (`import type` is erased at
 * build time), so no server code reaches the browser; hc builds relative URLs under /api, so
 * the app never talks to another host.
 */
import { hc } from 'hono/client';
import type { ApiType } from '../../../server/app';

/** The API's error shape: {error: {code, message, details}}. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown[] = [],
  ) {
    super(message);
  }
}

/**
 * fetch, with a failure to reach the server (offline, server down) turned into an ApiError in
 * plain words instead of the browser's own "Failed to fetch". Cancellations pass through.
 */
export const apiFetch: typeof fetch = async (input, init) => {
  try {
    return await fetch(input, init);
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'unreachable', '无法连接服务器，请检查网络后重试（cannot reach the server）');
  }
};

export const client = hc<ApiType>('/api', { fetch: apiFetch });

/** Drops the typed client's error variants (ok: false) from a response union. */
type Success<R> = R extends { ok: false } ? never : R;

/** Throws an ApiError for any non-2xx answer, keeping the server's (bilingual) message. */
export async function ensureOk<R extends { ok: boolean; status: number; json(): Promise<unknown> }>(
  res: R,
): Promise<Success<R>> {
  if (res.ok) return res as Success<R>;
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    /* not JSON: a proxy or a crashed server */
  }
  const err = (body as { error?: { code?: string; message?: string; details?: unknown[] } } | null)?.error;
  throw new ApiError(
    res.status,
    err?.code ?? 'http_error',
    err?.message ?? plainStatus(res.status),
    err?.details ?? [],
  );
}

/** Words for an answer without a message of its own (a proxy, a restarting server). */
function plainStatus(status: number): string {
  if (status >= 500) return `服务暂不可用，请稍后重试（service unavailable, HTTP ${status}）`;
  return `请求未被接受（request refused, HTTP ${status}）`;
}

/** What React Query hands a queryFn: the abort signal, passed on so stale requests are cancelled. */
export const init = (signal?: AbortSignal) => ({ init: { signal } });
