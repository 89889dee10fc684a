/** Whether the enterprise table drawer is open: UI chrome, not part of the shareable view. */
import { useSyncExternalStore } from 'react';

let open = false;
const listeners = new Set<() => void>();

export function setTableOpen(next: boolean | ((was: boolean) => boolean)) {
  const value = typeof next === 'function' ? next(open) : next;
  if (value === open) return;
  open = value;
  for (const l of listeners) l();
}

export function useTableOpen(): boolean {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => open,
  );
}
