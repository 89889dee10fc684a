import { useEffect, useId, useState } from 'react';
import { StateMessage } from '../components/StateMessage';
import { useI18n } from '../i18n/use-i18n';
import { PREVIEW_ROWS, type Preview, previewFile } from './preview';
import { ScrollRegion } from './ScrollRegion';

type State = { status: 'loading' } | { status: 'ready'; preview: Preview } | { status: 'error'; message: string };

/** The first rows of the chosen file, read in the browser before anything is sent. */
export function FilePreview({ file, errorRows }: { file: File; errorRows?: ReadonlySet<number> }) {
  const { t } = useI18n();
  const id = useId();
  const [state, setState] = useState<State>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    previewFile(file).then(
      (preview) => live && setState({ status: 'ready', preview }),
      (e: Error) => live && setState({ status: 'error', message: e.message }),
    );
    return () => {
      live = false;
    };
  }, [file]);
  const table = state.status === 'ready' && state.preview.kind !== 'xlsx' ? state.preview : null;

  return (
    <section className="admin-preview" aria-labelledby={`${id}-title`} data-testid="file-preview">
      <h3 id={`${id}-title`} className="admin-subtitle">
        {t('admin.preview.title', { n: PREVIEW_ROWS })}
      </h3>
      {state.status === 'loading' ? (
        <StateMessage kind="loading" label={t('admin.preview.loading')} />
      ) : state.status === 'error' ? (
        <p className="admin-note">{t('admin.preview.failed', { message: state.message })}</p>
      ) : state.preview.kind === 'xlsx' ? (
        <p className="admin-note">{t('admin.preview.xlsx')}</p>
      ) : table ? (
        <>
          {table.kind === 'geojson' && (
            <p className="admin-hint">{t('admin.preview.geojson', { n: table.features })}</p>
          )}
          {table.rows.length === 0 ? (
            <StateMessage kind="empty" label={t('admin.preview.empty')} />
          ) : (
            <ScrollRegion labelledBy={`${id}-caption`}>
              <table className="admin-table">
                <caption id={`${id}-caption`} className="sr-only">
                  {t('admin.preview.caption', {
                    n: table.rows.length,
                    name: file.name,
                    encoding: table.kind === 'table' ? table.encoding : 'UTF-8',
                  })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('admin.preview.row')}</th>
                    {table.headers.map((h, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: headers may repeat; position is the identity
                      <th key={i} scope="col">
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {table.rows.map((row, r) => {
                    const rowNo = table.kind === 'table' ? r + 2 : r + 1;
                    const bad = errorRows?.has(rowNo) ?? false;
                    return (
                      // biome-ignore lint/suspicious/noArrayIndexKey: rows of a static preview
                      <tr key={r} className={bad ? 'admin-row--error' : undefined}>
                        <td className="admin-num">
                          {rowNo}
                          {bad && <span className="admin-row-flag"> {t('admin.preview.hasError')}</span>}
                        </td>
                        {table.headers.map((_, c) => (
                          // biome-ignore lint/suspicious/noArrayIndexKey: cells of a static preview
                          <td key={c}>{row[c] ?? ''}</td>
                        ))}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </ScrollRegion>
          )}
          {table.kind === 'table' && (
            <p className="admin-hint" data-testid="preview-encoding">
              {t('admin.preview.encoding', { encoding: table.encoding === 'GB18030' ? 'GB18030 / GBK' : 'UTF-8' })}
            </p>
          )}
        </>
      ) : null}
    </section>
  );
}
