import { type FormEvent, useId, useState } from 'react';
import type { Session } from '../api/get-session';
import { useLogin } from '../api/login';
import { useI18n } from '../i18n/use-i18n';

/** The gate of /admin: a login form, with a note when someone without the admin role is signed in. */
export function AdminLogin({ session }: { session: Session }) {
  const { t, te } = useI18n();
  const login = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const id = useId();
  const user = session.user;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate({ username: username.trim(), password }, { onSuccess: () => setPassword('') });
  };

  return (
    <section className="card admin-login" aria-labelledby={`${id}-title`} data-testid="admin-login">
      <h2 id={`${id}-title`} className="card-title">
        {t('admin.login.title')}
      </h2>
      <p className="muted">{t('admin.login.hint')}</p>
      {user && (
        <p className="admin-note admin-note--warn" role="status">
          {t('admin.login.notAdmin', { name: user.displayName || user.username, role: te('admin.role', user.role) })}
        </p>
      )}
      <form className="admin-login-form" onSubmit={submit}>
        <label className="admin-field" htmlFor={`${id}-user`}>
          <span className="field-label">{t('admin.login.username')}</span>
          <input
            id={`${id}-user`}
            className="admin-input"
            name="username"
            autoComplete="username"
            required
            maxLength={64}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label className="admin-field" htmlFor={`${id}-pass`}>
          <span className="field-label">{t('admin.login.password')}</span>
          <input
            id={`${id}-pass`}
            className="admin-input"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            maxLength={256}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {login.isError && (
          <p className="admin-error" role="alert">
            {t('admin.login.failed', { message: login.error.message })}
          </p>
        )}
        <button type="submit" className="btn admin-primary" disabled={login.isPending}>
          {login.isPending ? t('admin.login.submitting') : t('admin.login.submit')}
        </button>
      </form>
    </section>
  );
}
