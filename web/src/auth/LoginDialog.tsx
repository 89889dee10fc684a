/** A small modal login form (native <dialog>: focus is trapped, Escape closes). */
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/use-i18n';
import { pickLanguage } from '../panels/basin/issues';
import { useLogin } from './session';
import { stopEscape } from './stop-escape';
import './auth.css';

export function LoginDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, lang } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const login = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const titleId = useId();

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the dialog opens or closes, not on every render
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      login.reset();
      setPassword('');
      d.showModal();
    } else if (!open && d.open) d.close();
  }, [open]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate(
      { username: username.trim(), password },
      {
        onSuccess: () => {
          setPassword('');
          onClose();
        },
      },
    );
  };
  const error = login.error
    ? login.error instanceof ApiError
      ? pickLanguage(login.error.message, lang)
      : login.error.message
    : null;

  return (
    <dialog
      ref={ref}
      className="dialog login-dialog"
      aria-labelledby={titleId}
      onClose={onClose}
      onKeyDown={stopEscape}
      data-testid="login-dialog"
    >
      <form onSubmit={submit} className="dialog-body">
        <h2 id={titleId} className="dialog-title">
          {t('auth.title')}
        </h2>
        <p className="muted small">{t('auth.hint')}</p>
        <label className="text-field">
          <span>{t('auth.username')}</span>
          <input
            name="username"
            autoComplete="username"
            required
            maxLength={64}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            autoFocus
          />
        </label>
        <label className="text-field">
          <span>{t('auth.password')}</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            maxLength={256}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {t('auth.failed', { message: error })}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="btn btn--ghost" onClick={onClose}>
            {t('auth.cancel')}
          </button>
          <button type="submit" className="btn btn--primary" disabled={login.isPending} data-testid="login-submit">
            {login.isPending ? t('auth.submitting') : t('auth.submit')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
