import { queryOptions, useQuery } from '@tanstack/react-query';
import { client, ensureOk, init } from './client';

/** Basin compensation for a year (default: the data's year): P, direction, amount, net settlements. */
export async function getCompensation(year: number | undefined, signal?: AbortSignal) {
  const query = year === undefined ? {} : { year: String(year) };
  const res = await ensureOk(await client.compensation.$get({ query }, init(signal)));
  return res.json();
}
export type Compensation = Awaited<ReturnType<typeof getCompensation>>;
export type CompensationAgreement = Compensation['agreements'][number];
export type CompensationSettlement = Compensation['settlements'][number];

export const compensationQueryOptions = (year: number | undefined, dataVersion: number | undefined) =>
  queryOptions({
    queryKey: ['compensation', year ?? 'current', dataVersion],
    queryFn: ({ signal }) => getCompensation(year, signal),
    enabled: dataVersion !== undefined,
  });

export const useCompensation = (year: number | undefined, dataVersion: number | undefined) =>
  useQuery(compensationQueryOptions(year, dataVersion));
