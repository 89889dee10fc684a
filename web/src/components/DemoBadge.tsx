import { useHealth } from '../api/get-health';
import { useI18n } from '../i18n/use-i18n';

/** Every screen that shows generated data says so. */
export function DemoBadge() {
  const { t } = useI18n();
  const health = useHealth();
  if (!health.data?.demo) return null;
  return (
    <span className="demo-badge" title={t('app.demoHint')} data-testid="demo-badge">
      {t('app.demo')}
    </span>
  );
}
