/**
 * Which part of the dashboard a phone shows: the map, the panel (overview or the selected
 * object's detail) or the filters and layers. UI chrome, not part of the shareable view; wider
 * screens show all three at once and ignore it.
 */
import { useSyncExternalStore } from 'react';

export const PHONE_TABS = ['map', 'panel', 'filters'] as const;
export type PhoneTab = (typeof PHONE_TABS)[number];

let tab: PhoneTab = 'map';
const listeners = new Set<() => void>();

export function setPhoneTab(next: PhoneTab) {
  if (next === tab) return;
  tab = next;
  for (const l of listeners) l();
}

export function usePhoneTab(): PhoneTab {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => tab,
  );
}
