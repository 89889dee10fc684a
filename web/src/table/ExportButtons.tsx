/** Downloads of the current filter (CSV with BOM for Excel, XLSX, GeoJSON) from the server. */
import { useI18n } from '../i18n/use-i18n';
import { usePeriodWindow } from '../state/use-period-window';
import { useViewState } from '../state/view-store';
import { type ExportFormat, exportUrl } from './filter-query';

const FORMATS: { format: ExportFormat; key: 'table.exportCsv' | 'table.exportXlsx' | 'table.exportGeojson' }[] = [
  { format: 'csv', key: 'table.exportCsv' },
  { format: 'xlsx', key: 'table.exportXlsx' },
  { format: 'geojson', key: 'table.exportGeojson' },
];

export function ExportButtons() {
  const { t } = useI18n();
  const { filters } = useViewState();
  const codesAsOf = usePeriodWindow()?.codesAsOf ?? null;
  return (
    <div className="export-group">
      <span className="export-label">{t('table.export')}</span>
      {FORMATS.map(({ format, key }) => (
        <a
          key={format}
          className="btn btn--small export-btn"
          href={exportUrl(filters, format, codesAsOf)}
          download
          aria-label={t('table.exportLabel', { format: t(key) })}
          data-testid={`export-${format}`}
        >
          {t(key)}
        </a>
      ))}
    </div>
  );
}
