import { queryOptions, useQuery } from '@tanstack/react-query';
import { client, ensureOk, init } from './client';

/** Recent import batches, newest first (GET /api/import/batches, admin only). */
export async function getImportBatches(limit: number, signal?: AbortSignal) {
  const res = await ensureOk(await client.import.batches.$get({ query: { limit: String(limit) } }, init(signal)));
  return res.json();
}
export type ImportBatches = Awaited<ReturnType<typeof getImportBatches>>;
export type ImportBatch = ImportBatches['items'][number];

export const importBatchesQueryOptions = (limit: number) =>
  queryOptions({
    queryKey: ['admin', 'import-batches', limit],
    queryFn: ({ signal }) => getImportBatches(limit, signal),
    staleTime: 0,
  });

export const useImportBatches = (limit: number, enabled = true) =>
  useQuery({ ...importBatchesQueryOptions(limit), enabled });
