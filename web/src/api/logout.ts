import { useMutation, useQueryClient } from '@tanstack/react-query';
import { client, ensureOk } from './client';
import { type Session, sessionQueryKey } from './get-session';

/** POST /api/auth/logout (with the session's CSRF token): ends the session, clears the cookie. */
export async function logout(csrfToken: string | undefined) {
  const res = await ensureOk(
    await client.auth.logout.$post({}, { headers: csrfToken ? { 'X-CSRF-Token': csrfToken } : {} }),
  );
  return res.json();
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSuccess: () => {
      qc.setQueryData<Session>(sessionQueryKey, { user: null, role: 'public' });
      qc.removeQueries({ predicate: (q) => q.queryKey[0] === 'admin' });
    },
  });
}
