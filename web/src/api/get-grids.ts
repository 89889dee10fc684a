import { queryOptions, useQuery } from '@tanstack/react-query';
import { client, ensureOk, init } from './client';

export type GridLevel = 1 | 2 | 3;

export async function getGrids(level: GridLevel, signal?: AbortSignal) {
  const res = await ensureOk(await client.grids.$get({ query: { level: String(level) } }, init(signal)));
  return res.json();
}
export type Grids = Awaited<ReturnType<typeof getGrids>>;

export const gridsQueryOptions = (level: GridLevel) =>
  queryOptions({
    queryKey: ['grids', { level }],
    queryFn: ({ signal }) => getGrids(level, signal),
    staleTime: Number.POSITIVE_INFINITY,
  });

/** Only fetched while the grid layer is on: level 3 is the largest geometry the app loads. */
export const useGrids = (level: GridLevel, enabled: boolean) => useQuery({ ...gridsQueryOptions(level), enabled });
