import { useId } from 'react';
import { ApiError } from '../api/client';
import type { ImportResult } from '../api/import-file';
import { useI18n } from '../i18n/use-i18n';
import { ImportErrorTable } from './ImportErrorTable';

/** The answer to the last validation or import: a verdict, the counts and the error table. */
export function ImportResultView({
  result,
  error,
  fileName,
}: {
  result: ImportResult | undefined;
  error: Error | null;
  fileName: string | undefined;
}) {
  const { t, fmt } = useI18n();
  const id = useId();
  if (!result && !error) return null;

  if (error) {
    const details = error instanceof ApiError ? (error.details as { message?: string }[]) : [];
    return (
      <section className="card admin-card admin-result admin-result--bad" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`} className="card-title">
          {t('admin.result.title')}
        </h2>
        <div role="alert" data-testid="import-error">
          <p className="admin-verdict">{t('admin.result.failed', { message: error.message })}</p>
          {details.length > 0 && (
            <ul className="admin-details">
              {details.slice(0, 10).map((d, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: static list
                <li key={i}>{d.message}</li>
              ))}
            </ul>
          )}
        </div>
      </section>
    );
  }
  if (!result) return null;

  const verdict = result.dryRun
    ? result.rejected > 0
      ? t('admin.result.dryRunBad', { rejected: result.rejected, accepted: result.accepted })
      : t('admin.result.dryRunOk', { accepted: result.accepted })
    : !result.committed && result.rejected > 0
      ? t('admin.result.rejected', { rejected: result.rejected })
      : result.rejected > 0
        ? t('admin.result.partial', { accepted: result.accepted, rejected: result.rejected })
        : t('admin.result.committed', {
            accepted: result.accepted,
            inserted: result.inserted,
            updated: result.updated,
            unchanged: result.unchanged,
          });
  const tone = result.rejected > 0 ? (result.committed ? 'warn' : 'bad') : 'good';
  return (
    <section
      className={`card admin-card admin-result admin-result--${tone}`}
      aria-labelledby={`${id}-title`}
      data-testid="import-result"
      data-committed={result.committed}
      data-rejected={result.rejected}
    >
      <div className="card-head">
        <h2 id={`${id}-title`} className="card-title">
          {t('admin.result.title')}
        </h2>
        <span className="admin-hint">{t('admin.result.batch', { id: result.batchId })}</span>
      </div>
      <p className="admin-verdict" role="status" data-testid="import-verdict">
        {verdict}
      </p>
      <dl className="admin-stats">
        <div>
          <dt>{t('admin.result.rows')}</dt>
          <dd data-testid="result-rows">{fmt.int(result.rows)}</dd>
        </div>
        <div className="admin-stat--good">
          <dt>{t('admin.result.accepted')}</dt>
          <dd data-testid="result-accepted">{fmt.int(result.accepted)}</dd>
        </div>
        <div className={result.rejected > 0 ? 'admin-stat--bad' : undefined}>
          <dt>{t('admin.result.rejected.label')}</dt>
          <dd data-testid="result-rejected">{fmt.int(result.rejected)}</dd>
        </div>
      </dl>
      {result.errorsTruncated && (
        <p className="admin-hint">{t('admin.result.truncated', { n: result.errors.length })}</p>
      )}
      {result.errors.length > 0 && <ImportErrorTable errors={result.errors} fileName={fileName} />}
    </section>
  );
}
