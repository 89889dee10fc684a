import { useMutation, useQueryClient } from '@tanstack/react-query';
import { client, ensureOk } from './client';
import type { UserRole } from './list-users';

export type UserChange = {
  id: number;
  role?: UserRole;
  disabled?: boolean;
  csrfToken: string | undefined;
};

/** PATCH /api/users/:id: change a role or disable/enable an account (ends its sessions). */
export async function updateUser({ id, csrfToken, ...json }: UserChange) {
  const res = await ensureOk(
    await client.users[':id'].$patch(
      { param: { id: String(id) }, json },
      { headers: csrfToken ? { 'X-CSRF-Token': csrfToken } : {} },
    ),
  );
  return res.json();
}

export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: updateUser,
    onSettled: () => qc.invalidateQueries({ queryKey: ['admin'] }),
  });
}
