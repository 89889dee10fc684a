import { useMutation, useQueryClient } from '@tanstack/react-query';
import { client, ensureOk } from './client';
import { type Session, sessionQueryKey } from './get-session';

export type Credentials = { username: string; password: string };

/** POST /api/auth/login: sets the HttpOnly session cookie, returns the user and the CSRF token. */
export async function login(credentials: Credentials) {
  const res = await ensureOk(await client.auth.login.$post({ json: credentials }));
  return res.json();
}

/** Logs in and puts the new session where useSession reads it; everything else refetches. */
export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: ({ user, csrfToken }) => {
      qc.setQueryData<Session>(sessionQueryKey, { user, role: user.role, csrfToken });
      void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
    },
  });
}
