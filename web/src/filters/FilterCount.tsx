import { useI18n } from '../i18n/use-i18n';
import { useEnterpriseColumns } from '../map/use-enterprise-columns';

/** "显示 1,234 / 6,012 家企业" — recounted on every filter change, no request. */
export function FilterCount() {
  const { t, fmt } = useI18n();
  const { shown, total, query } = useEnterpriseColumns();
  if (shown === null || total === null) {
    return (
      <p className="filter-count" role="status">
        {query.isError ? query.error.message : t('filters.countLoading')}
      </p>
    );
  }
  return (
    <p
      className="filter-count"
      role="status"
      aria-live="polite"
      data-testid="filter-count"
      data-shown={shown}
      data-total={total}
    >
      {t('filters.count', { shown: fmt.int(shown), total: fmt.int(total) })}
      {shown === 0 && total > 0 && <span className="filter-none">{t('filters.none')}</span>}
    </p>
  );
}
