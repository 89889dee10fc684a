/**
 * The URL is the single source of truth for the view. This tiny store mirrors it for React
 * (useSyncExternalStore) and writes it back: pushState for discrete changes so the back button
 * undoes them, replaceState for camera moves so panning does not flood the history.
 */
import { useSyncExternalStore } from 'react';
import { type Lang, parseViewState, serializeViewState, type ViewState } from './view-state';

const LANG_KEY = 'eco-map.lang';

function storedLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh'; // storage can be disabled (private mode, kiosk policies)
  }
}

let current: ViewState = parseViewState(window.location.search, storedLang());
const listeners = new Set<() => void>();
const emit = () => {
  for (const l of listeners) l();
};

window.addEventListener('popstate', () => {
  current = parseViewState(window.location.search, storedLang());
  emit();
});

export type HistoryMode = 'push' | 'replace';

export function getViewState(): ViewState {
  return current;
}

export function setViewState(update: (s: ViewState) => ViewState, mode: HistoryMode = 'push'): void {
  const next = update(current);
  if (next === current) return;
  if (next.lang !== current.lang) {
    try {
      localStorage.setItem(LANG_KEY, next.lang);
    } catch {
      /* see storedLang */
    }
  }
  current = next;
  const search = serializeViewState(next);
  if (search !== window.location.search) {
    const url = `${window.location.pathname}${search}${window.location.hash}`;
    if (mode === 'push') window.history.pushState(null, '', url);
    else window.history.replaceState(null, '', url);
  }
  emit();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useViewState(): ViewState {
  return useSyncExternalStore(subscribe, getViewState);
}

/** A filter change is a discrete step: one history entry, so Back undoes it. */
export function updateFilters(patch: Partial<ViewState['filters']>): void {
  setViewState((s) => ({ ...s, filters: { ...s.filters, ...patch } }));
}
