import { useCompensation } from '../api/get-compensation';
import { useHealth } from '../api/get-health';
import { StateMessage } from '../components/StateMessage';
import { useI18n } from '../i18n/use-i18n';
import { usePeriodWindow } from '../state/use-period-window';

/** Which compensation year the arrows show, or why there are none; loading and errors too. */
export function FlowsNote() {
  const { t } = useI18n();
  const year = usePeriodWindow()?.year;
  const compensation = useCompensation(year, useHealth().data?.dataVersion);
  if (year === undefined || compensation.isPending) return <StateMessage kind="loading" />;
  if (compensation.isError)
    return <StateMessage kind="error" error={compensation.error} onRetry={() => void compensation.refetch()} />;
  const { agreements } = compensation.data;
  // Projected agreements draw dashed arrows too, but nothing is settled for them yet; baseline
  // years and years outside the term draw nothing.
  const settled = agreements.filter((a) => a.status === 'assessed').length;
  const projected = agreements.filter((a) => a.status === 'projected').length;
  const notInForce = agreements.length > 0 && agreements.every((a) => a.status === 'not_in_force');
  return (
    <p className="legend-note" data-testid="flows-year">
      {notInForce
        ? t('legend.flowNotInForce', { year })
        : settled + projected === 0
          ? t('legend.flowNone', { year })
          : t('legend.flowYear', { year, n: settled, total: agreements.length }) +
            (projected ? t('legend.flowYearProjected', { n: projected }) : '')}
    </p>
  );
}
