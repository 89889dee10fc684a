import { queryOptions, useQuery } from '@tanstack/react-query';
import { client, ensureOk, init } from './client';

export async function getOverview(signal?: AbortSignal) {
  const res = await ensureOk(await client.stats.overview.$get({}, init(signal)));
  return res.json();
}
export type Overview = Awaited<ReturnType<typeof getOverview>>;

export const overviewQueryOptions = (dataVersion: number | undefined) =>
  queryOptions({
    // dataVersion in the key: KPIs refresh when the data changes, never otherwise.
    queryKey: ['stats', 'overview', dataVersion],
    queryFn: ({ signal }) => getOverview(signal),
  });

export const useOverview = (dataVersion: number | undefined) => useQuery(overviewQueryOptions(dataVersion));
