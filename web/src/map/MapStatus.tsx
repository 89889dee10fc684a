import { useI18n } from '../i18n/use-i18n';

/** A small pill over the map while its data loads, or with a retry button when it failed. */
export function MapStatus({ loading, error, onRetry }: { loading: boolean; error: Error | null; onRetry: () => void }) {
  const { t } = useI18n();
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
