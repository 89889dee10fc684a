import { queryOptions, useQuery } from '@tanstack/react-query';
import { client, ensureOk, init } from './client';

/** Sections with their latest class; with `asOf` (a past day of the period control) the latest up to that day. */
export async function getSections(asOf: string | null, signal?: AbortSignal) {
  const res = await ensureOk(await client.sections.$get({ query: asOf ? { asOf } : {} }, init(signal)));
  return res.json();
}
export type Sections = Awaited<ReturnType<typeof getSections>>;
export type SectionFeature = Sections['features'][number];
export type SectionProperties = SectionFeature['properties'];

export const sectionsQueryOptions = (dataVersion: number | undefined, asOf: string | null = null) =>
  queryOptions({ queryKey: ['sections', dataVersion, asOf], queryFn: ({ signal }) => getSections(asOf, signal) });

export const useSections = (dataVersion: number | undefined, asOf: string | null = null) =>
  useQuery(sectionsQueryOptions(dataVersion, asOf));
