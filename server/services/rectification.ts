import { type SQL, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../db/client';
import { type RectificationTally, rectification } from '../domain/findings';
import { windowStart } from '../domain/supervision-code';

/**
 * findingState (domain/findings.ts) in SQL for the findings alias `f`: rectified on or before
 * asOf, else overdue when the deadline is before asOf, else open. A null rectified date fails
 * the first test, as in the domain. test/api/rectification.test.ts holds the two together.
 */
export function findingStateSql(asOf: string): SQL {
  return sql`case when f.rectified <= ${asOf}::date then 'rectified'
                  when f.deadline < ${asOf}::date then 'overdue' else 'open' end`;
}

/**
 * The rectification rate over findings found in the 12-month window ending on asOf, for the
 * enterprises `e` that `scope` selects (all of them without one).
 */
export async function rectificationIn(db: Db, asOf: string, scope?: SQL) {
  const [t] = rowsOf<RectificationTally>(
    await db.execute(sql`
      select count(*) filter (where s.state = 'rectified')::int as rectified,
             count(*) filter (where s.state = 'overdue')::int as overdue,
             count(*) filter (where s.state = 'open')::int as open
        from findings f
        join enterprises e on e.id = f.enterprise_id
        cross join lateral (select ${findingStateSql(asOf)} as state) s
       where f.found > ${windowStart(asOf)}::date and f.found <= ${asOf}::date
         ${scope ? sql`and ${scope}` : sql``}`),
  );
  return rectification(t);
}
