import { queryOptions, useQuery } from '@tanstack/react-query';
import { client, ensureOk, init } from './client';

/** A park's profile: colours, industries, cases by month, rectification, insurance; with `asOf`, as of that past day. */
export async function getParkStats(id: number, asOf: string | null, signal?: AbortSignal) {
  const res = await ensureOk(
    await client.parks[':id'].stats.$get({ param: { id: String(id) }, query: asOf ? { asOf } : {} }, init(signal)),
  );
  return res.json();
}
export type ParkStats = Awaited<ReturnType<typeof getParkStats>>;

export const parkStatsQueryOptions = (id: number, dataVersion: number | undefined, asOf: string | null = null) =>
  queryOptions({
    queryKey: ['parks', id, 'stats', dataVersion, asOf],
    queryFn: ({ signal }) => getParkStats(id, asOf, signal),
  });

export const useParkStats = (id: number | null, dataVersion: number | undefined, asOf: string | null = null) =>
  useQuery({ ...parkStatsQueryOptions(id ?? 0, dataVersion, asOf), enabled: id !== null });
