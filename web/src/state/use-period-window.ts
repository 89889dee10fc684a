import { useHealth } from '../api/get-health';
import { type PeriodWindow, periodWindow } from './period';
import { useViewState } from './view-store';

/** What the chosen period means against the data's own date; null until the server says that date. */
export function usePeriodWindow(): PeriodWindow | null {
  const asOf = useHealth().data?.asOf;
  const { period } = useViewState();
  return asOf ? periodWindow(period, asOf) : null;
}

/**
 * The past day a period reads its snapshots as of — codes, the sections' latest class, the KPI
 * cards — so that every view of one period shows the same figures; null = the data's own date.
 */
export function usePeriodAsOf(): string | null {
  return usePeriodWindow()?.codesAsOf ?? null;
}
