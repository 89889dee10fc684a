import { BUREAU_TZ } from '../../../server/domain/dates';
import type { UserRole, UserRow } from '../api/list-users';
import { useResetPassword } from '../api/reset-password';
import { useUpdateUser } from '../api/update-user';
import { useI18n } from '../i18n/use-i18n';
import { ROLES } from './NewUserForm';

/** One account: its role (changed in place), status, and the disable / reset actions. */
export function UserRowView({
  user,
  isSelf,
  csrfToken,
  onPassword,
  onError,
}: {
  user: UserRow;
  isSelf: boolean;
  csrfToken: string | undefined;
  onPassword: (username: string, password: string) => void;
  onError: (message: string) => void;
}) {
  const { t, te, locale } = useI18n();
  const update = useUpdateUser();
  const reset = useResetPassword();
  const busy = update.isPending || reset.isPending;
  // The account's login name: the display name is free text (and Chinese in an English label).
  const name = user.username;
  const fail = (e: Error) => onError(e.message);
  return (
    <tr data-testid="user-row" data-username={user.username}>
      <td className="mono">
        {user.username}
        {isSelf && <span className="admin-hint">{t('admin.users.you')}</span>}
      </td>
      <td lang="zh" data-free-text="">
        {user.displayName}
      </td>
      <td>
        <select
          aria-label={t('admin.users.roleOf', { name })}
          value={user.role}
          disabled={busy}
          onChange={(e) =>
            update.mutate({ id: user.id, role: e.target.value as UserRole, csrfToken }, { onError: fail })
          }
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {te('admin.role', r)}
            </option>
          ))}
        </select>
      </td>
      <td className={user.disabled ? 'admin-bad' : 'admin-ok'}>
        {user.disabled ? t('admin.users.disabled') : t('admin.users.active')}
      </td>
      <td className="admin-nowrap">{new Date(user.createdAt).toLocaleDateString(locale, { timeZone: BUREAU_TZ })}</td>
      <td className="admin-user-actions">
        <button
          type="button"
          className="btn btn--small"
          disabled={busy}
          aria-label={t(user.disabled ? 'admin.users.enableLabel' : 'admin.users.disableLabel', { name })}
          onClick={() => update.mutate({ id: user.id, disabled: !user.disabled, csrfToken }, { onError: fail })}
        >
          {user.disabled ? t('admin.users.enable') : t('admin.users.disable')}
        </button>
        <button
          type="button"
          className="btn btn--small"
          disabled={busy}
          aria-label={t('admin.users.resetLabel', { name })}
          onClick={() =>
            reset.mutate(
              { id: user.id, csrfToken },
              { onSuccess: (r) => onPassword(r.user.username, r.password), onError: fail },
            )
          }
        >
          {t('admin.users.reset')}
        </button>
      </td>
    </tr>
  );
}
