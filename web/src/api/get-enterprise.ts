import { queryOptions, useQuery } from '@tanstack/react-query';
import { client, ensureOk, init } from './client';

export async function getEnterprise(id: number, signal?: AbortSignal) {
  const res = await ensureOk(await client.enterprises[':id'].$get({ param: { id: String(id) } }, init(signal)));
  return res.json();
}
export type EnterpriseDetail = Awaited<ReturnType<typeof getEnterprise>>;

export const enterpriseQueryOptions = (id: number, dataVersion: number | undefined) =>
  queryOptions({ queryKey: ['enterprises', id, dataVersion], queryFn: ({ signal }) => getEnterprise(id, signal) });

/** id null = nothing to load yet (e.g. the pointer has not come to rest on a symbol). */
export const useEnterprise = (id: number | null, dataVersion: number | undefined) =>
  useQuery({ ...enterpriseQueryOptions(id ?? 0, dataVersion), enabled: id !== null });
