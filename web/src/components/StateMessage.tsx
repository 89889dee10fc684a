import { ApiError } from '../api/client';
import { useI18n } from '../i18n/use-i18n';

type Props =
  | { kind: 'loading'; label?: string }
  | { kind: 'empty'; label?: string }
  | { kind: 'error'; error: Error; onRetry?: () => void };

/** The one way every panel says "loading", "nothing here" or "that failed" (with a retry). */
export function StateMessage(props: Props) {
  const { t } = useI18n();
  if (props.kind === 'loading') {
    return (
      <div className="state state--loading" role="status" aria-live="polite">
        <span className="spinner" aria-hidden="true" />
        {props.label ?? t('state.loading')}
      </div>
    );
  }
  if (props.kind === 'empty') {
    return <div className="state state--empty">{props.label ?? t('state.empty')}</div>;
  }
  const notFound = props.error instanceof ApiError && props.error.status === 404;
  return (
    <div className="state state--error" role="alert">
      <strong>{notFound ? t('state.notFound') : t('state.error')}</strong>
      {!notFound && <span className="state-detail">{props.error.message}</span>}
      {props.onRetry && !notFound && (
        <button type="button" className="btn btn--small" onClick={props.onRetry}>
          {t('state.retry')}
        </button>
      )}
    </div>
  );
}
