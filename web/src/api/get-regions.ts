import { queryOptions, useQuery } from '@tanstack/react-query';
import { client, ensureOk, init } from './client';

export type RegionLevel = 'county' | 'town';

export async function getRegions(level: RegionLevel, signal?: AbortSignal) {
  const res = await ensureOk(await client.regions.$get({ query: { level } }, init(signal)));
  return res.json();
}
export type Regions = Awaited<ReturnType<typeof getRegions>>;
export type RegionFeature = Regions['features'][number];

export const regionsQueryOptions = (level: RegionLevel) =>
  queryOptions({
    queryKey: ['regions', { level }],
    queryFn: ({ signal }) => getRegions(level, signal),
    staleTime: Number.POSITIVE_INFINITY, // boundaries do not change while the page is open
  });

export const useRegions = (level: RegionLevel, enabled = true) => useQuery({ ...regionsQueryOptions(level), enabled });
