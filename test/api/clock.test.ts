import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../server/db/client';
import { DEFAULT_WATER_QUALITY_RULES, WATER_CLASSES } from '../../server/domain/water-quality';
import { testApi } from '../support/app';
import { engines, freshDb, type TestDb } from '../support/test-db';

// The bureau's clock through the API, with the host in other zones (Node applies a change of
// process.env.TZ at once) and, on PostgreSQL, a database whose own timezone is America/New_York
// (test-db). Each answer must be the same whatever the host or session says.
const HOST_ZONES = ['UTC', 'America/New_York'];
const hostZone = process.env.TZ;
afterAll(() => {
  if (hostZone === undefined) delete process.env.TZ;
  else process.env.TZ = hostZone;
});

// Beijing wall-clock times on the edges: a month end, a year end, 29 February.
const EDGE_TIMES = [
  '2024-02-28T23:59:00+08:00',
  '2024-02-29T00:00:00+08:00',
  '2024-02-29T04:00:00+08:00',
  '2024-02-29T23:59:00+08:00',
  '2024-03-01T00:00:00+08:00',
  '2025-12-31T04:00:00+08:00',
  '2025-12-31T23:59:00+08:00',
  '2026-01-01T00:00:00+08:00',
  '2026-01-01T04:00:00+08:00',
  '2026-01-31T00:00:00+08:00',
  '2026-01-31T04:00:00+08:00',
  '2026-01-31T23:59:00+08:00',
  '2026-02-01T00:00:00+08:00',
];

const limits = DEFAULT_WATER_QUALITY_RULES.limits;
const at = (indicator: 'do' | 'codmn' | 'nh3n' | 'tp', body: 'river' | 'lake', k: number) => limits[indicator][body][k];

async function addSection(h: TestDb, code: string, waterBody: 'river' | 'lake'): Promise<number> {
  const [row] = rowsOf<{ id: number }>(
    await h.db.execute(sql`
      insert into sections (code, name, lon, lat, water_body) values (${code}, ${code}, 118.9, 28.9, ${waterBody})
      returning id`),
  );
  return row.id;
}

