import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { client, ensureOk, init } from './client';

export type SeriesWindow = { from: string; to: string };

/** An outlet's hourly values with their data flags (GET /api/outlets/:id/series, staff only). */
export async function getOutletSeries(id: number, w: SeriesWindow, signal?: AbortSignal) {
  const res = await ensureOk(
    await client.outlets[':id'].series.$get(
      { param: { id: String(id) }, query: { from: w.from, to: w.to, interval: 'hour' } },
      init(signal),
    ),
  );
  return res.json();
}
export type OutletSeries = Awaited<ReturnType<typeof getOutletSeries>>;
export type SeriesPoint = OutletSeries['points'][number];

export const outletSeriesQueryOptions = (id: number, w: SeriesWindow, dataVersion: number | undefined) =>
  queryOptions({
    queryKey: ['outlets', id, 'series', w, dataVersion],
    queryFn: ({ signal }) => getOutletSeries(id, w, signal),
  });

export const useOutletSeries = (id: number, w: SeriesWindow | null, dataVersion: number | undefined) =>
  useQuery({
    ...outletSeriesQueryOptions(id, w ?? { from: '', to: '' }, dataVersion),
    enabled: w !== null && dataVersion !== undefined,
    placeholderData: keepPreviousData,
  });
