import { createHash } from 'node:crypto';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { sql } from 'drizzle-orm';
import type { Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, type DbHandle, openDb, rowsOf } from '../../server/db/client';
import { type SeedSummary, seedDemo } from '../../server/db/seed';
import { DEMO_ONLINE_OUTLETS, planOnlineDemo } from '../../server/db/seed/online-load';
import { BUREAU_TZ } from '../../server/domain/dates';
import { FLAG_KINDS } from '../../server/domain/online-integrity';
import { isValidUscc } from '../../server/domain/uscc';
import { refreshExceedances } from '../../server/services/online/exceedances';
import { refreshAllFlags } from '../../server/services/online/flags';

const AS_OF = '2025-06-30';

type Seeded = { h: DbHandle; summary: SeedSummary };

async function seeded(scale: number, seed: number, onlineOutlets?: number): Promise<Seeded> {
  const h = await openDb();
  await h.migrate();
  const summary = await seedDemo(h.db, { scale, seed, asOf: AS_OF, onlineOutlets });
  return { h, summary };
}

const rows = async <T = Record<string, unknown>>(db: Db, query: ReturnType<typeof sql>) =>
  rowsOf<T>(await db.execute(query));

/** A digest of what determinism must preserve: enterprises, cases, history, readings. */
async function digest(db: Db): Promise<string> {
  const hash = createHash('sha256');
  for (const q of [
    sql`select * from enterprises order by id`,
    sql`select * from violation_cases order by id`,
    sql`select * from findings order by id`,
    sql`select * from insurance_policies order by id`,
    sql`select * from code_assessments order by id`,
    sql`select * from outlets order by id`,
    sql`select * from outlet_pollutants order by outlet_id, code`,
    sql`select count(*)::int as n from readings`,
    sql`select * from readings where id % 997 = 0 order by id`,
  ]) {
    hash.update(JSON.stringify(await rows(db, q)));
  }
  return hash.digest('hex');
}

