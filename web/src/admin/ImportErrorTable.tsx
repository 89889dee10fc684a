import { useId } from 'react';
import type { ImportRowError } from '../api/import-file';
import { useI18n } from '../i18n/use-i18n';
import { downloadText } from '../table/csv';
import { errorsToCsv } from './errors-csv';
import { ScrollRegion } from './ScrollRegion';

/** Row, column, value and message of every reported error, exportable as CSV for fixing in Excel. */
export function ImportErrorTable({ errors, fileName }: { errors: ImportRowError[]; fileName: string | undefined }) {
  const { t } = useI18n();
  const id = useId();
  const exportCsv = () => {
    const csv = errorsToCsv(errors, [
      t('admin.errors.row'),
      t('admin.errors.column'),
      t('admin.errors.value'),
      t('admin.errors.message'),
    ]);
    const base = (fileName ?? 'import').replace(/\.[^.]+$/, '');
    downloadText(csv, `${base}-errors.csv`);
  };
  return (
    <div className="admin-errors">
      <div className="card-head">
        <h3 id={`${id}-title`} className="admin-subtitle">
          {t('admin.errors.title', { n: errors.length })}
        </h3>
        <button type="button" className="btn btn--small" onClick={exportCsv} data-testid="export-errors">
          {t('admin.errors.export')}
        </button>
      </div>
      <ScrollRegion labelledBy={`${id}-title`} tall>
        <table className="admin-table" data-testid="error-table">
          <caption className="sr-only">{t('admin.errors.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.errors.row')}</th>
              <th scope="col">{t('admin.errors.column')}</th>
              <th scope="col">{t('admin.errors.value')}</th>
              <th scope="col">{t('admin.errors.message')}</th>
            </tr>
          </thead>
          <tbody>
            {errors.map((e, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: one row may carry several errors
              <tr key={i}>
                <td className="admin-num">{e.row === 0 ? t('admin.errors.file') : e.row}</td>
                <td>{e.column ?? '—'}</td>
                <td className="admin-value">{e.value ?? '—'}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </div>
  );
}
