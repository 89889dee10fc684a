import { type FormEvent, useId, useState } from 'react';
import { useCreateUser } from '../api/create-user';
import type { UserRole } from '../api/list-users';
import { useI18n } from '../i18n/use-i18n';

export const ROLES: readonly UserRole[] = ['analyst', 'leader', 'admin'];

/** Adds an account with a generated password; `onCreated` receives it to show once. */
export function NewUserForm({
  csrfToken,
  onCreated,
}: {
  csrfToken: string | undefined;
  onCreated: (username: string, password: string) => void;
}) {
  const { t, te } = useI18n();
  const id = useId();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<UserRole>('analyst');
  const create = useCreateUser();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { username: username.trim(), displayName: displayName.trim() || username.trim(), role, csrfToken },
      {
        onSuccess: (res) => {
          onCreated(res.user.username, res.password ?? '');
          setUsername('');
          setDisplayName('');
          setRole('analyst');
        },
      },
    );
  };
  return (
    <form className="admin-user-form" onSubmit={submit} aria-labelledby={`${id}-title`} data-testid="new-user-form">
      <h3 id={`${id}-title`} className="admin-subtitle">
        {t('admin.users.add')}
      </h3>
      <div className="admin-user-fields">
        <div className="admin-field">
          <label className="field-label" htmlFor={`${id}-username`}>
            {t('admin.users.username')}
          </label>
          <input
            id={`${id}-username`}
            className="admin-input"
            required
            autoComplete="off"
            aria-describedby={`${id}-username-hint`}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
          <span id={`${id}-username-hint`} className="admin-hint small">
            {t('admin.users.usernameHint')}
          </span>
        </div>
        <div className="admin-field">
          <label className="field-label" htmlFor={`${id}-display`}>
            {t('admin.users.displayName')}
          </label>
          <input
            id={`${id}-display`}
            className="admin-input"
            maxLength={64}
            autoComplete="off"
            value={displayName}
            onChange={(e) => setDisplayName(e.target.value)}
          />
        </div>
        <div className="admin-field">
          <label className="field-label" htmlFor={`${id}-role`}>
            {t('admin.users.role')}
          </label>
          <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value as UserRole)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {te('admin.role', r)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn admin-primary" disabled={create.isPending}>
          {t('admin.users.addSubmit')}
        </button>
      </div>
      <p className="admin-hint">{t('admin.users.addHint')}</p>
      {create.isError && (
        <p className="admin-error" role="alert">
          {t('admin.users.failed', { message: create.error.message })}
        </p>
      )}
    </form>
  );
}
