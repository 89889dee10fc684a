import { queryOptions, useQuery } from '@tanstack/react-query';
import { client, ensureOk, init } from './client';

/** A park's lowest-scoring enterprises (worst first): "why is the worst one red?" in one click. */
export async function listLowestScoring(parkId: number, limit: number, signal?: AbortSignal) {
  const query = { park: String(parkId), sort: 'score', limit: String(limit) } as const;
  const res = await ensureOk(await client.enterprises.$get({ query }, init(signal)));
  return res.json();
}

export const lowestScoringQueryOptions = (parkId: number, limit: number, dataVersion: number | undefined) =>
  queryOptions({
    queryKey: ['enterprises', 'lowest-scoring', parkId, limit, dataVersion],
    queryFn: ({ signal }) => listLowestScoring(parkId, limit, signal),
    enabled: dataVersion !== undefined,
  });

export const useLowestScoring = (parkId: number, limit: number, dataVersion: number | undefined) =>
  useQuery(lowestScoringQueryOptions(parkId, limit, dataVersion));
