// The bureau's clock. Calendar dates ('YYYY-MM-DD') are civil dates of the bureau's time zone;
// date arithmetic on them works in UTC so that the host's zone never enters, and ISO strings
// compare correctly as plain strings. Instants are turned into bureau dates (and back) only here.

/** IANA zone of the bureau's calendar, one setting for the whole server (env BUREAU_TZ). */
export const DEFAULT_BUREAU_TZ = 'Asia/Shanghai';

/** Throws a RangeError naming the setting when `tz` is not an IANA zone this runtime knows. */
export function checkTimeZone(tz: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
  } catch {
    throw new RangeError(`BUREAU_TZ: unknown time zone ${JSON.stringify(tz)} (use an IANA name such as Asia/Shanghai)`);
  }
  return tz;
}

// A setting, read once; `globalThis.process` keeps the module usable in the browser bundle.
export const BUREAU_TZ: string = checkTimeZone(
  (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.BUREAU_TZ ||
    DEFAULT_BUREAU_TZ,
);

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

/**
 * First day of the `months`-month window that ends on `to` (inclusive): the day after `to` minus
 * the months, so a 12-month window ending 2024-02-29 starts 2023-03-01 — the three-colour code's
 * window, the hotspots' default and the map's "latest" period alike.
 */
export function windowFrom(to: string, months = 12): string {
  return addDays(addMonths(to, -months), 1);
}

export function addDays(day: string, days: number): string {
  const [y, m, d] = parts(day);
  return fmt(new Date(Date.UTC(y, m - 1, d + days)));
}

/** Days in a calendar month (1–12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function daysInYear(year: number): number {
  return daysInMonth(year, 2) === 29 ? 366 : 365;
}

/** 1 for 1 January. */
export function dayOfYear(day: string): number {
  const [y, m, d] = parts(day);
  return (Date.UTC(y, m - 1, d) - Date.UTC(y, 0, 1)) / 86_400_000 + 1;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** Wall-clock fields of an instant in `tz`. */
function wallClock(ms: number, tz: string) {
  const out: Record<string, number> = {};
  for (const p of formatterFor(tz).formatToParts(new Date(ms))) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out as { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

/** Offset of `tz` from UTC at an instant, in minutes (Asia/Shanghai: +480). */
export function offsetMinutes(instant: Date | number, tz: string = BUREAU_TZ): number {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  // Zones change offset on quarter hours at the finest, so one answer serves a quarter hour; a
  // raw series of 20,000 readings then asks Intl a few hundred times, not 20,000.
  const key = `${tz} ${Math.floor(ms / 900_000)}`;
  const hit = offsets.get(key);
  if (hit !== undefined) return hit;
  const w = wallClock(ms, tz);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  const off = Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
  if (offsets.size >= 50_000) offsets.clear();
  offsets.set(key, off);
  return off;
}
const offsets = new Map<string, number>();

/** Wall-clock fields of an instant in `tz`, read off the instant shifted by the zone's offset. */
function localFields(ms: number, tz: string) {
  const t = new Date(ms + offsetMinutes(ms, tz) * 60_000);
  return {
    year: t.getUTCFullYear(),
    month: t.getUTCMonth() + 1,
    day: t.getUTCDate(),
    hour: t.getUTCHours(),
    minute: t.getUTCMinutes(),
    second: t.getUTCSeconds(),
  };
}

/** An instant from a Date, epoch milliseconds or a timestamp string ('…T…+08:00' or PostgreSQL's '… +08'). */
export function toInstant(value: Date | number | string): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  // PostgreSQL text: '2026-06-10 08:00:00+08' (space, short offset) is not something Date.parse must accept.
  const iso = value
    .trim()
    .replace(' ', 'T')
    .replace(/([+-]\d{2})$/, '$1:00');
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new RangeError(`not an instant: ${value}`);
  return new Date(t);
}

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');

/** ISO 8601 with the bureau's offset, to the second: '2026-06-10T08:00:00+08:00'. */
export function formatInstant(value: Date | number | string, tz: string = BUREAU_TZ): string {
  const ms = toInstant(value).getTime();
  const w = localFields(ms, tz);
  const off = offsetMinutes(ms, tz);
  const sign = off < 0 ? '-' : '+';
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${sign}${pad(Math.trunc(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
}

/** The bureau's calendar date of an instant. */
export function dayOf(value: Date | number | string, tz: string = BUREAU_TZ): string {
  const w = localFields(toInstant(value).getTime(), tz);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** Today on the bureau's calendar. */
export function today(now: Date = new Date(), tz: string = BUREAU_TZ): string {
  return dayOf(now, tz);
}

/**
 * The instant at which the wall clock in `tz` shows the given time; `wall` is those fields as
 * Date.UTC(y, m − 1, d, h, mi, s) gives them. In a daylight-saving gap: the instant after it.
 */
export function fromWallClock(wall: number, tz: string = BUREAU_TZ): number {
  // Two passes settle the offset: the first guess uses the offset at the wall time read as UTC.
  const t = wall - offsetMinutes(wall, tz) * 60_000;
  return wall - offsetMinutes(t, tz) * 60_000;
}

/** The instant a bureau day begins (00:00 local). */
export function startOfDay(day: string, tz: string = BUREAU_TZ): Date {
  const [y, m, d] = parts(day);
  return new Date(fromWallClock(Date.UTC(y, m - 1, d), tz));
}

/**
 * A query bound as an instant: an ISO instant as it says, a bureau day 'YYYY-MM-DD' from its
 * first millisecond or, with `end`, to its last (the next day's start less 1 ms, so a day of a
 * daylight-saving change keeps its true length).
 */
export function boundInstant(value: string, end = false, tz: string = BUREAU_TZ): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return toInstant(value);
  return end ? new Date(startOfDay(addDays(value, 1), tz).getTime() - 1) : startOfDay(value, tz);
}

/** Whether `value` starts with a real calendar date 'YYYY-MM-DD' (no 2026-02-30). */
export function isCalendarDay(value: string): boolean {
  try {
    toDay(value.slice(0, 10));
    return true;
  } catch {
    return false;
  }
}

/** [start, end) instants of a bureau calendar year. */
export function yearBounds(year: number, tz: string = BUREAU_TZ): { start: Date; end: Date } {
  return { start: startOfDay(`${pad(year, 4)}-01-01`, tz), end: startOfDay(`${pad(year + 1, 4)}-01-01`, tz) };
}

/** [start, end) instants of a bureau calendar month (1–12). */
export function monthBounds(year: number, month: number, tz: string = BUREAU_TZ): { start: Date; end: Date } {
  const next = month === 12 ? `${pad(year + 1, 4)}-01-01` : `${pad(year, 4)}-${pad(month + 1)}-01`;
  return { start: startOfDay(`${pad(year, 4)}-${pad(month)}-01`, tz), end: startOfDay(next, tz) };
}
