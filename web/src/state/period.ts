/**
 * The period control's meaning, as pure functions of the period text and the data's own date:
 * which dates the hotspots cover, which day the codes are read "as of", and which compensation
 * year is shown. A period that reaches past the data is cut at the data date, never extended
 * into days that have no data yet.
 */
import { windowFrom } from '../../../server/domain/dates';

export type Granularity = 'year' | 'quarter' | 'month';

export type PeriodWindow = {
  /** First day of the window (inclusive), YYYY-MM-DD. */
  from: string;
  /** Last day (inclusive), never after the data date. */
  to: string;
  /** Compensation year. */
  year: number;
  /** Codes as of this day; null = the current assessment. */
  codesAsOf: string | null;
};

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
/** Last day of month m (1–12) of year y. */
const monthEnd = (y: number, m: number) => iso(y, m, new Date(Date.UTC(y, m, 0)).getUTCDate());

export function granularityOf(period: string): Granularity {
  if (/^\d{4}$/.test(period)) return 'year';
  return period.includes('Q') ? 'quarter' : 'month';
}

/** Start and end of a period ('YYYY', 'YYYYQn', 'YYYY-MM'), ignoring the data date. */
export function periodBounds(period: string): { from: string; to: string } {
  const y = Number(period.slice(0, 4));
  const g = granularityOf(period);
  if (g === 'year') return { from: iso(y, 1, 1), to: iso(y, 12, 31) };
  if (g === 'quarter') {
    const q = Number(period.slice(5));
    return { from: iso(y, q * 3 - 2, 1), to: monthEnd(y, q * 3) };
  }
  const m = Number(period.slice(5, 7));
  return { from: iso(y, m, 1), to: monthEnd(y, m) };
}

/**
 * What a period means against data that ends on `dataAsOf`. No period: the 12 months up to the
 * data date (the window the three-colour code itself looks at), current codes, this year.
 */
export function periodWindow(period: string | null, dataAsOf: string): PeriodWindow {
  if (!period) return { from: windowFrom(dataAsOf), to: dataAsOf, year: Number(dataAsOf.slice(0, 4)), codesAsOf: null };
  const b = periodBounds(period);
  const to = b.to < dataAsOf ? b.to : dataAsOf;
  return { from: b.from, to, year: Number(period.slice(0, 4)), codesAsOf: to < dataAsOf ? to : null };
}

/** The periods a user can pick at a granularity: from `firstYear` up to the one holding the data date, newest first. */
export function periodOptions(g: Granularity, dataAsOf: string, firstYear: number): string[] {
  const lastYear = Number(dataAsOf.slice(0, 4));
  const lastMonth = Number(dataAsOf.slice(5, 7));
  const out: string[] = [];
  for (let y = lastYear; y >= firstYear; y--) {
    if (g === 'year') out.push(String(y));
    else if (g === 'quarter') {
      for (let q = y === lastYear ? Math.ceil(lastMonth / 3) : 4; q >= 1; q--) out.push(`${y}Q${q}`);
    } else {
      for (let m = y === lastYear ? lastMonth : 12; m >= 1; m--) out.push(`${y}-${pad(m)}`);
    }
  }
  return out;
}

/** The same moment at another granularity: 2025Q3 → 2025-09 (month) or 2025 (year). */
export function convertPeriod(period: string, g: Granularity, dataAsOf: string): string {
  const { to } = periodBounds(period);
  const end = to < dataAsOf ? to : dataAsOf;
  const y = end.slice(0, 4);
  const m = Number(end.slice(5, 7));
  if (g === 'year') return y;
  if (g === 'quarter') return `${y}Q${Math.ceil(m / 3)}`;
  return `${y}-${pad(m)}`;
}
