// Compensation by the agreement's own terms, through the API, on hand-made readings whose every
// annual mean, count and amount is worked out by hand below.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../server/db/client';
import { bumpDataVersion, setMeta } from '../../server/db/meta';
import { compensationAgreements, countyWaterUse, regions, sections } from '../../server/db/schema';
import { testApi } from '../support/app';
import { engines, freshDb } from '../support/test-db';

const KAIHUA = '330824';
const CHANGSHAN = '330822';
const KECHENG = '330802';
const THIRDS = { codmn: 1 / 3, nh3n: 1 / 3, tp: 1 / 3 };

describe.each(engines)('compensation by its terms on %s', (engine) => {
  let h: DbHandle;
  let t: ReturnType<typeof testApi>;
  // Edits behind the API's back: a new data version, so no cached answer survives them.
  const change = async (statement: ReturnType<typeof sql>) => {
    await h.db.execute(statement);
    await bumpDataVersion(h.db);
  };
  const get = async (year: number) => {
    const { status, body } = await t.json(`/api/compensation?year=${year}`);
    expect(status).toBe(200);
    return body;
  };

  beforeAll(async () => {
    h = await freshDb(engine);
    t = testApi(h);
    const db = h.db;
    await db.insert(regions).values([
      { code: KAIHUA, name: '开化县', level: 'county' },
      { code: CHANGSHAN, name: '常山县', level: 'county' },
      { code: KECHENG, name: '柯城区', level: 'county' },
    ]);
    await db.insert(sections).values([
      { id: 1, code: 'S1', name: '开化—常山交接断面', lon: 118.4, lat: 29, handover: true },
      { id: 2, code: 'S2', name: '常山—柯城交接断面', lon: 118.6, lat: 28.9, handover: true },
    ]);
    // Every 4 h, 2022-01-01 00:00 … 2026-06-30 20:00 Beijing time. Section 1: CODMn 4 until the
    // end of 2024, 3.4 in 2025, 3.0 in 2026 (Beijing years); NH3-N 0.5 and TP 0.1 throughout;
    // flow 50 m³/s except 34 in 2025. Section 2: the same, but TP only in January 2025.
    await db.execute(sql`
      insert into readings (section_id, time, codmn, nh3n, tp, flow, valid)
      select s, t,
             case when t < '2025-01-01T00:00:00+08:00' then 4
                  when t < '2026-01-01T00:00:00+08:00' then 3.4 else 3.0 end,
             0.5,
             case when s = 2 and t >= '2025-02-01T00:00:00+08:00' and t < '2026-01-01T00:00:00+08:00' then null
                  else 0.1 end,
             case when t >= '2025-01-01T00:00:00+08:00' and t < '2026-01-01T00:00:00+08:00' then 34 else 50 end,
             true
        from generate_series(1, 2) s,
             generate_series('2022-01-01T00:00:00+08:00'::timestamptz, '2026-06-30T20:00:00+08:00'::timestamptz,
                             interval '4 hours') t`);
    // An invalid reading never counts, whatever it says.
    await db.execute(sql`
      insert into readings (section_id, time, codmn, nh3n, tp, flow, valid)
      values (1, '2025-03-01T01:00:00+08:00', 400, 50, 10, 0, false)`);
    await db.insert(compensationAgreements).values([
      {
        name: '开化—常山',
        upstreamCode: KAIHUA,
        downstreamCode: CHANGSHAN,
        sectionId: 1,
        indicators: ['codmn', 'nh3n', 'tp'],
        weights: THIRDS,
        amount: 6_000_000,
        startYear: 2025,
        endYear: 2027,
        minFlow: 42.5,
        waterUseCap: 29_000,
        waterUseEfficiency: true,
      },
      {
        name: '常山—柯城',
        upstreamCode: CHANGSHAN,
        downstreamCode: KECHENG,
        sectionId: 2,
        indicators: ['codmn', 'nh3n', 'tp'],
        weights: THIRDS,
        amount: 5_000_000,
        startYear: 2025,
        endYear: null,
      },
    ]);
    // 开化: 2024 12,000 万m³ / 1,500,000 万元 = 80 m³/万元; 2025 12,000 / 1,600,000 = 75 (falls).
    await db.insert(countyWaterUse).values([
      { countyCode: KAIHUA, year: 2024, totalUse: 12_000, gdp: 1_500_000 },
      { countyCode: KAIHUA, year: 2025, totalUse: 12_000, gdp: 1_600_000 },
    ]);
    await setMeta(db, 'asOf', '2026-06-30');
  });
  afterAll(() => h?.close());

  it('returns the term and its baseline years', async () => {
    const [a, b] = (await get(2025)).agreements;
    expect(a).toMatchObject({ startYear: 2025, endYear: 2027, baselineYears: [2022, 2023, 2024] });
    expect(b).toMatchObject({ startYear: 2025, endYear: null, samplingIntervalHours: 4 });
    expect(a.terms).toEqual({
      minFlow: 42.5,
      flowEffect: 'proportional',
      waterUseCap: 29_000,
      waterUseEfficiency: true,
      waterUseEffect: 'forfeit',
    });
  });

  it('a baseline year, and a year after the term, is not in force: no P, no direction, no amount', async () => {
    for (const year of [2022, 2023, 2024]) {
      const body = await get(year);
      for (const a of body.agreements) {
        expect(a).toMatchObject({ status: 'not_in_force', P: null, direction: null, amount: 0, means: {} });
      }
      expect(body.settlements.every((s: any) => s.net === 0 && s.projectedNet === 0)).toBe(true);
    }
    const after = await get(2028);
    expect(after.agreements[0].status).toBe('not_in_force');
    // The open-ended agreement is in force but has no data yet.
    expect(after.agreements[1].status).toBe('insufficient_data');
  });

  it('settles 2025 from the Beijing-year means, with the flow reduction', async () => {
    const body = await get(2025);
    const a = body.agreements[0];
    // Baseline C0 = (4, 0.5, 0.1); 2025 C = (3.4, 0.5, 0.1): P = 0.85 × (0.85 + 1 + 1) / 3 = 0.8075.
    expect(a.baseline.codmn).toBeCloseTo(4, 6);
    expect(a.means.codmn).toBeCloseTo(3.4, 6);
    expect(a.P).toBeCloseTo(0.8075, 6);
    expect(a.status).toBe('assessed');
    expect(a.direction).toBe('downstream_pays');
    // 365 × 6 = 2,190 readings owed and present for every indicator (the invalid one not counted).
    expect(a.coverageByIndicator).toEqual({ codmn: 1, nh3n: 1, tp: 1 });
    expect(a.coverage).toBe(1);
    // Flow 34 against 42.5 → × 0.8: 4,800,000. Water use passes both conditions.
    expect(a.grossAmount).toBe(6_000_000);
    expect(a.amount).toBe(4_800_000);
    expect(a.conditions).toEqual([
      {
        kind: 'flow',
        outcome: 'fail',
        effect: 'reduced',
        factor: 0.8,
        value: 34,
        limit: 42.5,
        unit: 'm³/s',
        coverage: 1,
      },
      {
        kind: 'water_use_total',
        outcome: 'pass',
        effect: 'none',
        factor: 1,
        value: 12_000,
        limit: 29_000,
        unit: '万m³',
      },
      {
        kind: 'water_use_efficiency',
        outcome: 'pass',
        effect: 'none',
        factor: 1,
        value: 75,
        limit: 80,
        unit: 'm³/万元',
      },
    ]);
    const net = Object.fromEntries(body.settlements.map((s: any) => [s.countyCode, s.net]));
    expect(net).toEqual({ [KAIHUA]: 4_800_000, [CHANGSHAN]: -4_800_000, [KECHENG]: 0 });
  });

  it('a year in which TP was measured only in January is insufficient data', async () => {
    const b = (await get(2025)).agreements[1];
    // TP: 31 × 6 = 186 of 2,190.
    expect(b.coverageByIndicator.tp).toBeCloseTo(186 / 2190, 12);
    expect(b.coverageByIndicator.codmn).toBe(1);
    expect(b.coverage).toBeCloseTo(186 / 2190, 12);
    expect(b).toMatchObject({ status: 'insufficient_data', direction: null, amount: 0 });
  });

  it('the current year is projected, over its elapsed part, and kept out of the settled net', async () => {
    const body = await get(2026);
    const a = body.agreements[0];
    // 1 January … 30 June = 181 days × 6 = 1,086 owed and present (Beijing year: readings at
    // 00:00 and 04:00 on 1 January belong to 2026).
    expect(a.coverageByIndicator).toEqual({ codmn: 1, nh3n: 1, tp: 1 });
    expect(a.status).toBe('projected');
    // C = (3.0, 0.5, 0.1): P = 0.85 × (0.75 + 1 + 1) / 3 = 0.779166…
    expect(a.P).toBeCloseTo(0.7791666667, 6);
    // Flow 50 passes; 2026's water statistics are not out yet: no data, no effect.
    expect(a.conditions.map((c: any) => c.outcome)).toEqual(['pass', 'no_data', 'no_data']);
    expect(a.amount).toBe(6_000_000);
    const kaihua = body.settlements.find((s: any) => s.countyCode === KAIHUA);
    expect(kaihua).toMatchObject({ received: 0, net: 0, projectedReceived: 6_000_000, projectedNet: 6_000_000 });
    const current = await t.json('/api/compensation');
    expect(current.body.year).toBe(2026);
  });

  it('coverage follows the section’s sampling interval', async () => {
    // At 2 h the station owes 4,380 readings in 2025 and delivered 2,190: 50 % → insufficient.
    await change(sql`update sections set sampling_interval_hours = 2 where id = 1`);
    try {
      const a = (await get(2025)).agreements[0];
      expect(a.coverage).toBe(0.5);
      expect(a).toMatchObject({ status: 'insufficient_data', amount: 0, samplingIntervalHours: 2 });
    } finally {
      await change(sql`update sections set sampling_interval_hours = 4 where id = 1`);
    }
  });

  it('a failed water-use condition forfeits the upstream county’s receipt', async () => {
    await change(sql`update county_water_use set total_use = 29001 where county_code = ${KAIHUA} and year = 2025`);
    try {
      const a = (await get(2025)).agreements[0];
      expect(a.conditions[1]).toMatchObject({ outcome: 'fail', effect: 'forfeited', value: 29_001 });
      // 29,001 / 1,600,000 × 10,000 = 181.26 m³/万元 against 80: efficiency fails too.
      expect(a.conditions[2]).toMatchObject({ outcome: 'fail', value: 181.26, limit: 80 });
      expect(a).toMatchObject({ direction: 'downstream_pays', grossAmount: 6_000_000, amount: 0 });
    } finally {
      await change(sql`update county_water_use set total_use = 12000 where county_code = ${KAIHUA} and year = 2025`);
    }
  });
});
