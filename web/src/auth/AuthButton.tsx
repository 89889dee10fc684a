/** Top bar: "登录" when nobody is logged in; otherwise the user, the role and "退出". */
import { useState } from 'react';
import { useI18n } from '../i18n/use-i18n';
import { ICONS, ToolIcon } from '../tools/ToolIcon';
import { LoginDialog } from './LoginDialog';
import { useLogout, useSession } from './session';

export function AuthButton() {
  const { t } = useI18n();
  const session = useSession();
  const logout = useLogout();
  const [open, setOpen] = useState(false);
  const user = session.data?.user;

  if (user) {
    const role = t(`role.${user.role}`);
    return (
      <div className="auth-user" data-testid="auth-user">
        <span className="auth-name" lang="zh" title={t('auth.userLabel', { name: user.displayName, role })}>
          <ToolIcon d={ICONS.user} />
          <span className="auth-name-text">{user.displayName}</span>
          <span className="role-tag">{role}</span>
        </span>
        <button
          type="button"
          className="btn btn--ghost btn--small"
          onClick={() => logout.mutate(session.data)}
          disabled={logout.isPending}
          data-testid="logout"
        >
          {t('auth.logout')}
        </button>
      </div>
    );
  }
  return (
    <>
      <button
        type="button"
        className="btn btn--ghost tool-btn"
        onClick={() => setOpen(true)}
        title={t('auth.loginLabel')}
        data-testid="login"
      >
        <ToolIcon d={ICONS.user} />
        <span className="tool-text tool-text--keep">{t('auth.login')}</span>
      </button>
      {open && <LoginDialog open={open} onClose={() => setOpen(false)} />}
    </>
  );
}
