import { useMutation, useQueryClient } from '@tanstack/react-query';
import { client, ensureOk } from './client';

/** POST /api/users/:id/password-reset: a generated password, shown once; the user's sessions end. */
export async function resetPassword({ id, csrfToken }: { id: number; csrfToken: string | undefined }) {
  const res = await ensureOk(
    await client.users[':id']['password-reset'].$post(
      { param: { id: String(id) } },
      { headers: csrfToken ? { 'X-CSRF-Token': csrfToken } : {} },
    ),
  );
  return res.json();
}

export function useResetPassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: resetPassword,
    onSettled: () => qc.invalidateQueries({ queryKey: ['admin'] }),
  });
}
