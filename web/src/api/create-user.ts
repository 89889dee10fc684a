import { useMutation, useQueryClient } from '@tanstack/react-query';
import { client, ensureOk } from './client';
import type { UserRole } from './list-users';

export type NewUser = { username: string; displayName: string; role: UserRole; csrfToken: string | undefined };

/** POST /api/users without a password: the server generates one and returns it once. */
export async function createUser({ csrfToken, ...json }: NewUser) {
  const res = await ensureOk(
    await client.users.$post({ json }, { headers: csrfToken ? { 'X-CSRF-Token': csrfToken } : {} }),
  );
  return res.json();
}

/** Adds an account; the user list and the audit log refetch afterwards. */
export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createUser,
    onSettled: () => qc.invalidateQueries({ queryKey: ['admin'] }),
  });
}
