// An outlet's values over a time range: hourly as stored, or effective daily means (HJ 356 / HJ 75).
import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client';
import { bureauDate, dayStart } from '../../db/clock';
import { addDays, formatInstant, startOfDay } from '../../domain/dates';
import {
  DEFAULT_ONLINE_VALIDITY_RULES,
  effectiveDailyMean,
  isValidFlag,
  type Medium,
  validFlags,
} from '../../domain/online-validity';

export type SeriesPoint = {
  time: string;
  pollutant: string;
  value: number | null;
  flag: string;
  valid: boolean;
  /** Day points: valid hourly values behind the mean. */
  validHours?: number;
};

/** Longest span per request: enough for a quarter of hourly points or three years of days. */
const MAX_SPAN_DAYS = { hour: 92, day: 1096 } as const;

export class SeriesRangeError extends Error {}

/**
 * `from`/`to` are bureau days (YYYY-MM-DD; `to` counts whole) or ISO instants with an offset.
 * Returns [start, end) as epoch milliseconds.
 */
export function seriesBounds(
  from: string,
  to: string,
  interval: 'hour' | 'day',
  tz: string,
): { start: number; end: number } {
  const bound = (v: string, end: boolean) =>
    /^\d{4}-\d{2}-\d{2}$/.test(v) ? startOfDay(end ? addDays(v, 1) : v, tz).getTime() : Date.parse(v);
  const start = bound(from, false);
  const end = bound(to, true);
  if (!(end > start)) throw new SeriesRangeError('结束时间应晚于开始时间（to must be after from）');
  if (end - start > MAX_SPAN_DAYS[interval] * 86_400_000) {
    throw new SeriesRangeError(
      `时间跨度过长：${interval === 'hour' ? '小时' : '日'}数据每次最多 ${MAX_SPAN_DAYS[interval]} 天（span too long: at most ${MAX_SPAN_DAYS[interval]} days of ${interval} values per request）`,
    );
  }
  return { start, end };
}

export async function outletSeries(
  db: Db,
  outlet: { id: number; medium: Medium },
  range: { start: number; end: number },
  interval: 'hour' | 'day',
  tz: string,
): Promise<SeriesPoint[]> {
  const start = new Date(range.start).toISOString();
  const end = new Date(range.end).toISOString();
  if (interval === 'hour') {
    const rows = rowsOf<{ t: number; pollutant: string; value: number | null; flag: string }>(
      await db.execute(sql`
        select extract(epoch from time) * 1000 as t, pollutant, avg as value, flag from online_hourly
         where outlet_id = ${outlet.id} and time >= ${start} and time < ${end}
         order by time, pollutant`),
    );
    return rows.map((r) => ({
      time: formatInstant(Number(r.t), tz),
      pollutant: r.pollutant,
      value: r.value === null ? null : Number(r.value),
      flag: r.flag,
      valid: isValidFlag(r.flag) && r.value !== null,
    }));
  }
  const valid = validFlags(DEFAULT_ONLINE_VALIDITY_RULES);
  const rows = rowsOf<{ t: number; pollutant: string; mean: number | null; n: number; flag: string }>(
    await db.execute(sql`
      select extract(epoch from ${dayStart(sql`d`)}) * 1000 as t, pollutant, mean, n, flag
        from (select ${bureauDate(sql`time`)} as d, pollutant,
                     avg(avg) filter (where flag in ${valid} and avg is not null) as mean,
                     count(*) filter (where flag in ${valid} and avg is not null)::int as n,
                     mode() within group (order by flag) as flag
                from online_hourly
               where outlet_id = ${outlet.id} and time >= ${start} and time < ${end}
               group by 1, 2) x
       order by d, pollutant`),
  );
  return rows.map((r) => {
    const mean = r.mean === null ? null : Number(r.mean);
    const daily = effectiveDailyMean(Number(r.n), mean, outlet.medium);
    return {
      time: formatInstant(Number(r.t), tz),
      pollutant: r.pollutant,
      value: daily.value,
      flag: daily.valid ? 'N' : r.flag,
      valid: daily.valid,
      validHours: Number(r.n),
    };
  });
}
