import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../db/client';
import { dayStart } from '../db/clock';
import { classRank, type WaterClass } from '../domain/water-quality';
import { codeAt } from './enterprises';
import { rectificationIn } from './rectification';

/**
 * The leaders' KPI figures as of `asOf`. `past` (a chosen period that ended before the data
 * date): codes as they stood on asOf, and each section's class from its last reading by then.
 */
export async function overview(db: Db, asOf: string, past = false) {
  const year = Number(asOf.slice(0, 4));
  const colour = codeAt(past ? asOf : null).colour;
  const [ent, cases, rectification, ins, sec] = await Promise.all([
    db.execute(sql`
      select count(*)::int as total,
             count(*) filter (where c.colour = 'green')::int as green,
             count(*) filter (where c.colour = 'yellow')::int as yellow,
             count(*) filter (where c.colour = 'red')::int as red
        from enterprises cross join lateral (select ${colour} as colour) c`),
    db.execute(sql`
      select count(*) filter (where filed >= make_date(${year}, 1, 1) and filed <= ${asOf}::date)::int as "thisYear",
             count(*) filter (where filed >= make_date(${year - 1}, 1, 1) and filed < make_date(${year}, 1, 1))::int as "lastYear",
             count(*) filter (where filed >= make_date(${year - 1}, 1, 1)
                                and filed <= (${asOf}::date - interval '1 year'))::int as "lastYearToDate"
        from violation_cases`),
    rectificationIn(db, asOf),
    db.execute(sql`
      select count(distinct enterprise_id)::int as insured,
             coalesce(sum(premium * subsidy_rate), 0)::float8 as "subsidyPaid"
        from insurance_policies where start <= ${asOf}::date and "end" >= ${asOf}::date`),
    db.execute(sql`
      select s.target_class as "targetClass", l.class
        from sections s left join lateral (
          select class from readings where section_id = s.id and valid and class is not null
             ${past ? sql`and time < ${dayStart(sql`${asOf}::date + 1`)}` : sql``}
           order by time desc limit 1) l on true`),
  ]);
  const i = rowsOf<{ insured: number; subsidyPaid: number }>(ins)[0];
  const s = rowsOf<{ targetClass: WaterClass; class: WaterClass | null }>(sec);
  return {
    enterprises: rowsOf<{ total: number; green: number; yellow: number; red: number }>(ent)[0],
    cases: rowsOf<{ thisYear: number; lastYear: number; lastYearToDate: number }>(cases)[0],
    rectification,
    insurance: { insured: i.insured, subsidyPaid: Math.round(Number(i.subsidyPaid)) },
    sections: {
      total: s.length,
      meetingTarget: s.filter((x) => x.class && classRank(x.class) <= classRank(x.targetClass)).length,
    },
  };
}
