import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Filters } from '../state/view-state';
import { baseQuery, colourRequests } from '../table/filter-query';
import { client, ensureOk, init } from './client';

/** The endpoint's page size limit for staff; anonymous callers get smaller pages (the answer's `limit`). */
export const PAGE = 5000;
/** Beyond this the table asks for a narrower filter (province scale); the export has no cap. */
export const MAX_TABLE_ROWS = 50_000;

async function listPage(query: Record<string, string>, signal?: AbortSignal) {
  const res = await ensureOk(await client.enterprises.$get({ query }, init(signal)));
  return res.json();
}
export type EnterpriseItem = Awaited<ReturnType<typeof listPage>>['items'][number];

/**
 * Every enterprise that passes the map's filter (GET /api/enterprises, pages of 5000), with the
 * codes as of `codesAsOf` (the chosen period's end) like the map, or the current codes.
 */
export async function listEnterprises(filters: Filters, codesAsOf: string | null, signal?: AbortSignal) {
  const base = baseQuery(filters, codesAsOf);
  let total = 0;
  const items: EnterpriseItem[] = [];
  for (const colour of colourRequests(filters)) {
    let offset = 0;
    for (;;) {
      const query: Record<string, string> = { ...base, limit: String(PAGE), offset: String(offset), sort: 'id' };
      if (colour) query.colour = colour;
      const page = await listPage(query, signal);
      if (offset === 0) total += page.total;
      items.push(...page.items);
      offset += page.limit;
      if (offset >= page.total || items.length >= MAX_TABLE_ROWS || page.items.length === 0) break;
    }
  }
  return { total, items, truncated: items.length < total };
}
export type EnterpriseList = Awaited<ReturnType<typeof listEnterprises>>;

export const enterpriseListQueryOptions = (
  filters: Filters,
  dataVersion: number | undefined,
  codesAsOf: string | null = null,
) =>
  queryOptions({
    queryKey: ['enterprises', 'list', filters, dataVersion, codesAsOf],
    queryFn: ({ signal }) => listEnterprises(filters, codesAsOf, signal),
  });

export const useEnterpriseList = (
  filters: Filters,
  dataVersion: number | undefined,
  enabled = true,
  codesAsOf: string | null = null,
) =>
  useQuery({
    ...enterpriseListQueryOptions(filters, dataVersion, codesAsOf),
    enabled: enabled && dataVersion !== undefined,
  });
