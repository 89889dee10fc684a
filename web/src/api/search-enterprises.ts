import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { client, ensureOk, init } from './client';

export const SEARCH_LIMIT = 8;

/** Name, USCC or address search (GET /api/enterprises?q=&limit=8). */
export async function searchEnterprises(q: string, signal?: AbortSignal) {
  const res = await ensureOk(
    await client.enterprises.$get({ query: { q, limit: String(SEARCH_LIMIT), sort: 'name' } }, init(signal)),
  );
  return res.json();
}
export type SearchResult = Awaited<ReturnType<typeof searchEnterprises>>;
export type SearchItem = SearchResult['items'][number];

export const searchEnterprisesQueryOptions = (q: string) =>
  queryOptions({
    queryKey: ['enterprises', 'search', q],
    queryFn: ({ signal }) => searchEnterprises(q, signal),
    staleTime: 30_000,
  });

export const useSearchEnterprises = (q: string) =>
  useQuery({ ...searchEnterprisesQueryOptions(q), enabled: q.trim().length > 0, placeholderData: keepPreviousData });
