import { queryOptions, useQuery } from '@tanstack/react-query';
import { client, ensureOk, init } from './client';

/** Every account (GET /api/users, admin only); password hashes never leave the server. */
export async function listUsers(signal?: AbortSignal) {
  const res = await ensureOk(await client.users.$get({}, init(signal)));
  return (await res.json()).items;
}
export type UserRow = Awaited<ReturnType<typeof listUsers>>[number];
export type UserRole = UserRow['role'];

export const usersQueryKey = ['admin', 'users'] as const;
export const usersQueryOptions = () =>
  queryOptions({ queryKey: usersQueryKey, queryFn: ({ signal }) => listUsers(signal), staleTime: 0 });

export const useUsers = () => useQuery(usersQueryOptions());
