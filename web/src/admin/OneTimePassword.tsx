import { useI18n } from '../i18n/use-i18n';

/** A generated password, shown once, selectable for copying, until the admin dismisses it. */
export function OneTimePassword({
  username,
  password,
  onDismiss,
}: {
  username: string;
  password: string;
  onDismiss: () => void;
}) {
  const { t } = useI18n();
  return (
    <div className="admin-note admin-secret" role="status" data-testid="one-time-password">
      <span>{t('admin.users.newPassword', { name: username })}</span>{' '}
      <output className="mono admin-secret-value" data-testid="one-time-password-value">
        {password}
      </output>{' '}
      <button type="button" className="btn btn--small" onClick={onDismiss}>
        {t('admin.users.dismiss')}
      </button>
    </div>
  );
}
