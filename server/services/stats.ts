import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../db/client';
import { asOfDay } from './as-of';
import { codesDay, colourCounts } from './code-colours';
import { rectificationIn } from './rectification';
import { listSections } from './sections';

/**
 * The leaders' KPI figures as of `asOf`: codes as of `codesAsOf` (null: the current codes, see
 * codesDay), the sections' latest class up to `asOf` — each from the function the map's layer
 * and the screen use for the same figure.
 */
export async function overview(db: Db, asOf: string, codesAsOf: string | null = null) {
  const year = Number(asOf.slice(0, 4));
  const [enterprises, cases, rectification, ins, sections] = await Promise.all([
    colourCounts(db, codesAsOf),
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
    listSections(db, asOf),
  ]);
  const i = rowsOf<{ insured: number; subsidyPaid: number }>(ins)[0];
  return {
    enterprises,
    cases: rowsOf<{ thisYear: number; lastYear: number; lastYearToDate: number }>(cases)[0],
    rectification,
    insurance: { insured: i.insured, subsidyPaid: Math.round(Number(i.subsidyPaid)) },
    sections: { total: sections.length, meetingTarget: sections.filter((x) => x.meetsTarget).length },
  };
}

/** The KPIs as of an asked bureau day (default and upper bound: the data date), saying which days they read. */
export async function overviewAsOf(db: Db, asked?: string) {
  const asOf = await asOfDay(db, asked);
  const codesAsOf = await codesDay(db, asOf);
  return { asOf, codesAsOf, ...(await overview(db, asOf, codesAsOf)) };
}