describe('seedDemo', () => {
  let a: Seeded;
  let b: Seeded;
  let c: Seeded;

  beforeAll(async () => {
    a = await seeded(300, 11);
    // The hourly demo values take seconds: one seed has them (their generator's determinism is a unit test).
    b = await seeded(300, 11, 0);
    c = await seeded(1200, 12, 0);
  }, 600_000);
  afterAll(async () => {
    await Promise.all([a?.h.close(), b?.h.close(), c?.h.close()]);
  });

  it('gives identical rows for the same seed and asOf', async () => {
    const { online_hourly: _h, online_flags: _f, ...counts } = a.summary.counts;
    expect({ ...b.summary.counts, online_hourly: 0, online_flags: 0 }).toEqual({
      ...counts,
      online_hourly: 0,
      online_flags: 0,
    });
    expect(await digest(a.h.db)).toBe(await digest(b.h.db));
  });

  it('gives different rows for a different seed', async () => {
    const first = sql`select uscc, name, lon, lat from enterprises where id <= 300 order by id`;
    expect(JSON.stringify(await rows(c.h.db, first))).not.toBe(JSON.stringify(await rows(a.h.db, first)));
  });

  it('places every enterprise inside its county, with a valid unique USCC and its town in that county', async () => {
    const counties = new Map(
      (
        await rows<{ code: string; geometry: Polygon }>(
          a.h.db,
          sql`select code, geometry from regions where level = 'county'`,
        )
      ).map((r) => [r.code, r.geometry]),
    );
    expect(counties.size).toBe(6);
    const list = await rows<{
      uscc: string;
      lon: number;
      lat: number;
      county_code: string;
      town_code: string;
      h3: string;
    }>(a.h.db, sql`select uscc, lon, lat, county_code, town_code, h3 from enterprises`);
    expect(list).toHaveLength(300);
    for (const e of list) {
      const county = counties.get(e.county_code);
      expect(county, e.county_code).toBeDefined();
      expect(booleanPointInPolygon([e.lon, e.lat], county as Polygon), `${e.uscc} in ${e.county_code}`).toBe(true);
      expect(isValidUscc(e.uscc), e.uscc).toBe(true);
      expect(e.town_code.startsWith(e.county_code)).toBe(true);
      expect(e.h3).toMatch(/^89[0-9a-f]{13}$/);
    }
    expect(new Set(list.map((e) => e.uscc)).size).toBe(list.length);
  });

  it('produces a plausible colour mix with history', () => {
    const { green, yellow, red } = c.summary.colours;
    const total = green + yellow + red;
    expect(total).toBe(1200);
    expect(yellow).toBeGreaterThan(0);
    expect(red).toBeGreaterThan(0);
    expect(green / total).toBeGreaterThan(0.65);
    expect(green / total).toBeLessThan(0.92);
    expect(red / total).toBeLessThan(0.12);
    // Eight evaluation dates: the first appends for everyone, later ones only on change.
    expect(c.summary.counts.code_assessments).toBeGreaterThan(1200);
  });

  it('creates the hand-over sections and agreements of the 开化→常山→衢州市区→龙游 chain', async () => {
    const handovers = await rows<{ up: string; down: string }>(
      a.h.db,
      sql`select upstream_county as up, downstream_county as down from sections where handover order by code`,
    );
    expect(handovers.map((h) => `${h.up}>${h.down}`).sort()).toEqual(
      ['330824>330822', '330822>330802', '330881>330802', '330802>330803', '330803>330825'].sort(),
    );
    const agreements = await rows<{
      weights: Record<string, number>;
      amount: number;
      start_year: number;
      end_year: number;
    }>(a.h.db, sql`select weights, amount, start_year, end_year from compensation_agreements`);
    expect(agreements).toHaveLength(5);
    for (const ag of agreements) {
      expect(Object.values(ag.weights).reduce((s, w) => s + w, 0)).toBe(1);
      expect(ag.amount).toBeGreaterThanOrEqual(5_000_000);
      expect(ag.amount).toBeLessThanOrEqual(10_000_000);
      expect(ag.start_year).toBe(2024);
      expect(ag.end_year).toBe(2026);
    }
  });

  it('classes every valid reading and none of the invalid ones', async () => {
    const [r] = await rows<{
      total: number;
      valid_unclassed: number;
      invalid: number;
      invalid_classed: number;
      bad_class: number;
    }>(
      a.h.db,
      sql`select count(*)::int as total,
                 count(*) filter (where valid and class is null)::int as valid_unclassed,
                 count(*) filter (where not valid)::int as invalid,
                 count(*) filter (where not valid and class is not null)::int as invalid_classed,
                 count(*) filter (where class is not null and class not in ('I','II','III','IV','V','劣V'))::int as bad_class
            from readings`,
    );
    expect(r.total).toBeGreaterThan(14 * 10_000);
    expect(r.valid_unclassed).toBe(0);
    expect(r.invalid_classed).toBe(0);
    expect(r.bad_class).toBe(0);
    expect(r.invalid / r.total).toBeGreaterThan(0.01);
    expect(r.invalid / r.total).toBeLessThan(0.04);
  });

  it('gives every key-pollutant unit a wastewater outlet with a unique MN, and only them', async () => {
    const [r] = await rows<{ key: number; withWater: number; others: number; mns: number; outlets: number }>(
      c.h.db,
      sql`select (select count(*)::int from enterprises where key_pollutant) as key,
                 (select count(distinct enterprise_id)::int from outlets where medium = 'water') as "withWater",
                 (select count(*)::int from outlets o join enterprises e on e.id = o.enterprise_id where not e.key_pollutant) as others,
                 (select count(distinct mn)::int from outlets) as mns,
                 (select count(*)::int from outlets) as outlets`,
    );
    expect(r.key).toBeGreaterThan(0);
    expect(r.withWater).toBe(r.key);
    expect(r.others).toBe(0);
    expect(r.mns).toBe(r.outlets);
    const [cod] = await rows<{ limit: number; range: number }>(
      c.h.db,
      sql`select "limit", range from outlet_pollutants where code = 'w01018' limit 1`,
    );
    expect(cod).toEqual({ limit: 100, range: 200 });
  });

  it('gives a year of hourly values to the demo outlets, flagged exactly where patterns were planted', async () => {
    const db = a.h.db;
    const plan = await planOnlineDemo(db, { seed: 11, asOf: AS_OF, now: new Date(), outlets: DEMO_ONLINE_OUTLETS });
    expect(plan.outlets).toHaveLength(DEMO_ONLINE_OUTLETS);
    expect(plan.to).toBe(Date.parse('2025-07-01T00:00:00+08:00'));
    const [span] = await rows<{ outlets: number; first: string; last: string; n: number }>(
      db,
      sql`select count(distinct outlet_id)::int as outlets, min(time)::text as first, max(time)::text as last,
                 count(*)::int as n from online_hourly`,
    );
    expect(span.outlets).toBe(DEMO_ONLINE_OUTLETS);
    expect(Date.parse(span.first)).toBe(plan.from);
    expect(Date.parse(span.last)).toBe(plan.to - 3_600_000);
    expect(span.n).toBe(a.summary.counts.online_hourly);
    const stored = async () =>
      rows<{ kind: string; outlet: number; pollutant: string; from: string; to: string }>(
        db,
        sql`select kind, outlet_id as outlet, pollutant, "from"::text, "to"::text from online_flags
             order by outlet_id, pollutant, kind, "from"`,
      );
    const flags = await stored();
    const key = (x: { kind: string; outlet?: number; outletId?: number }) => `${x.kind} on ${x.outlet ?? x.outletId}`;
    const planted = [...new Set(plan.planted.map(key))].sort();
    expect(new Set(plan.planted.map((p) => p.kind))).toEqual(new Set(FLAG_KINDS));
    expect([...new Set(flags.map(key))].sort()).toEqual(planted);
    // The seed computed them from the rows it generated; the service, from the stored rows, agrees
    // (checked on a few outlets: reading a year back is the slow part).
    const some = [...new Set(plan.planted.map((p) => p.outletId))].slice(0, 3);
    await refreshAllFlags(db, { tz: BUREAU_TZ, outletIds: some });
    expect(await stored()).toEqual(flags);
    // No planted exceedance: the stored data adds no exceedance day to the seeded codes.
    const outletDays = rowsOf<{ outletId: number; day: string }>(
      await db.execute(sql`select distinct outlet_id as "outletId", to_char(time at time zone ${BUREAU_TZ}, 'YYYY-MM-DD') as day
                             from online_hourly`),
    );
    expect(outletDays.length).toBeGreaterThan(DEMO_ONLINE_OUTLETS * 360);
    expect(await refreshExceedances(db, outletDays)).toEqual([]);
  }, 120_000);

  it('records the seed parameters in app_meta', async () => {
    const meta = Object.fromEntries(
      (await rows<{ key: string; value: string }>(a.h.db, sql`select key, value from app_meta`)).map((m) => [
        m.key,
        m.value,
      ]),
    );
    expect(meta).toMatchObject({ dataVersion: '1', demo: 'true', seed: '11', scale: '300', asOf: AS_OF });
  });
});
