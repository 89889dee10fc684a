import { queryOptions, useQuery } from '@tanstack/react-query';
import { client, ensureOk, init } from './client';

export async function getParks(signal?: AbortSignal) {
  const res = await ensureOk(await client.parks.$get({}, init(signal)));
  return res.json();
}
export type Parks = Awaited<ReturnType<typeof getParks>>;
export type ParkFeature = Parks['features'][number];
export type ParkProperties = ParkFeature['properties'];

export const parksQueryOptions = (dataVersion: number | undefined) =>
  queryOptions({ queryKey: ['parks', dataVersion], queryFn: ({ signal }) => getParks(signal) });

export const useParks = (dataVersion: number | undefined) => useQuery(parksQueryOptions(dataVersion));
