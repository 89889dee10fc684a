import type { ImportKind } from '../api/import-file';
import { useI18n } from '../i18n/use-i18n';

/** Kinds with geometry of their own also have a GeoJSON template. */
const formatsOf = (kind: ImportKind) =>
  kind === 'parks' || kind === 'sections' ? (['csv', 'xlsx', 'geojson'] as const) : (['csv', 'xlsx'] as const);

export function TemplateLinks({ kind }: { kind: ImportKind }) {
  const { t } = useI18n();
  return (
    <div className="field admin-templates">
      <span className="field-label">{t('admin.import.template')}</span>
      <div className="admin-template-links">
        {formatsOf(kind).map((format) => (
          <a
            key={format}
            className="btn btn--small"
            href={`/api/import/templates/${kind}?format=${format}`}
            download
            aria-label={t('admin.import.templateLabel', {
              kind: t(`admin.kind.${kind}`),
              format: format.toUpperCase(),
            })}
          >
            {t('admin.import.templateLink', { format: format.toUpperCase() })}
          </a>
        ))}
      </div>
    </div>
  );
}
