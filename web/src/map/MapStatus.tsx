import { useI18n } from '../i18n/use-i18n';
import { LayerFormatError } from './decode-enterprise-layer';

/** A small pill over the map while its data loads, or with a retry button when it failed. */
export function MapStatus({ loading, error, onRetry }: { loading: boolean; error: Error | null; onRetry: () => void }) {
  const { t } = useI18n();
  // A layer format this page does not know means the server was updated under an open page:
  // retrying fetches the same bytes, reloading fetches a page that reads them.
  if (error instanceof LayerFormatError && error.version !== null) {
    return (
      <div className="map-status map-status--error" role="alert">
        <span>{t('layers.unknownFormat', { version: String(error.version) })}</span>
        <button type="button" className="btn btn--small" onClick={() => window.location.reload()}>
          {t('layers.reload')}
        </button>
      </div>
    );
  }
  if (error) {
    return (
      <div className="map-status map-status--error" role="alert">
        <span>
          {t('layers.failed')}：{error.message}
        </span>
        <button type="button" className="btn btn--small" onClick={onRetry}>
          {t('state.retry')}
        </button>
      </div>
    );
  }
  if (!loading) return null;
  return (
    <div className="map-status" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {t('layers.loading')}…
    </div>
  );
}
