import { queryOptions, useQuery } from '@tanstack/react-query';
import { client, ensureOk, init } from './client';

export type FlagQuery = { outlet?: number; enterprise?: number; kind?: string; from?: string; to?: string };

/**
 * Integrity flags of online monitoring data (GET /api/online/flags): staff get the flags with
 * their evidence, newest first; everyone gets the open counts.
 */
export async function listOnlineFlags(q: FlagQuery, signal?: AbortSignal) {
  const query: Record<string, string> = { limit: '5000' };
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') query[k] = String(v);
  const res = await ensureOk(await client.online.flags.$get({ query }, init(signal)));
  return res.json();
}
export type OnlineFlags = Awaited<ReturnType<typeof listOnlineFlags>>;
export type OnlineFlag = NonNullable<OnlineFlags['items']>[number];
export type FlagKind = OnlineFlag['kind'];

export const onlineFlagsQueryOptions = (q: FlagQuery, role: string | undefined, dataVersion: number | undefined) =>
  queryOptions({
    queryKey: ['online', 'flags', q, role, dataVersion],
    queryFn: ({ signal }) => listOnlineFlags(q, signal),
  });

export const useOnlineFlags = (
  q: FlagQuery,
  role: string | undefined,
  dataVersion: number | undefined,
  enabled = true,
) => useQuery({ ...onlineFlagsQueryOptions(q, role, dataVersion), enabled: enabled && dataVersion !== undefined });
