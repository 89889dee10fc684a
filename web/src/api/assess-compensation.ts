import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { client, ensureOk, init } from './client';

export type AssessInput = {
  k0?: number;
  weights?: Record<string, number>;
  baseline: Record<string, number>;
  means: Record<string, number>;
  amount: number;
  coverage?: number | null;
  projected?: boolean;
};

/** What-if: P, direction and amount for edited inputs (POST /api/compensation/assess; writes nothing). */
export async function assessCompensation(input: AssessInput, signal?: AbortSignal) {
  const res = await ensureOk(await client.compensation.assess.$post({ json: input }, init(signal)));
  return res.json();
}
export type AssessResult = Awaited<ReturnType<typeof assessCompensation>>;

export const assessQueryOptions = (input: AssessInput | null) =>
  queryOptions({
    queryKey: ['compensation', 'assess', input],
    queryFn: ({ signal }) => assessCompensation(input as AssessInput, signal),
    enabled: input !== null,
    staleTime: Number.POSITIVE_INFINITY, // a pure function of its input
    retry: false,
  });

/** Keeps the previous answer on screen while the next one is computed, so numbers do not flicker. */
export const useAssessCompensation = (input: AssessInput | null) =>
  useQuery({ ...assessQueryOptions(input), placeholderData: keepPreviousData });
