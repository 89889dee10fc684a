import { queryOptions, useQuery } from '@tanstack/react-query';
import { client, ensureOk, init } from './client';

/** Parks with their enterprises by colour; with `asOf` (a past day of the period control) the codes of that day. */
export async function getParks(asOf: string | null, signal?: AbortSignal) {
  const res = await ensureOk(await client.parks.$get({ query: asOf ? { asOf } : {} }, init(signal)));
  return res.json();
}
export type Parks = Awaited<ReturnType<typeof getParks>>;
export type ParkFeature = Parks['features'][number];
export type ParkProperties = ParkFeature['properties'];

export const parksQueryOptions = (dataVersion: number | undefined, asOf: string | null = null) =>
  queryOptions({ queryKey: ['parks', dataVersion, asOf], queryFn: ({ signal }) => getParks(asOf, signal) });

export const useParks = (dataVersion: number | undefined, asOf: string | null = null) =>
  useQuery(parksQueryOptions(dataVersion, asOf));