describe.each(engines)('the bureau clock and exact limits on %s', (engine) => {
  let h: TestDb;
  let t: ReturnType<typeof testApi>;
  const ids = { edges: 0, river: 0, lake: 0 };

  beforeAll(async () => {
    h = await freshDb(engine);
    t = testApi(h);
    ids.edges = await addSection(h, 'EDGE', 'river');
    // CODMn tells the readings apart: 1, 2, 3, … in time order.
    for (const [i, time] of EDGE_TIMES.entries())
      await h.db.execute(sql`
        insert into readings (section_id, time, codmn, valid, class) values (${ids.edges}, ${time}, ${i + 1}, true, 'I')`);
    // Every reading of year 2019 + k sits exactly on the class-k limit of every indicator, every
    // 4 hours from 00:00 Beijing time: days, months and years are then all class k.
    for (const body of ['river', 'lake'] as const) {
      const id = await addSection(h, `LIMIT-${body}`, body);
      ids[body] = id;
      for (let k = 0; k < 5; k++) {
        const y = 2019 + k;
        await h.db.execute(sql`
          insert into readings (section_id, time, ph, "do", codmn, nh3n, tp, tn, valid)
          select ${id}, t, 7.5, ${at('do', body, k)}, ${at('codmn', body, k)}, ${at('nh3n', body, k)},
                 ${at('tp', body, k)}, ${limits.tn[body][k]}, true
            from generate_series(${`${y}-01-01T00:00:00+08:00`}::timestamptz,
                                 ${`${y}-12-31T20:00:00+08:00`}::timestamptz, interval '4 hours') t`);
      }
    }
  });
  afterAll(() => h?.close());

  const answers = async () => ({
    day: await t.json(`/api/sections/${ids.edges}/readings?interval=day&from=2024-02-28&to=2026-02-01`),
    month: await t.json(`/api/sections/${ids.edges}/readings?interval=month&from=2024-02-01&to=2026-02-28`),
    year: await t.json(`/api/sections/${ids.edges}/readings?interval=year&from=2024-01-01&to=2026-12-31`),
    raw: await t.json(`/api/sections/${ids.edges}/readings?interval=raw&from=2025-12-31&to=2026-01-01`),
    defaults: await t.json(`/api/sections/${ids.edges}/readings?interval=raw`),
    sections: await t.json('/api/sections'),
  });
  const buckets = (body: { points: { time: string; codmn: number | null; count?: number }[] }) =>
    body.points.map((p) => [p.time, p.count, p.codmn]);

  it.each(HOST_ZONES)('buckets readings by Beijing day, month and year with the host in %s', async (zone) => {
    process.env.TZ = zone;
    const a = await answers();
    expect(a.day.status).toBe(200);
    // 00:00 and 04:00 stay on their Beijing day; 23:59 is the day's last minute.
    expect(buckets(a.day.body)).toEqual([
      ['2024-02-28', 1, 1],
      ['2024-02-29', 3, 3],
      ['2024-03-01', 1, 5],
      ['2025-12-31', 2, 6.5],
      ['2026-01-01', 2, 8.5],
      ['2026-01-31', 3, 11],
      ['2026-02-01', 1, 13],
    ]);
    expect(buckets(a.month.body)).toEqual([
      ['2024-02', 4, 2.5],
      ['2024-03', 1, 5],
      ['2025-12', 2, 6.5],
      ['2026-01', 5, 10],
      ['2026-02', 1, 13],
    ]);
    // 1 January 00:00 Beijing time is in the new year (in UTC it is still 31 December).
    expect(buckets(a.year.body)).toEqual([
      ['2024', 5, 3],
      ['2025', 2, 6.5],
      ['2026', 6, 10.5],
    ]);
    // Coverage against the bucket's own length: 29 days in February 2024, 366 in 2024.
    expect(a.month.body.points[0].coverage).toBeCloseTo(4 / (29 * 6), 12);
    expect(a.year.body.points[0].coverage).toBeCloseTo(5 / (366 * 6), 12);
    // Raw instants are ISO 8601 with the bureau offset; from/to are bureau days, inclusive.
    expect(a.raw.body.points.map((p: { time: string }) => p.time)).toEqual([
      '2025-12-31T04:00:00+08:00',
      '2025-12-31T23:59:00+08:00',
      '2026-01-01T00:00:00+08:00',
      '2026-01-01T04:00:00+08:00',
    ]);
    // Without from/to: the 14 days up to the Beijing day of the last reading.
    expect(a.defaults.body).toMatchObject({ from: '2026-01-18', to: '2026-02-01' });
    expect(a.defaults.body.points.at(-1).time).toBe('2026-02-01T00:00:00+08:00');
    const edge = a.sections.body.features.find((f: { id: number }) => f.id === ids.edges);
    expect(edge.properties.latest).toEqual({ time: '2026-02-01T00:00:00+08:00', class: 'I' });
  });

  it('gives the same answers under each host zone and when the session itself is set to another zone', async () => {
    process.env.TZ = HOST_ZONES[0];
    const reference = await answers();
    for (const zone of HOST_ZONES.slice(1)) {
      process.env.TZ = zone;
      expect(await answers()).toEqual(reference);
    }
    // The SQL names the bureau zone itself, so a session on another TimeZone changes nothing.
    // (PGlite is one session; on PostgreSQL this reaches one pooled connection, which is enough
    // to make a wrong query differ on some requests — and it is reset below either way.)
    await h.db.execute(sql`set timezone to 'America/Los_Angeles'`);
    try {
      if (engine === 'pglite') expect(await answers()).toEqual(reference);
    } finally {
      await h.db.execute(sql`set timezone to 'Asia/Shanghai'`);
    }
  });

  describe.each(['river', 'lake'] as const)('values exactly on every %s limit', (body) => {
    it.each(['day', 'month', 'year'] as const)('meet it in %s classes', async (interval) => {
      const { status, body: out } = await t.json(
        `/api/sections/${ids[body]}/readings?interval=${interval}&from=2019-01-01&to=2023-12-31`,
      );
      expect(status).toBe(200);
      const expected = { day: 365 * 5 + 1, month: 60, year: 5 }[interval];
      expect(out.points).toHaveLength(expected);
      for (const p of out.points) {
        const k = Number(p.time.slice(0, 4)) - 2019;
        expect([p.time, p.class]).toEqual([p.time, WATER_CLASSES[k]]);
        // The mean shown is the limit itself, not 0.10000000149 (float4) or 0.1000000000000002.
        expect([p.time, p.tp, p.nh3n, p.codmn, p.do]).toEqual([
          p.time,
          at('tp', body, k),
          at('nh3n', body, k),
          at('codmn', body, k),
          at('do', body, k),
        ]);
        expect(p.coverage).toBe(1);
      }
    });
  });

  it('classes a day from the indicators it has: a missing indicator is skipped, never read as zero', async () => {
    const id = await addSection(h, `GAPS-${engine}`, 'river');
    // 29 February, every 4 h: CODMn on the class II limit, NH3-N on class IV's, no TP or DO at all.
    await h.db.execute(sql`
      insert into readings (section_id, time, codmn, nh3n, tp, "do", valid)
      select ${id}, t, 4, 1.5, null, null, true
        from generate_series('2024-02-29T00:00:00+08:00'::timestamptz, '2024-02-29T20:00:00+08:00'::timestamptz,
                             interval '4 hours') t`);
    const { body } = await t.json(`/api/sections/${id}/readings?interval=day&from=2024-02-29&to=2024-02-29`);
    expect(body.points).toHaveLength(1);
    expect(body.points[0]).toMatchObject({ time: '2024-02-29', class: 'IV', codmn: 4, nh3n: 1.5, tp: null, do: null });
    expect(body.points[0].coverage).toBe(1);
  });

  it('stores and serves a measured value as measured', async () => {
    const { body } = await t.json(`/api/sections/${ids.river}/readings?interval=raw&from=2020-02-29&to=2020-02-29`);
    expect(body.points).toHaveLength(6);
    expect(body.points[0]).toMatchObject({ time: '2020-02-29T00:00:00+08:00', tp: 0.1, nh3n: 0.5, do: 6 });
  });
});

describe('main pollutants through the API', () => {
  it('name pH outside 6–9 (劣V, no multiple)', async () => {
    const h = await freshDb('pglite');
    try {
      const { status, body } = await testApi(h).post('/api/water/classify', {
        waterBody: 'river',
        samples: [{ ph: 5.5 }],
      });
      expect(status).toBe(200);
      expect(body.samples[0]).toMatchObject({
        class: '劣V',
        mainPollutants: [{ indicator: 'ph', class: '劣V', multiple: null }],
      });
    } finally {
      await h.close();
    }
  });
});
