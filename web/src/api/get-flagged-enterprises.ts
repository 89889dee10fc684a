import { queryOptions, useQuery } from '@tanstack/react-query';
import { client, ensureOk, init } from './client';

/** Enterprises with open monitoring-data flags and their kinds (staff only): the map's "监测数据异常". */
export async function getFlaggedEnterprises(signal?: AbortSignal) {
  const res = await ensureOk(await client.online.flags.enterprises.$get({}, init(signal)));
  return res.json();
}
export type FlaggedEnterprises = Awaited<ReturnType<typeof getFlaggedEnterprises>>;

export const flaggedEnterprisesQueryOptions = (dataVersion: number | undefined) =>
  queryOptions({
    queryKey: ['online', 'flagged-enterprises', dataVersion],
    queryFn: ({ signal }) => getFlaggedEnterprises(signal),
  });

export const useFlaggedEnterprises = (dataVersion: number | undefined, enabled: boolean) =>
  useQuery({ ...flaggedEnterprisesQueryOptions(dataVersion), enabled: enabled && dataVersion !== undefined });
