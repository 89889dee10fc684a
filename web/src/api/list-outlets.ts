import { queryOptions, useQuery } from '@tanstack/react-query';
import { client, ensureOk, init } from './client';

/**
 * An enterprise's outlets (GET /api/outlets?enterprise=): staff get the list with each
 * pollutant's limit, range and detection limit; the public gets counts by medium only.
 */
export async function listOutlets(enterpriseId: number, signal?: AbortSignal) {
  const res = await ensureOk(
    await client.outlets.$get({ query: { enterprise: String(enterpriseId), limit: '100' } }, init(signal)),
  );
  return res.json();
}
export type OutletsAnswer = Awaited<ReturnType<typeof listOutlets>>;
export type OutletList = Extract<OutletsAnswer, { items: unknown }>;
export type Outlet = OutletList['items'][number];
export type OutletPollutant = Outlet['pollutants'][number];

export const isOutletList = (a: OutletsAnswer): a is OutletList => 'items' in a;

export const outletsQueryOptions = (enterpriseId: number, role: string | undefined, dataVersion: number | undefined) =>
  queryOptions({
    // The role is in the key: the same URL answers a list to staff and counts to the public.
    queryKey: ['outlets', enterpriseId, role, dataVersion],
    queryFn: ({ signal }) => listOutlets(enterpriseId, signal),
  });

export const useOutlets = (enterpriseId: number, role: string | undefined, dataVersion: number | undefined) =>
  useQuery({ ...outletsQueryOptions(enterpriseId, role, dataVersion), enabled: role !== undefined });
