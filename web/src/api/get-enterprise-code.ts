import { queryOptions, useQuery } from '@tanstack/react-query';
import { client, ensureOk, init } from './client';

export async function getEnterpriseCode(id: number, signal?: AbortSignal) {
  const res = await ensureOk(await client.enterprises[':id'].code.$get({ param: { id: String(id) } }, init(signal)));
  return res.json();
}
export type EnterpriseCode = Awaited<ReturnType<typeof getEnterpriseCode>>;

export const enterpriseCodeQueryOptions = (id: number, dataVersion: number | undefined) =>
  queryOptions({
    queryKey: ['enterprises', id, 'code', dataVersion],
    queryFn: ({ signal }) => getEnterpriseCode(id, signal),
  });

export const useEnterpriseCode = (id: number, dataVersion: number | undefined) =>
  useQuery(enterpriseCodeQueryOptions(id, dataVersion));
