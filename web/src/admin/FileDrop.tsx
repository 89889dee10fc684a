import { type DragEvent, useId, useRef, useState } from 'react';
import { useI18n } from '../i18n/use-i18n';
import { formatBytes } from './preview';

/** A native file input (keyboard and screen-reader friendly) inside a zone that also takes drops. */
export function FileDrop({ file, onChange }: { file: File | null; onChange: (file: File | null) => void }) {
  const { t } = useI18n();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const dropped = e.dataTransfer.files[0];
    if (!dropped) return;
    // Keep the native input in step so it names the dropped file too.
    if (input.current) input.current.files = e.dataTransfer.files;
    onChange(dropped);
  };
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {t('admin.import.file')}
      </label>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping is a shortcut; the file input inside is the keyboard path */}
      <div
        className={`admin-drop${over ? ' admin-drop--over' : ''}`}
        data-testid="file-drop"
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <span aria-hidden="true" className="admin-drop-icon">
          ⇪
        </span>
        <span>{t('admin.import.dropHint')}</span>
        <input
          ref={input}
          id={id}
          type="file"
          className="admin-file"
          accept=".csv,.txt,.xlsx,.geojson,.json,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/geo+json"
          aria-describedby={`${id}-formats`}
          onChange={(e) => {
            onChange(e.target.files?.[0] ?? null);
          }}
          data-testid="file-input"
        />
        <span id={`${id}-formats`} className="admin-hint">
          {t('admin.import.formats')}
        </span>
      </div>
      {file && (
        <div className="admin-selected">
          <span data-testid="file-selected">
            {t('admin.import.selected', { name: file.name, size: formatBytes(file.size) })}
          </span>
          <button
            type="button"
            className="btn btn--small btn--ghost"
            onClick={() => {
              if (input.current) input.current.value = '';
              onChange(null);
            }}
          >
            {t('admin.import.clear')}
          </button>
        </div>
      )}
    </div>
  );
}
