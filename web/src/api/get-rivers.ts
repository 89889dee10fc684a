import { queryOptions, useQuery } from '@tanstack/react-query';
import { client, ensureOk, init } from './client';

export async function getRivers(signal?: AbortSignal) {
  const res = await ensureOk(await client.rivers.$get({}, init(signal)));
  return res.json();
}
export type Rivers = Awaited<ReturnType<typeof getRivers>>;

export const riversQueryOptions = () =>
  queryOptions({
    queryKey: ['rivers'],
    queryFn: ({ signal }) => getRivers(signal),
    staleTime: Number.POSITIVE_INFINITY,
  });

export const useRivers = () => useQuery(riversQueryOptions());
