import { asc, eq, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../db/client';
import { grids, industries, regions, rivers } from '../db/schema';

export const listRegions = (db: Db, level: 'county' | 'town') =>
  db.select().from(regions).where(eq(regions.level, level)).orderBy(asc(regions.code));

/** Grids without their managers' contacts. */
export const listGrids = (db: Db, level: number) =>
  db
    .select({
      id: grids.id,
      level: grids.level,
      name: grids.name,
      regionCode: grids.regionCode,
      geometry: grids.geometry,
    })
    .from(grids)
    .where(eq(grids.level, level))
    .orderBy(asc(grids.id));

export const listRivers = (db: Db) => db.select().from(rivers).orderBy(asc(rivers.id));

/** The industry tree with each code's own enterprise count. */
export async function listIndustries(db: Db) {
  return rowsOf<{ code: string; name: string; parentCode: string | null; enterpriseCount: number }>(
    await db.execute(sql`
      select i.code, i.name, i.parent_code as "parentCode",
             (select count(*)::int from ${industries} x
                join enterprises e on e.industry_code = x.code
               where x.code = i.code) as "enterpriseCount"
        from ${industries} i order by i.code`),
  );
}
