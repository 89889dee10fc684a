import { queryOptions, useQuery } from '@tanstack/react-query';
import { client, ensureOk, init } from './client';

/** Who is signed in (GET /api/auth/me): user, role and, when signed in, the CSRF token. */
export async function getSession(signal?: AbortSignal) {
  const res = await ensureOk(await client.auth.me.$get({}, init(signal)));
  return res.json();
}
export type Session = Awaited<ReturnType<typeof getSession>>;

export const sessionQueryKey = ['auth', 'me'] as const;

export const sessionQueryOptions = () =>
  queryOptions({ queryKey: sessionQueryKey, queryFn: ({ signal }) => getSession(signal), staleTime: 5 * 60_000 });

export const useSession = () => useQuery(sessionQueryOptions());
