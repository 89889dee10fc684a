import { queryOptions, useQuery } from '@tanstack/react-query';
import { client, ensureOk, init } from './client';

/** The KPI figures; with `codesAsOf` (a chosen period's end) as of that day, else as of the data date. */
export async function getOverview(codesAsOf: string | null, signal?: AbortSignal) {
  const query = codesAsOf ? { codesAsOf } : {};
  const res = await ensureOk(await client.stats.overview.$get({ query }, init(signal)));
  return res.json();
}
export type Overview = Awaited<ReturnType<typeof getOverview>>;

export const overviewQueryOptions = (dataVersion: number | undefined, codesAsOf: string | null = null) =>
  queryOptions({
    // dataVersion in the key: KPIs refresh when the data changes, never otherwise.
    queryKey: ['stats', 'overview', dataVersion, codesAsOf],
    queryFn: ({ signal }) => getOverview(codesAsOf, signal),
  });

export const useOverview = (dataVersion: number | undefined, codesAsOf: string | null = null) =>
  useQuery(overviewQueryOptions(dataVersion, codesAsOf));
