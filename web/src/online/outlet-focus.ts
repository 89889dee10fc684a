/**
 * Which outlet chart a click in the flag list asked for (outlet, pollutant, period, flag): UI
 * chrome passed from the list to the enterprise panel, not part of the shareable view.
 */
import { useSyncExternalStore } from 'react';
import type { DayWindow } from './outlet-chart-model';

export type OutletFocus = { outletId: number; pollutant: string; window: DayWindow; flagId: number };

let focus: OutletFocus | null = null;
const listeners = new Set<() => void>();

export function setOutletFocus(next: OutletFocus | null) {
  focus = next;
  for (const l of listeners) l();
}

export function useOutletFocus(): OutletFocus | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => focus,
  );
}
