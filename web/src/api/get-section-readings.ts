import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { client, ensureOk, init } from './client';

export type ReadingsInterval = 'day' | 'month';
export type ReadingsRange = { interval: ReadingsInterval; from?: string; to?: string };

/** A section's time series: daily or monthly means of valid readings, each with its GB 3838 class. */
export async function getSectionReadings(id: number, range: ReadingsRange, signal?: AbortSignal) {
  const query: { interval: ReadingsInterval; from?: string; to?: string } = { interval: range.interval };
  if (range.from) query.from = range.from;
  if (range.to) query.to = range.to;
  const res = await ensureOk(
    await client.sections[':id'].readings.$get({ param: { id: String(id) }, query }, init(signal)),
  );
  return res.json();
}
export type SectionReadings = Awaited<ReturnType<typeof getSectionReadings>>;
export type ReadingPoint = SectionReadings['points'][number];

export const sectionReadingsQueryOptions = (id: number, range: ReadingsRange, dataVersion: number | undefined) =>
  queryOptions({
    queryKey: ['sections', id, 'readings', range, dataVersion],
    queryFn: ({ signal }) => getSectionReadings(id, range, signal),
    enabled: dataVersion !== undefined,
  });

export const useSectionReadings = (id: number | null, range: ReadingsRange, dataVersion: number | undefined) =>
  useQuery({
    ...sectionReadingsQueryOptions(id ?? 0, range, dataVersion),
    enabled: id !== null && dataVersion !== undefined,
    placeholderData: keepPreviousData,
  });
