// Calendar-date arithmetic on 'YYYY-MM-DD' strings. Facts are civil dates (filing day, deadline),
// so everything works in UTC to stay clear of the host's time zone; ISO strings compare correctly
// as plain strings.

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})/;

/**
 * Remembers a pure function of a day-like string, up to `limit` answers (then starts over). A
 * code assessment works on every dated fact it reads, but a province holds only a few thousand
 * distinct days, so the answers repeat; this takes most of the seed's date work away.
 */
export function memoByDay<T>(compute: (key: string) => T, limit = 20_000): (key: string) => T {
  const known = new Map<string, T>();
  return (key) => {
    const hit = known.get(key);
    if (hit !== undefined) return hit;
    const value = compute(key);
    if (known.size >= limit) known.clear();
    known.set(key, value);
    return value;
  };
}

/** Normalises 'YYYY-MM-DD' or an ISO timestamp to 'YYYY-MM-DD'; throws on anything else. */
export const toDay: (value: string) => string = memoByDay(parseDay);

function parseDay(value: string): string {
  const m = typeof value === 'string' ? DAY_RE.exec(value) : null;
  if (!m) throw new RangeError(`not a date (YYYY-MM-DD): ${String(value)}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) {
    throw new RangeError(`not a calendar date: ${value}`);
  }
  return `${m[1]}-${m[2]}-${m[3]}`;
}

function fmt(t: Date): string {
  const y = String(t.getUTCFullYear()).padStart(4, '0');
  const m = String(t.getUTCMonth() + 1).padStart(2, '0');
  const d = String(t.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

function parts(day: string): [number, number, number] {
  const d = toDay(day);
  return [Number(d.slice(0, 4)), Number(d.slice(5, 7)), Number(d.slice(8, 10))];
}

/** Adds calendar months; the day is clamped to the end of the target month (03-31 − 1 month = 02-28/29). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = parts(day);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return fmt(target);
}

export function addDays(day: string, days: number): string {
  const [y, m, d] = parts(day);
  return fmt(new Date(Date.UTC(y, m - 1, d + days)));
}
