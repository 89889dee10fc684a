/** A boolean held outside React (a drawer's open state): UI chrome, not part of the shareable view. */
import { useSyncExternalStore } from 'react';

export function toggleStore() {
  let open = false;
  const listeners = new Set<() => void>();
  const subscribe = (l: () => void) => {
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  };
  return {
    set(next: boolean | ((was: boolean) => boolean)) {
      const value = typeof next === 'function' ? next(open) : next;
      if (value === open) return;
      open = value;
      for (const l of listeners) l();
    },
    use: (): boolean => useSyncExternalStore(subscribe, () => open),
  };
}
