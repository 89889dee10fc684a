import { useHealth } from '../api/get-health';
import { type PeriodWindow, periodWindow } from './period';
import { useViewState } from './view-store';

/** What the chosen period means against the data's own date; null until the server says that date. */
export function usePeriodWindow(): PeriodWindow | null {
  const asOf = useHealth().data?.asOf;
  const { period } = useViewState();
  return asOf ? periodWindow(period, asOf) : null;
}
