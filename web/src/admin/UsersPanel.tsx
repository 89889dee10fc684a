import { useId, useState } from 'react';
import type { Session } from '../api/get-session';
import { useUsers } from '../api/list-users';
import { StateMessage } from '../components/StateMessage';
import { useI18n } from '../i18n/use-i18n';
import { NewUserForm } from './NewUserForm';
import { OneTimePassword } from './OneTimePassword';
import { ScrollRegion } from './ScrollRegion';
import { UserRowView } from './UserRowView';

/** Accounts on /admin: list, add, change role, disable, reset password (all audited by the API). */
export function UsersPanel({ session }: { session: Session }) {
  const { t } = useI18n();
  const id = useId();
  const users = useUsers();
  const [secret, setSecret] = useState<{ username: string; password: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const showSecret = (username: string, password: string) => {
    setError(null);
    setSecret({ username, password });
  };
  return (
    <section className="card admin-card" aria-labelledby={`${id}-title`} data-testid="users-panel">
      <div className="card-head">
        <h2 id={`${id}-title`} className="card-title">
          {t('admin.users.title')}
        </h2>
      </div>
      <NewUserForm csrfToken={session.csrfToken} onCreated={showSecret} />
      {secret && <OneTimePassword {...secret} onDismiss={() => setSecret(null)} />}
      {error && (
        <p className="admin-error" role="alert">
          {t('admin.users.failed', { message: error })}
        </p>
      )}
      {users.isPending ? (
        <StateMessage kind="loading" />
      ) : users.isError ? (
        <StateMessage kind="error" error={users.error} onRetry={() => void users.refetch()} />
      ) : users.data.length === 0 ? (
        <StateMessage kind="empty" label={t('admin.users.empty')} />
      ) : (
        <ScrollRegion labelledBy={`${id}-title`}>
          <table className="admin-table" data-testid="users-table">
            <caption className="sr-only">{t('admin.users.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.users.username')}</th>
                <th scope="col">{t('admin.users.displayName')}</th>
                <th scope="col">{t('admin.users.role')}</th>
                <th scope="col">{t('admin.users.status')}</th>
                <th scope="col">{t('admin.users.created')}</th>
                <th scope="col">{t('admin.users.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((u) => (
                <UserRowView
                  key={u.id}
                  user={u}
                  isSelf={u.id === session.user?.id}
                  csrfToken={session.csrfToken}
                  onPassword={showSecret}
                  onError={(message) => {
                    setSecret(null);
                    setError(message);
                  }}
                />
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}
