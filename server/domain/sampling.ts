// How many readings an automatic water station owes: one rule for the section chart's coverage and
// for compensation's, so the two can never tell a leader different completeness for the same days.
import { addDays, daysInMonth, toDay } from './dates';

/** Automatic stations sample every 4 h unless the section says otherwise (DESIGN, compensation). */
export const DEFAULT_SAMPLING_INTERVAL_HOURS = 4;

/**
 * Readings owed over `days` whole bureau days at a sampling interval. Sampling starts at 00:00, so
 * a day at 4 h owes 00:00 … 20:00 = 6; an interval that does not divide the day rounds the span up.
 */
export function expectedReadings(days: number, intervalHours: number): number {
  if (!(intervalHours > 0) || !(days > 0)) return 0;
  // 1e-9: 24 / (1/3 h) must count 72 samples, not 73 from binary noise.
  return Math.ceil((days * 24) / intervalHours - 1e-9);
}

/** Whole days from `from` to `to` inclusive ('YYYY-MM-DD'); 0 when `to` is before `from`. */
export function daysSpanned(from: string, to: string): number {
  const a = Date.parse(`${toDay(from)}T00:00:00Z`);
  const b = Date.parse(`${toDay(to)}T00:00:00Z`);
  return b < a ? 0 : (b - a) / 86_400_000 + 1;
}

/** First and last day of a bureau-calendar bucket: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'. */
export function bucketDays(bucket: string): { from: string; to: string } {
  if (/^\d{4}$/.test(bucket)) return { from: `${bucket}-01-01`, to: `${bucket}-12-31` };
  if (/^\d{4}-\d{2}$/.test(bucket)) {
    const days = daysInMonth(Number(bucket.slice(0, 4)), Number(bucket.slice(5, 7)));
    return { from: `${bucket}-01`, to: addDays(`${bucket}-01`, days - 1) };
  }
  const day = toDay(bucket);
  return { from: day, to: day };
}

/**
 * Readings owed in a bucket, counting only its days inside [from, to]: a month cut by the chart's
 * window or by the data's as-of day owes only the days it spans.
 */
export function expectedInBucket(bucket: string, from: string, to: string, intervalHours: number): number {
  const b = bucketDays(bucket);
  const start = b.from > from ? b.from : from;
  const end = b.to < to ? b.to : to;
  return expectedReadings(daysSpanned(start, end), intervalHours);
}
