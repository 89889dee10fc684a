import type { Session } from '../api/get-session';
import { useLogout } from '../api/logout';
import { DemoBadge } from '../components/DemoBadge';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useI18n } from '../i18n/use-i18n';

/** The admin page's bar: title, who is signed in, logout, language, and the way back to the map. */
export function AdminHeader({ session }: { session: Session | undefined }) {
  const { t, te } = useI18n();
  const logout = useLogout();
  const user = session?.user;
  return (
    <header className="topbar admin-topbar">
      <div className="brand">
        <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true">
          <path d="M16 3c6 5 9 10 9 15a9 9 0 0 1-18 0c0-5 3-10 9-15z" fill="#22c55e" />
          <path d="M16 11v16M16 18l-4-3M16 22l5-4" stroke="#052e16" strokeWidth="2" fill="none" strokeLinecap="round" />
        </svg>
        <h1>
          {t('app.title')} <span className="brand-sep">·</span> <span className="brand-city">{t('admin.title')}</span>
        </h1>
        <DemoBadge />
      </div>
      <div className="topbar-right">
        <a className="btn btn--ghost" href="/">
          {t('admin.backToMap')}
        </a>
        {user && (
          <>
            <span className="admin-user" data-testid="admin-user">
              <span lang="zh">{user.displayName || user.username}</span>
              {t('admin.signedInRole', { role: te('admin.role', user.role) })}
            </span>
            <button
              type="button"
              className="btn btn--ghost"
              disabled={logout.isPending}
              onClick={() => logout.mutate(session?.csrfToken)}
            >
              {t('admin.logout')}
            </button>
          </>
        )}
        <LanguageSwitch />
      </div>
    </header>
  );
}
