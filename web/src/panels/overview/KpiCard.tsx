import type { ReactNode } from 'react';

type Props = {
  label: string;
  value: ReactNode;
  sub?: ReactNode;
  icon?: ReactNode;
  accent?: 'green' | 'yellow' | 'red' | 'blue' | 'cyan' | 'neutral';
  /** When set the card is a button that applies a filter or layer on the map. */
  onClick?: () => void;
  pressed?: boolean;
  actionLabel?: string;
  testId?: string;
};

/** One KPI: a big number with context. Clickable cards are real buttons (keyboard, focus ring). */
export function KpiCard({ label, value, sub, icon, accent = 'neutral', onClick, pressed, actionLabel, testId }: Props) {
  const body = (
    <>
      <span className="kpi-label">
        {icon}
        {label}
      </span>
      <span className="kpi-value" data-testid={testId ? `${testId}-value` : undefined}>
        {value}
      </span>
      {sub && <span className="kpi-sub">{sub}</span>}
    </>
  );
  const className = `kpi kpi--${accent}`;
  if (!onClick) {
    return (
      <div className={className} data-testid={testId}>
        {body}
      </div>
    );
  }
  return (
    <button
      type="button"
      className={`${className} kpi--action`}
      aria-pressed={pressed}
      title={actionLabel}
      onClick={onClick}
      data-testid={testId}
    >
      {body}
    </button>
  );
}
