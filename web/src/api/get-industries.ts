import { queryOptions, useQuery } from '@tanstack/react-query';
import { client, ensureOk, init } from './client';

export async function getIndustries(signal?: AbortSignal) {
  const res = await ensureOk(await client.industries.$get({}, init(signal)));
  return res.json();
}
export type Industries = Awaited<ReturnType<typeof getIndustries>>;
export type Industry = Industries['items'][number];

export const industriesQueryOptions = (dataVersion: number | undefined) =>
  queryOptions({ queryKey: ['industries', dataVersion], queryFn: ({ signal }) => getIndustries(signal) });

export const useIndustries = (dataVersion: number | undefined) => useQuery(industriesQueryOptions(dataVersion));
