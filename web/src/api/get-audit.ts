import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { client, ensureOk, init } from './client';

export type AuditQuery = { limit: number; offset: number; action?: string };

/** The audit log, newest first (GET /api/audit, admin only); `action` matches exactly. */
export async function getAudit(q: AuditQuery, signal?: AbortSignal) {
  const query = {
    limit: String(q.limit),
    offset: String(q.offset),
    ...(q.action ? { action: q.action } : {}),
  };
  const res = await ensureOk(await client.audit.$get({ query }, init(signal)));
  return res.json();
}
export type AuditPage = Awaited<ReturnType<typeof getAudit>>;
export type AuditEntry = AuditPage['items'][number];

export const auditQueryOptions = (q: AuditQuery) =>
  queryOptions({ queryKey: ['admin', 'audit', q], queryFn: ({ signal }) => getAudit(q, signal), staleTime: 0 });

export const useAudit = (q: AuditQuery, enabled = true) =>
  useQuery({ ...auditQueryOptions(q), enabled, placeholderData: keepPreviousData });
