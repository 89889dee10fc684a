import { queryOptions, useQuery } from '@tanstack/react-query';
import { client, ensureOk, init } from './client';

/** A park's profile: colours, industries, cases by month, rectification, insurance. */
export async function getParkStats(id: number, signal?: AbortSignal) {
  const res = await ensureOk(await client.parks[':id'].stats.$get({ param: { id: String(id) } }, init(signal)));
  return res.json();
}
export type ParkStats = Awaited<ReturnType<typeof getParkStats>>;

export const parkStatsQueryOptions = (id: number, dataVersion: number | undefined) =>
  queryOptions({ queryKey: ['parks', id, 'stats', dataVersion], queryFn: ({ signal }) => getParkStats(id, signal) });

export const useParkStats = (id: number | null, dataVersion: number | undefined) =>
  useQuery({ ...parkStatsQueryOptions(id ?? 0, dataVersion), enabled: id !== null });
