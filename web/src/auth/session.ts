/**
 * The staff session: GET /api/auth/me tells who is logged in (the cookie is HttpOnly, so the
 * page cannot read it) and hands back the CSRF token that every write must echo in
 * X-CSRF-Token. Login and logout update the cached answer so the whole page follows at once.
 */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, ensureOk, init } from '../api/client';

export async function getMe(signal?: AbortSignal) {
  const res = await ensureOk(await client.auth.me.$get({}, init(signal)));
  return res.json();
}
export type Me = Awaited<ReturnType<typeof getMe>>;
export type Role = Me['role'];

export const meQueryOptions = () =>
  queryOptions({ queryKey: ['auth', 'me'], queryFn: ({ signal }) => getMe(signal), staleTime: 5 * 60_000 });

export const useSession = () => useQuery(meQueryOptions());

export const csrfHeaders = (me: Me | undefined): Record<string, string> =>
  me?.csrfToken ? { 'X-CSRF-Token': me.csrfToken } : {};

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: { username: string; password: string }) => {
      const res = await ensureOk(await client.auth.login.$post({ json: body }));
      return res.json();
    },
    onSuccess: ({ user, csrfToken }) => {
      qc.setQueryData(meQueryOptions().queryKey, { user, role: user.role, csrfToken });
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (me: Me | undefined) => {
      await ensureOk(await client.auth.logout.$post({}, { headers: csrfHeaders(me) }));
    },
    onSettled: () => {
      qc.setQueryData(meQueryOptions().queryKey, { user: null, role: 'public' as const });
      // Privileged answers (contacts, premiums) must not outlive the session.
      void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
    },
  });
}
