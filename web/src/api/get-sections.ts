import { queryOptions, useQuery } from '@tanstack/react-query';
import { client, ensureOk, init } from './client';

export async function getSections(signal?: AbortSignal) {
  const res = await ensureOk(await client.sections.$get({}, init(signal)));
  return res.json();
}
export type Sections = Awaited<ReturnType<typeof getSections>>;
export type SectionFeature = Sections['features'][number];
export type SectionProperties = SectionFeature['properties'];

export const sectionsQueryOptions = (dataVersion: number | undefined) =>
  queryOptions({ queryKey: ['sections', dataVersion], queryFn: ({ signal }) => getSections(signal) });

export const useSections = (dataVersion: number | undefined) => useQuery(sectionsQueryOptions(dataVersion));
