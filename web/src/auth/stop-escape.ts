import type { KeyboardEvent } from 'react';

/**
 * Escape inside a modal dialog closes the dialog (the browser does that) and nothing else: it
 * must not also reach the window-level handler that closes the side panel behind it.
 */
export function stopEscape(e: KeyboardEvent) {
  if (e.key === 'Escape') e.stopPropagation();
}
