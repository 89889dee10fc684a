// Which colour an enterprise's code had on a day: one reading of the code history for the map's
// layer, the KPI cards and the screen, so a period shows the same red count everywhere.
import { type SQL, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../db/client';
import { enterprises } from '../db/schema';
import type { Colour } from '../domain/supervision-code';
import { dataAsOf } from './as-of';

/**
 * `left join … h` giving each enterprise `e` its colour in the code history as of `codesAsOf` (the
 * latest assessment on or before it); a join that matches nothing when `codesAsOf` is null (the
 * current codes). `scope` narrows the history scanned (the layer reads it in id ranges).
 */
export function historyJoin(codesAsOf: string | null, scope: SQL = sql`true`): SQL {
  return codesAsOf
    ? sql`left join (select distinct on (enterprise_id) enterprise_id, colour from code_assessments
                      where ${scope} and as_of <= ${codesAsOf}
                      order by enterprise_id, as_of desc, id desc) h on h.enterprise_id = e.id`
    : sql`left join (select null::int as enterprise_id, null::text as colour) h on false`;
}

/**
 * An enterprise's colour and score as its code stood on `day`: the latest assessment on or
 * before it. The per-row form of `historyJoin`, for drizzle's builder (list, export): a day before the
 * first assessment reads as that first one, and an enterprise with no history by then keeps its
 * current code. Without a day, the current (denormalised) code.
 */
export function codeAt(day: string | undefined | null): { colour: SQL<Colour>; score: SQL<number> } {
  if (!day) return { colour: sql<Colour>`${enterprises.colour}`, score: sql<number>`${enterprises.score}` };
  // Qualified by hand: drizzle writes a one-table select's columns bare, and a bare "id" inside
  // the subquery would be the assessment's own id.
  const of = (column: 'colour' | 'score') =>
    sql`coalesce((select ca.${sql.raw(column)} from code_assessments ca
                   where ca.enterprise_id = "enterprises"."id"
                     and ca.as_of <= greatest(${day}::date, (select min(as_of) from code_assessments))
                   order by ca.as_of desc, ca.id desc limit 1), "enterprises".${sql.raw(`"${column}"`)})`;
  return { colour: of('colour') as SQL<Colour>, score: sql<number>`${of('score')}::int` };
}

/** The colour of `e` read through `historyJoin`: an enterprise with no history by then keeps its current colour. */
export const colourThen = sql`coalesce(h.colour, e.colour)`;

/**
 * The day codes are read as of when `asked` is asked: null (the current codes) when nothing is
 * asked or the day is on or after the data date, where history and current code agree; else the
 * latest assessment date on or before it, the first one for a day before them all.
 */
export async function codesDay(db: Db, asked: string | null | undefined): Promise<string | null> {
  if (!asked || asked >= (await dataAsOf(db))) return null;
  const [row] = rowsOf<{ day: string | null }>(
    await db.execute(sql`
      select coalesce((select max(as_of) from code_assessments where as_of <= ${asked}::date),
                      (select min(as_of) from code_assessments), ${asked}::date)::text as day`),
  );
  return row.day;
}

export type ColourCounts = { total: number; green: number; yellow: number; red: number };

/** Enterprises by colour as of `codesAsOf` (null: current codes), optionally within `where` over `e`. */
export async function colourCounts(db: Db, codesAsOf: string | null, where: SQL = sql`true`): Promise<ColourCounts> {
  const [row] = rowsOf<ColourCounts>(
    await db.execute(sql`
      select count(*)::int as total,
             count(*) filter (where ${colourThen} = 'green')::int as green,
             count(*) filter (where ${colourThen} = 'yellow')::int as yellow,
             count(*) filter (where ${colourThen} = 'red')::int as red
        from enterprises e ${historyJoin(codesAsOf)}
       where ${where}`),
  );
  return row;
}
