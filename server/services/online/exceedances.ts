// Exceedance days from monitoring data: for each affected enterprise and bureau day, the valid
// daily means of all its outlets are compared with the permit limits, and the enterprise's
// `online` exceedance rows for that day are replaced by what the data now says.
import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client';
import { bureauDate, onDays } from '../../db/clock';
import {
  type DailyMean,
  DEFAULT_ONLINE_VALIDITY_RULES,
  exceedanceDays,
  type Medium,
  validFlags,
} from '../../domain/online-validity';

/**
 * Daily means of every pollutant with a limit, for the given enterprises' outlets on the given
 * days. The hours are read once over the span the days cover and grouped by bureau day, so a
 * year of late or re-judged days costs one scan of that year, not one per day.
 */
async function dailyMeans(db: Db, targets: { enterpriseId: number; day: string }[]): Promise<DailyMean[]> {
  if (targets.length === 0) return [];
  const valid = validFlags(DEFAULT_ONLINE_VALIDITY_RULES);
  const days = targets.map((t) => t.day).sort();
  const first = days[0];
  const last = days[days.length - 1];
  const enterpriseIds = [...new Set(targets.map((t) => t.enterpriseId))];
  const wanted = new Set(targets.map((t) => `${t.enterpriseId}|${t.day}`));
  // Grouped first, matched to the wanted days after: a join on a computed day would have the
  // planner (which knows nothing of a json recordset's size) loop over every hour per day.
  const grouped = rowsOf<Omit<DailyMean, 'validHours'> & { validHours: number }>(
    await db.execute(sql`
      with h as (
        select outlet_id, pollutant, avg, flag, ${bureauDate(sql`time`)} as day
          from online_hourly
         where outlet_id in (select id from outlets where enterprise_id in ${enterpriseIds})
           and ${onDays(sql`time`, first, last)}
      ),
      m as (
        select outlet_id, pollutant, day,
               avg(avg) filter (where flag in ${valid} and avg is not null) as mean,
               count(*) filter (where flag in ${valid} and avg is not null)::int as "validHours"
          from h group by outlet_id, pollutant, day
      )
      select o.id as "outletId", o.enterprise_id as "enterpriseId", o.medium, to_char(m.day, 'YYYY-MM-DD') as day,
             p.code as pollutant, p.limit, m.mean, m."validHours"
        from m
        join outlets o on o.id = m.outlet_id
        join outlet_pollutants p on p.outlet_id = m.outlet_id and p.code = m.pollutant and p.limit is not null`),
  );
  const rows = grouped.filter((r) => wanted.has(`${r.enterpriseId}|${r.day}`));
  return rows.map((r) => ({
    ...r,
    medium: r.medium as Medium,
    mean: r.mean === null ? null : Number(r.mean),
    limit: r.limit === null ? null : Number(r.limit),
    validHours: Number(r.validHours),
  }));
}

/**
 * Re-derives the `online` exceedance rows of the enterprises owning `outletDays` on those days.
 * Returns the enterprises whose rows changed (their codes need re-evaluating).
 */
export async function refreshExceedances(db: Db, outletDays: { outletId: number; day: string }[]): Promise<number[]> {
  if (outletDays.length === 0) return [];
  const targets = rowsOf<{ enterpriseId: number; day: string }>(
    await db.execute(sql`
      select distinct o.enterprise_id as "enterpriseId", x.day
        from jsonb_to_recordset(${JSON.stringify(outletDays)}::jsonb) as x("outletId" integer, day text)
        join outlets o on o.id = x."outletId"`),
  );
  const found = exceedanceDays(await dailyMeans(db, targets));
  const [row] = rowsOf<{ changed: unknown }>(
    await db.execute(sql`
      with t as (
        select * from jsonb_to_recordset(${JSON.stringify(targets)}::jsonb) as t("enterpriseId" integer, day date)
      ),
      next as (
        select * from jsonb_to_recordset(${JSON.stringify(found)}::jsonb)
          as n("enterpriseId" integer, day date, pollutant text, "outletId" integer, mean double precision, "limit" double precision)
      ),
      gone as (
        delete from online_exceedances e using t
         where e.source = 'online' and e.enterprise_id = t."enterpriseId" and e.day = t.day
           and not exists (select 1 from next n where n."enterpriseId" = e.enterprise_id and n.day = e.day and n.pollutant = e.pollutant)
        returning e.enterprise_id
      ),
      put as (
        insert into online_exceedances (enterprise_id, day, pollutant, source, outlet_id, mean, "limit")
        select "enterpriseId", day, pollutant, 'online', "outletId", mean, "limit" from next
        on conflict (enterprise_id, day, pollutant, source) do update
          set outlet_id = excluded.outlet_id, mean = excluded.mean, "limit" = excluded."limit"
          where (online_exceedances.outlet_id, online_exceedances.mean, online_exceedances."limit")
                is distinct from (excluded.outlet_id, excluded.mean, excluded."limit")
        returning enterprise_id, (xmax = 0) as fresh
      )
      select coalesce(json_agg(distinct e), '[]') as changed
        from (select enterprise_id as e from gone union select enterprise_id from put where fresh) x`),
  );
  const changed = typeof row.changed === 'string' ? JSON.parse(row.changed) : row.changed;
  return (changed as number[]).map(Number).sort((a, b) => a - b);
}
