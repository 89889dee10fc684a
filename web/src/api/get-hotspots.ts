import { queryOptions, useQuery } from '@tanstack/react-query';
import { client, ensureOk, init } from './client';

/** Dates (inclusive) and, optionally, the H3 resolution (the server's default is 8). */
export type HotspotWindow = { from: string; to: string; res?: number };

/** Getis-Ord Gi* hotspots of violation cases on H3 cells (zero cells included) in a date window. */
export async function getHotspots(window: HotspotWindow, signal?: AbortSignal) {
  const query = { from: window.from, to: window.to, ...(window.res ? { res: String(window.res) } : {}) };
  const res = await ensureOk(await client.hotspots.$get({ query }, init(signal)));
  return res.json();
}
export type Hotspots = Awaited<ReturnType<typeof getHotspots>>;
export type HotspotCell = Hotspots['cells'][number];
export type HotspotBin = HotspotCell['bin'];

export const hotspotsQueryOptions = (window: HotspotWindow | null, dataVersion: number | undefined) =>
  queryOptions({
    queryKey: ['hotspots', window, dataVersion],
    queryFn: ({ signal }) => getHotspots(window as HotspotWindow, signal),
    enabled: window !== null && dataVersion !== undefined,
  });

export const useHotspots = (window: HotspotWindow | null, dataVersion: number | undefined) =>
  useQuery(hotspotsQueryOptions(window, dataVersion));
