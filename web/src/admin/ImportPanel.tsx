import { useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { ApiError } from '../api/client';
import { sessionQueryKey } from '../api/get-session';
import { type Crs, type ImportKind, useImportFile } from '../api/import-file';
import { useI18n } from '../i18n/use-i18n';
import { CrsChoice } from './CrsChoice';
import { FileDrop } from './FileDrop';
import { FilePreview } from './FilePreview';
import { ImportBatches } from './ImportBatches';
import { ImportResultView } from './ImportResultView';
import { KindSelect } from './KindSelect';
import { TemplateLinks } from './TemplateLinks';

/** Choose kind, CRS and file, preview it, validate or import, read the result and the batches. */
export function ImportPanel({ csrfToken }: { csrfToken: string | undefined }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const id = useId();
  const [kind, setKind] = useState<ImportKind>('enterprises');
  const [crs, setCrs] = useState<Crs>('wgs84');
  const [file, setFile] = useState<File | null>(null);
  const [partial, setPartial] = useState(false);
  const run = useImportFile();
  const errorRows = useMemo(() => new Set(run.data?.errors.map((e) => e.row)), [run.data]);

  const start = (dryRun: boolean) => {
    if (!file) return;
    run.mutate(
      { kind, file, crs, dryRun, partial, csrfToken },
      {
        onError: (e) => {
          // An expired session or a revoked role: let the page fall back to the login form.
          if (e instanceof ApiError && (e.status === 401 || e.status === 403))
            void qc.invalidateQueries({ queryKey: sessionQueryKey });
        },
      },
    );
  };
  // A new choice makes the last result stale.
  const change =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      run.reset();
    };

  return (
    <div className="admin-grid">
      <section className="card admin-card" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`} className="card-title">
          {t('admin.import.title')}
        </h2>
        <div className="admin-options">
          <KindSelect value={kind} onChange={change(setKind)} />
          <TemplateLinks kind={kind} />
        </div>
        <CrsChoice value={crs} onChange={change(setCrs)} />
        <FileDrop file={file} onChange={change(setFile)} />
        {file && <FilePreview file={file} errorRows={errorRows} />}
        <div className="admin-actions">
          <label className="admin-check">
            <input
              type="checkbox"
              checked={partial}
              onChange={(e) => change(setPartial)(e.target.checked)}
              aria-describedby={`${id}-partial-hint`}
            />
            <span>{t('admin.import.partial')}</span>
          </label>
          <p id={`${id}-partial-hint`} className="admin-hint">
            {t('admin.import.partialHint')}
          </p>
          <div className="admin-buttons">
            <button
              type="button"
              className="btn"
              disabled={!file || run.isPending}
              onClick={() => start(true)}
              data-testid="import-validate"
            >
              {t('admin.import.validate')}
            </button>
            <button
              type="button"
              className="btn admin-primary"
              disabled={!file || run.isPending}
              onClick={() => start(false)}
              data-testid="import-run"
            >
              {t('admin.import.run')}
            </button>
            {!file && <span className="admin-hint">{t('admin.import.needFile')}</span>}
            {run.isPending && (
              <span className="admin-hint" role="status">
                <span className="spinner" aria-hidden="true" /> {t('admin.import.running')}
              </span>
            )}
          </div>
        </div>
      </section>
      <div className="admin-side">
        <ImportResultView result={run.data} error={run.error} fileName={run.variables?.file.name} />
        <ImportBatches />
      </div>
    </div>
  );
}
