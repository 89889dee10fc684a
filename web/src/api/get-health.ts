import { queryOptions, useQuery } from '@tanstack/react-query';
import { client, ensureOk, init } from './client';

export async function getHealth(signal?: AbortSignal) {
  const res = await ensureOk(await client.health.$get({}, init(signal)));
  return res.json();
}
export type Health = Awaited<ReturnType<typeof getHealth>>;

// Polled so the demo badge, data date and a changed dataVersion follow the server.
export const healthQueryOptions = () =>
  queryOptions({ queryKey: ['health'], queryFn: ({ signal }) => getHealth(signal), refetchInterval: 60_000 });

export const useHealth = () => useQuery(healthQueryOptions());
