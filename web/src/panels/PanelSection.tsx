import type { ReactNode } from 'react';

/** A collapsible section of a detail panel (native <details>: keyboard and screen-reader ready). */
export function PanelSection({
  title,
  count,
  open = true,
  children,
  testId,
}: {
  title: string;
  count?: number;
  open?: boolean;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <details className="panel-section" open={open} data-testid={testId}>
      <summary>
        <h3>{title}</h3>
        {count !== undefined && <span className="count-badge">{count}</span>}
      </summary>
      <div className="panel-section-body">{children}</div>
    </details>
  );
}
