import { useEffect, useState } from 'react';
import { useSession } from '../api/get-session';
import { StateMessage } from '../components/StateMessage';
import { useI18n } from '../i18n/use-i18n';
import { AdminHeader } from './AdminHeader';
import { AdminLogin } from './AdminLogin';
import { type AdminTab, AdminTabs } from './AdminTabs';
import { AuditLog } from './AuditLog';
import { ImportPanel } from './ImportPanel';
import { UsersPanel } from './UsersPanel';
import './admin.css';

/** /admin: imports, users and the audit log, for administrators; everyone else gets the login form. */
export default function AdminApp() {
  const { t, lang } = useI18n();
  const session = useSession();
  const [tab, setTab] = useState<AdminTab>('import');
  useEffect(() => {
    document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
    document.title = `${t('admin.title')} · ${t('app.title')}`;
  }, [lang, t]);

  const isAdmin = session.data?.role === 'admin';
  return (
    <div className="admin">
      <a className="skip-link" href="#admin-main">
        {t('admin.skip')}
      </a>
      <AdminHeader session={session.data} />
      <main id="admin-main" className="admin-main" tabIndex={-1} data-testid="admin-main">
        {session.isPending ? (
          <StateMessage kind="loading" />
        ) : session.isError ? (
          <StateMessage kind="error" error={session.error} onRetry={() => void session.refetch()} />
        ) : !isAdmin ? (
          <AdminLogin session={session.data} />
        ) : (
          <>
            <AdminTabs value={tab} onChange={setTab} />
            <div
              role="tabpanel"
              id="admin-panel-import"
              aria-labelledby="admin-tab-import"
              hidden={tab !== 'import'}
              className="admin-tabpanel"
            >
              {tab === 'import' && <ImportPanel csrfToken={session.data.csrfToken} />}
            </div>
            <div
              role="tabpanel"
              id="admin-panel-users"
              aria-labelledby="admin-tab-users"
              hidden={tab !== 'users'}
              className="admin-tabpanel"
            >
              {tab === 'users' && <UsersPanel session={session.data} />}
            </div>
            <div
              role="tabpanel"
              id="admin-panel-audit"
              aria-labelledby="admin-tab-audit"
              hidden={tab !== 'audit'}
              className="admin-tabpanel"
            >
              {tab === 'audit' && <AuditLog />}
            </div>
          </>
        )}
      </main>
    </div>
  );
}
