import { useId, useState } from 'react';
import { BUREAU_TZ } from '../../../server/domain/dates';
import { useAudit } from '../api/get-audit';
import { StateMessage } from '../components/StateMessage';
import { useI18n } from '../i18n/use-i18n';
import { ScrollRegion } from './ScrollRegion';

const PAGE = 50;
const ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'import',
  'import.dry_run',
  'users.create',
  'users.update',
  'users.password_reset',
  'cli.user.add',
  'cli.user.passwd',
  'cli.user.disable',
  'cli.user.enable',
  'system.admin_bootstrap',
];

/** `{"kind":"enterprises","rows":3}` → `kind=enterprises · rows=3`: readable, wraps between fields. */
const details = (d: unknown) => {
  if (d === null || d === undefined) return '';
  if (typeof d !== 'object' || Array.isArray(d)) return JSON.stringify(d);
  return Object.entries(d as Record<string, unknown>)
    .map(([k, v]) => `${k}=${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`)
    .join(' · ');
};

/** The audit log (GET /api/audit), newest first, filtered by action, 50 a page. */
export function AuditLog() {
  const { t, locale, fmt } = useI18n();
  const id = useId();
  const [action, setAction] = useState('');
  const [page, setPage] = useState(0);
  const audit = useAudit({ limit: PAGE, offset: page * PAGE, action: action || undefined });
  const pages = Math.max(1, Math.ceil((audit.data?.total ?? 0) / PAGE));

  return (
    <section className="card admin-card" aria-labelledby={`${id}-title`} data-testid="audit-log">
      <div className="card-head">
        <h2 id={`${id}-title`} className="card-title">
          {t('admin.audit.title')}
        </h2>
        <div className="field admin-audit-filter">
          <label className="field-label" htmlFor={`${id}-action`}>
            {t('admin.audit.filter')}
          </label>
          <select
            id={`${id}-action`}
            value={action}
            onChange={(e) => {
              setAction(e.target.value);
              setPage(0);
            }}
          >
            <option value="">{t('admin.audit.all')}</option>
            {ACTIONS.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="admin-hint">{t('admin.audit.caption')}</p>
      {audit.isPending ? (
        <StateMessage kind="loading" />
      ) : audit.isError ? (
        <StateMessage kind="error" error={audit.error} onRetry={() => void audit.refetch()} />
      ) : audit.data.items.length === 0 ? (
        <StateMessage kind="empty" label={t('admin.audit.empty')} />
      ) : (
        <>
          <ScrollRegion labelledBy={`${id}-title`} tall>
            <table className="admin-table">
              <caption className="sr-only">{t('admin.audit.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.audit.time')}</th>
                  <th scope="col">{t('admin.audit.user')}</th>
                  <th scope="col">{t('admin.audit.action')}</th>
                  <th scope="col">{t('admin.audit.target')}</th>
                  <th scope="col">{t('admin.audit.details')}</th>
                  <th scope="col">{t('admin.audit.ip')}</th>
                </tr>
              </thead>
              <tbody>
                {audit.data.items.map((e) => (
                  <tr key={e.id} data-testid="audit-row">
                    <td className="admin-nowrap">{new Date(e.at).toLocaleString(locale, { timeZone: BUREAU_TZ })}</td>
                    <td>{e.username ?? '—'}</td>
                    <td className="mono">{e.action}</td>
                    <td className="admin-value">{e.target ?? '—'}</td>
                    <td className="admin-details-cell small">{details(e.details)}</td>
                    <td className="mono small">{e.ip ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          <nav className="admin-pager" aria-label={t('admin.audit.title')}>
            <span className="admin-hint">{t('admin.audit.total', { n: fmt.int(audit.data.total) })}</span>
            <button type="button" className="btn btn--small" disabled={page === 0} onClick={() => setPage(page - 1)}>
              {t('admin.audit.prev')}
            </button>
            <span className="admin-hint" aria-live="polite">
              {t('admin.audit.page', { page: page + 1, pages })}
            </span>
            <button
              type="button"
              className="btn btn--small"
              disabled={page + 1 >= pages}
              onClick={() => setPage(page + 1)}
            >
              {t('admin.audit.next')}
            </button>
          </nav>
        </>
      )}
    </section>
  );
}
