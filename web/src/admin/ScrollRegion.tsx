import type { ReactNode } from 'react';

/**
 * A scrolling box for a wide or long table. It takes focus so keyboard users can scroll it
 * (WCAG 2.1.1; axe "scrollable-region-focusable"), and is named by the heading it belongs to.
 */
export function ScrollRegion({
  labelledBy,
  tall = false,
  children,
}: {
  labelledBy: string;
  tall?: boolean;
  children: ReactNode;
}) {
  return (
    <section
      className={`admin-table-wrap${tall ? ' admin-table-wrap--tall' : ''}`}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scroll container must be focusable to scroll by keyboard
      tabIndex={0}
      aria-labelledby={labelledBy}
    >
      {children}
    </section>
  );
}
