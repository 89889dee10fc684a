// Instants in the bureau's time zone for hourly monitoring data: month starts and ISO 8601 with
// offset. Pure (Intl only); answers are remembered per hour because a year of data asks about
// the same few thousand hours over and over.

const HOUR = 3_600_000;
const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, Map<number, number>>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Minutes the zone is ahead of UTC at instant t (480 for Asia/Shanghai). */
export function zoneOffsetMinutes(t: number, timeZone: string): number {
  let byHour = offsets.get(timeZone);
  if (!byHour) {
    byHour = new Map();
    offsets.set(timeZone, byHour);
  }
  const hour = Math.floor(t / HOUR);
  const known = byHour.get(hour);
  if (known !== undefined) return known;
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(hour * HOUR))) p[part.type] = Number(part.value);
  const local = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  const offset = Math.round((local - hour * HOUR) / 60_000);
  if (byHour.size > 100_000) byHour.clear();
  byHour.set(hour, offset);
  return offset;
}

/** 'YYYY-MM' of instant t on the zone's calendar. */
export function monthInZone(t: number, timeZone: string): string {
  return new Date(t + zoneOffsetMinutes(t, timeZone) * 60_000).toISOString().slice(0, 7);
}

/** The instant a 'YYYY-MM' month starts in the zone (offsets here change on whole hours at most). */
export function monthStartInZone(month: string, timeZone: string): number {
  return dayStartInZone(`${month}-01`, timeZone);
}

/** 'YYYY-MM' plus n months (n may be negative). */
export function addMonthKey(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}

/** ISO 8601 with the zone's offset: 2026-06-10T08:00:00+08:00. */
export function isoInZone(t: number, timeZone: string): string {
  const offset = zoneOffsetMinutes(t, timeZone);
  const local = new Date(t + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The instant a 'YYYY-MM-DD' day starts in the zone. */
export function dayStartInZone(day: string, timeZone: string): number {
  const [y, m, d] = day.split('-').map(Number);
  const naive = Date.UTC(y, m - 1, d);
  const guess = naive - zoneOffsetMinutes(naive, timeZone) * 60_000;
  return naive - zoneOffsetMinutes(guess, timeZone) * 60_000;
}

/** The bureau's zone: one setting for the whole server. */
export const BUREAU_TIME_ZONE: string =
  (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.BUREAU_TZ || 'Asia/Shanghai';
