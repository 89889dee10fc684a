import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../db/client';
import { asOfDay } from './as-of';
import { codesDay, colourThen, historyJoin } from './code-colours';
import { rectificationIn } from './rectification';

type ByColour = { green: number; yellow: number; red: number };

/** Every park with its outline and its enterprises counted by colour (as of `codesAsOf`, see codesDay). */
export async function listParks(db: Db, codesAsOf: string | null = null) {
  return rowsOf<
    {
      id: number;
      name: string;
      kind: string;
      countyCode: string;
      centerLon: number;
      centerLat: number;
      geometry: unknown;
      industryCodes: string[];
    } & ByColour
  >(
    await db.execute(sql`
      select p.id, p.name, p.kind, p.county_code as "countyCode", p.center_lon as "centerLon",
             p.center_lat as "centerLat", p.geometry, p.industry_codes as "industryCodes",
             count(e.id) filter (where ${colourThen} = 'green')::int as green,
             count(e.id) filter (where ${colourThen} = 'yellow')::int as yellow,
             count(e.id) filter (where ${colourThen} = 'red')::int as red
        from parks p left join (enterprises e ${historyJoin(codesAsOf)}) on e.park_id = p.id
       group by p.id order by p.id`),
  );
}

/** A park's profile as of `asOf`, its colours as of `codesAsOf` (see codesDay); null when there is no such park. */
export async function parkStats(db: Db, id: number, asOf: string, codesAsOf: string | null = null) {
  const [park] = rowsOf<{ id: number; name: string; kind: string; countyCode: string } & ByColour>(
    await db.execute(sql`
      select p.id, p.name, p.kind, p.county_code as "countyCode",
             count(e.id) filter (where ${colourThen} = 'green')::int as green,
             count(e.id) filter (where ${colourThen} = 'yellow')::int as yellow,
             count(e.id) filter (where ${colourThen} = 'red')::int as red
        from parks p left join (enterprises e ${historyJoin(codesAsOf)}) on e.park_id = p.id
       where p.id = ${id} group by p.id`),
  );
  if (!park) return null;
  const [industries, casesByMonth, rectification, ins] = await Promise.all([
    db.execute(sql`
      select e.industry_code as code, i.name, count(*)::int as count
        from enterprises e join industries i on i.code = e.industry_code
       where e.park_id = ${id} group by e.industry_code, i.name order by count desc, code`),
    db.execute(sql`
      select to_char(c.filed, 'YYYY-MM') as month, count(*)::int as count
        from violation_cases c join enterprises e on e.id = c.enterprise_id
       where e.park_id = ${id} and c.filed > ${asOf}::date - interval '36 months'
       group by month order by month`),
    rectificationIn(db, asOf, sql`e.park_id = ${id}`),
    db.execute(sql`
      select count(distinct p.enterprise_id)::int as insured,
             coalesce(sum(p.premium * p.subsidy_rate), 0)::float8 as "subsidyPaid"
        from insurance_policies p join enterprises e on e.id = p.enterprise_id
       where e.park_id = ${id} and p.start <= ${asOf}::date and p."end" >= ${asOf}::date`),
  ]);
  const s = rowsOf<{ insured: number; subsidyPaid: number }>(ins)[0];
  const count = park.green + park.yellow + park.red;
  return {
    id: park.id,
    name: park.name,
    kind: park.kind,
    countyCode: park.countyCode,
    enterpriseCount: count,
    byColour: { green: park.green, yellow: park.yellow, red: park.red },
    industries: rowsOf<{ code: string; name: string; count: number }>(industries),
    casesByMonth: rowsOf<{ month: string; count: number }>(casesByMonth),
    rectification,
    insurance: {
      insured: s.insured,
      coverage: count ? s.insured / count : null,
      subsidyPaid: Number(s.subsidyPaid),
    },
  };
}

/** A park's profile as of an asked bureau day (default and upper bound: the data date), as the KPI cards read it. */
export async function parkStatsAsOf(db: Db, id: number, asked?: string) {
  const asOf = await asOfDay(db, asked);
  return parkStats(db, id, asOf, await codesDay(db, asOf));
}
