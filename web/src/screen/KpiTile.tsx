import type { ReactNode } from 'react';

type Props = {
  label: string;
  value: ReactNode;
  unit?: string;
  sub?: ReactNode;
  tone?: 'red' | 'yellow' | 'green' | 'blue' | 'cyan' | 'neutral';
  testId?: string;
};

/** One large figure, legible across a lobby: the numeral is at least 5 % of the screen height. */
export function KpiTile({ label, value, unit, sub, tone = 'neutral', testId }: Props) {
  return (
    <div className={`s-kpi s-kpi--${tone}`} data-testid={testId}>
      <div className="s-kpi-label">{label}</div>
      <div className="s-kpi-value">
        <span className="s-kpi-num" data-testid={testId ? `${testId}-value` : undefined}>
          {value}
        </span>
        {unit && <span className="s-kpi-unit">{unit}</span>}
      </div>
      {sub && <div className="s-kpi-sub">{sub}</div>}
    </div>
  );
}
