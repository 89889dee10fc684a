import { useId } from 'react';
import { BUREAU_TZ } from '../../../server/domain/dates';
import { useImportBatches } from '../api/get-import-batches';
import { StateMessage } from '../components/StateMessage';
import { useI18n } from '../i18n/use-i18n';
import { ScrollRegion } from './ScrollRegion';

const LIMIT = 10;

/** The latest import batches (every validation and import is one), newest first. */
export function ImportBatches() {
  const { t, te, locale, fmt } = useI18n();
  const id = useId();
  const batches = useImportBatches(LIMIT);
  return (
    <section className="card admin-card" aria-labelledby={`${id}-title`} data-testid="import-batches">
      <div className="card-head">
        <h2 id={`${id}-title`} className="card-title">
          {t('admin.batches.title')}
        </h2>
        <button
          type="button"
          className="btn btn--small btn--ghost"
          onClick={() => void batches.refetch()}
          disabled={batches.isFetching}
        >
          {t('admin.batches.refresh')}
        </button>
      </div>
      {batches.isPending ? (
        <StateMessage kind="loading" />
      ) : batches.isError ? (
        <StateMessage kind="error" error={batches.error} onRetry={() => void batches.refetch()} />
      ) : batches.data.items.length === 0 ? (
        <StateMessage kind="empty" label={t('admin.batches.empty')} />
      ) : (
        <ScrollRegion labelledBy={`${id}-title`}>
          <table className="admin-table">
            <caption className="sr-only">{t('admin.batches.caption', { n: batches.data.items.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.batches.id')}</th>
                <th scope="col">{t('admin.batches.time')}</th>
                <th scope="col">{t('admin.batches.kind')}</th>
                <th scope="col">{t('admin.batches.file')}</th>
                <th scope="col">{t('admin.batches.mode')}</th>
                <th scope="col">{t('admin.batches.result')}</th>
                <th scope="col">{t('admin.batches.user')}</th>
              </tr>
            </thead>
            <tbody>
              {batches.data.items.map((b) => (
                <tr key={b.id} data-testid="batch-row">
                  <td className="admin-num">#{b.id}</td>
                  <td className="admin-nowrap">
                    {new Date(b.createdAt).toLocaleString(locale, { timeZone: BUREAU_TZ })}
                  </td>
                  <td>{te('admin.kind', b.kind)}</td>
                  <td className="admin-value">{b.fileName}</td>
                  <td>
                    {b.dryRun
                      ? t('admin.batches.dryRun')
                      : b.partial
                        ? t('admin.batches.partial')
                        : t('admin.batches.strict')}
                  </td>
                  <td className="admin-nowrap">
                    <span className="admin-ok">{fmt.int(b.accepted)}</span> /{' '}
                    <span className={b.rejected > 0 ? 'admin-bad' : undefined}>{fmt.int(b.rejected)}</span> /{' '}
                    {fmt.int(b.rows)}
                  </td>
                  <td>{b.username ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}
