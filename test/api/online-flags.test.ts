import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../server/db/client';
import { getDataVersion, setMeta } from '../../server/db/meta';
import {
  enterprises,
  industries,
  inspectionPlans,
  onlineFlags,
  onlineHourly,
  outletPollutants,
  outlets,
  regions,
} from '../../server/db/schema';
import { HOUR_MS } from '../../server/domain/online-integrity';
import { SESSION_COOKIE } from '../../server/http/session';
import { createUser, login } from '../../server/services/auth';
import { drawInspectionPlan } from '../../server/services/codes';
import { onlineIngestFor } from '../../server/services/online';
import {
  flagCounts,
  flaggedEnterprises,
  listFlags,
  refreshAllFlags,
  refreshOutletFlags,
} from '../../server/services/online/flags';
import { ensurePartitions } from '../../server/services/online/partitions';
import { testApi } from '../support/app';
import { hourlyPacket, onlineFixture } from '../support/online-fixtures';
import { engines, freshDb } from '../support/test-db';

const TZ = 'Asia/Shanghai';
const T0 = Date.parse('2026-03-01T00:00:00+08:00');

describe.each(engines)('online integrity flags in the database (%s)', (engine) => {
  let h: DbHandle;
  let outletId: number;
  let enterpriseId: number;

  /** COD hour i from T0: noise, or the given value; flow steady. */
  async function load(hours: number[], cod: (i: number) => number | null) {
    const rows = hours.flatMap((i) => {
      const time = new Date(T0 + i * HOUR_MS).toISOString();
      const v = cod(i);
      return [
        ...(v == null ? [] : [{ outletId, pollutant: 'w01018', time, avg: v, flag: 'N' }]),
        { outletId, pollutant: 'w00000', time, avg: 12.5 + (i % 7), flag: 'N' },
      ];
    });
    await ensurePartitions(
      h.db,
      'online_hourly',
      rows.map((r) => r.time),
    );
    for (let i = 0; i < rows.length; i += 1000) {
      await h.db
        .insert(onlineHourly)
        .values(rows.slice(i, i + 1000))
        .onConflictDoUpdate({
          target: [onlineHourly.outletId, onlineHourly.pollutant, onlineHourly.time],
          set: { avg: sql`excluded.avg` },
        });
    }
  }
  const noise = (i: number) => (i % 2 ? 80 : 20);
  const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);

  beforeAll(async () => {
    h = await freshDb(engine);
    await h.db.insert(regions).values({ code: '330802', name: '柯城区', level: 'county' });
    await h.db.insert(industries).values({ code: 'C26', name: '化学原料和化学制品制造业' });
    [{ id: enterpriseId }] = await h.db
      .insert(enterprises)
      .values({
        uscc: '91330802MA2XXXXX0X',
        name: '衢州测试化工有限公司',
        address: '柯城区',
        lon: 118.87,
        lat: 28.97,
        h3: '8941c1a4c03ffff',
        countyCode: '330802',
        industryCode: 'C26',
      })
      .returning({ id: enterprises.id });
    [{ id: outletId }] = await h.db
      .insert(outlets)
      .values({ enterpriseId, code: 'DW001', mn: 'MN0001', pw: '123456', medium: 'water' })
      .returning({ id: outlets.id });
    await h.db.insert(outletPollutants).values([
      { outletId, code: 'w01018', name: 'COD', unit: 'mg/L', limit: 100, range: 500, detectionLimit: 4 },
      { outletId, code: 'w00000', name: '流量', unit: 'm3/h', limit: null, range: 1000, detectionLimit: null },
    ]);
  });
  afterAll(() => h?.close());

  it('finds a constant run over stored data, with its evidence and rules version, in ISO time', async () => {
    // Hours 0–99 noise except 30–59: 30 hours of 37.2; hours 70–80 missing COD (11 h, no gap).
    await load(range(0, 100), (i) => (i >= 70 && i <= 80 ? null : i >= 30 && i < 60 ? 37.2 : noise(i)));
    expect(await refreshAllFlags(h.db, { tz: TZ })).toEqual({ outlets: 1, flags: 1 });
    const { items, total } = await listFlags(h.db, { tz: TZ, limit: 10 });
    expect(total).toBe(1);
    expect(items[0]).toMatchObject({
      outletId,
      enterpriseId,
      enterpriseName: '衢州测试化工有限公司',
      outletCode: 'DW001',
      pollutant: 'w01018',
      kind: 'constant',
      from: '2026-03-02T06:00:00+08:00',
      to: '2026-03-03T12:00:00+08:00',
      rulesVersion: 'online-integrity.v1',
    });
    expect(items[0].evidence).toMatchObject({ hours: 30, value: 37.2 });
  });

  it('extends the same flag when more of the run arrives, instead of adding a second one', async () => {
    // Hours 100–130: the constant value again after hour 99 was noise → a new run 100–130 (31 h).
    // Then rewrite hours 60–99 as 37.2 too: one run 30–130, keyed by its unchanged start.
    await load(range(100, 131), () => 37.2);
    await refreshOutletFlags(h.db, outletId, T0 + 100 * HOUR_MS, { tz: TZ });
    let { items } = await listFlags(h.db, { tz: TZ, kind: 'constant', limit: 10 });
    expect(items.map((f) => [f.from, f.to])).toEqual([
      ['2026-03-05T04:00:00+08:00', '2026-03-06T11:00:00+08:00'],
      ['2026-03-02T06:00:00+08:00', '2026-03-03T12:00:00+08:00'],
    ]);
    await load(range(60, 100), () => 37.2);
    await refreshOutletFlags(h.db, outletId, T0 + 60 * HOUR_MS, { tz: TZ });
    ({ items } = await listFlags(h.db, { tz: TZ, kind: 'constant', limit: 10 }));
    // Hours 60–99 (the missing 70–80 included) now carry the value: one run 30–130, still keyed
    // by its start; the flag that started at hour 100 is gone.
    expect(items.map((f) => [f.from, f.to])).toEqual([['2026-03-02T06:00:00+08:00', '2026-03-06T11:00:00+08:00']]);
    // Recomputing everything gives the same rows.
    await refreshAllFlags(h.db, { tz: TZ });
    const again = await listFlags(h.db, { tz: TZ, kind: 'constant', limit: 10 });
    expect(again.items.map((f) => [f.from, f.to])).toEqual(items.map((f) => [f.from, f.to]));
  });

  it('filters by outlet, enterprise, kind and time; counts and flagged enterprises for open flags', async () => {
    expect((await listFlags(h.db, { tz: TZ, enterprise: enterpriseId + 1, limit: 10 })).total).toBe(0);
    expect((await listFlags(h.db, { tz: TZ, outlet: outletId, kind: 'gap', limit: 10 })).total).toBe(0);
    // Overlap with [from, to]: the span ends at 2026-03-06T11:00 (exclusive).
    expect((await listFlags(h.db, { tz: TZ, from: '2026-03-06T10:00:00+08:00', limit: 10 })).total).toBe(1);
    expect((await listFlags(h.db, { tz: TZ, from: '2026-03-06T11:00:00+08:00', limit: 10 })).total).toBe(0);
    expect((await listFlags(h.db, { tz: TZ, to: '2026-03-02T05:00:00+08:00', limit: 10 })).total).toBe(0);
    const since = '2026-03-04T00:00:00+08:00';
    expect(await flaggedEnterprises(h.db, since)).toEqual([{ id: enterpriseId, kinds: ['constant'] }]);
    expect(await flagCounts(h.db, since)).toMatchObject({ total: 1, enterprises: 1, byKind: { constant: 1, gap: 0 } });
    expect(await flaggedEnterprises(h.db, '2026-04-01T00:00:00+08:00')).toEqual([]);
  });

  it('serves flags to staff and counts only to the public; bad filters get a 400', async () => {
    const t = testApi(h);
    await createUser(h.db, {
      username: 'analyst1',
      displayName: '分析员',
      role: 'analyst',
      password: 'flags-test-pass-1',
    });
    const session = await login(h.db, { username: 'analyst1', password: 'flags-test-pass-1' });
    if (!session.ok) throw new Error('login failed');
    const cookie = `${SESSION_COOKIE}=${session.session.id}`;
    // Open flags: span ended within 30 days of the end of the data date.
    await setMeta(h.db, 'asOf', '2026-03-20');
    const staff = await t.json(`/api/online/flags?enterprise=${enterpriseId}&kind=constant&from=2026-03-06`, {
      headers: { cookie },
    });
    expect(staff.status).toBe(200);
    expect(staff.body.total).toBe(1);
    expect(staff.body.items[0]).toMatchObject({
      kind: 'constant',
      from: '2026-03-02T06:00:00+08:00',
      outletId,
      enterpriseId,
    });
    expect(staff.body.open).toMatchObject({ total: 1, enterprises: 1, since: '2026-02-19T00:00:00+08:00' });
    // The day bound `to` covers the whole day: 2026-03-01 ends before the span starts.
    expect((await t.json('/api/online/flags?to=2026-03-01', { headers: { cookie } })).body.total).toBe(0);
    expect((await t.json('/api/online/flags?to=2026-03-02', { headers: { cookie } })).body.total).toBe(1);
    const ids = await t.json('/api/online/flags/enterprises', { headers: { cookie } });
    expect(ids.body.items).toEqual([{ id: enterpriseId, kinds: ['constant'] }]);

    const pub = await t.json('/api/online/flags');
    expect(pub.status).toBe(200);
    expect(pub.body).toEqual({
      open: {
        total: 1,
        enterprises: 1,
        byKind: { constant: 1, narrow_band: 0, detection_limit: 0, parked_under_limit: 0, gap: 0, zero_flow: 0 },
        since: '2026-02-19T00:00:00+08:00',
      },
    });
    expect((await t.json('/api/online/flags/enterprises')).status).toBe(401);
    // The double-random plan takes the flagged enterprise whatever its colour, with the reason.
    const plan = await drawInspectionPlan(h.db, { period: '2026Q1', yellowRate: 0, seed: 1, createdBy: null });
    expect(plan.flagged).toEqual([
      {
        id: enterpriseId,
        kinds: ['constant'],
        name: expect.any(String),
        uscc: expect.any(String),
        colour: 'green',
      },
    ]);
    const [stored] = await h.db.select().from(inspectionPlans).where(eq(inspectionPlans.id, plan.planId));
    expect(stored.flagged).toEqual([{ id: enterpriseId, kinds: ['constant'] }]);
    await setMeta(h.db, 'asOf', '2026-04-20');
    expect((await t.json('/api/online/flags')).body.open.total).toBe(0);

    for (const bad of [
      'kind=bogus',
      'from=2026-02-30',
      'outlet=-1',
      'limit=0',
      "enterprise=1'%20or%201=1",
      'to=yesterday',
    ]) {
      const res = await t.json(`/api/online/flags?${bad}`, { headers: { cookie } });
      expect(res.status, bad).toBe(400);
      expect(res.body.error.code).toBe('invalid_input');
    }
  });

  it('removes an outlet’s flags when its data is gone', async () => {
    await h.db.delete(onlineHourly);
    await refreshOutletFlags(h.db, outletId, T0, { tz: TZ });
    expect(await h.db.select().from(onlineFlags)).toEqual([]);
  });
});

describe.each(engines)('flags follow data as it arrives (%s)', (engine) => {
  let h: DbHandle;
  let fx: Awaited<ReturnType<typeof onlineFixture>>;
  /** Hourly packets from hour `a` to `b` (exclusive) after 2026-06-01 00:00 Beijing, COD from `cod`. */
  const packets = (a: number, b: number, cod: (i: number) => number) => {
    let body = '';
    for (let i = a; i < b; i++) {
      const t = new Date(Date.parse('2026-06-01T00:00:00+08:00') + i * HOUR_MS + 8 * HOUR_MS);
      const stamp = t.toISOString().replace(/\D/g, '').slice(0, 14);
      body += hourlyPacket(fx, stamp, { w01018: { avg: cod(i) }, w00000: { avg: 12 + (i % 5) } });
    }
    return body;
  };
  const ingest = async (body: string) => {
    const res = await testApi(h).request('/api/online/ingest', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body,
    });
    expect(res.status).toBe(200);
    await onlineIngestFor(h.db).flush();
  };
  const constantFlags = async () =>
    (await listFlags(h.db, { tz: TZ, kind: 'constant', limit: 10 })).items.map((f) => [f.from, f.to, f.evidence.hours]);

  beforeAll(async () => {
    h = await freshDb(engine);
    fx = await onlineFixture(h.db);
    await setMeta(h.db, 'asOf', '2026-06-30');
  });
  afterAll(() => h?.close());

  it('a run grows past 24 hours over two deliveries: one flag, extended, data version bumped', async () => {
    await ingest(packets(0, 10, (i) => (i % 2 ? 30 : 20)) + packets(10, 30, () => 25.5));
    expect(await constantFlags()).toEqual([]);
    const version = await getDataVersion(h.db);
    await ingest(packets(30, 34, () => 25.5));
    expect(await constantFlags()).toEqual([['2026-06-01T10:00:00+08:00', '2026-06-02T10:00:00+08:00', 24]]);
    expect(await getDataVersion(h.db)).toBeGreaterThan(version);
    await ingest(packets(34, 40, () => 25.5) + packets(40, 42, () => 31));
    expect(await constantFlags()).toEqual([['2026-06-01T10:00:00+08:00', '2026-06-02T16:00:00+08:00', 30]]);
    // A corrected packet breaks the run at hour 20: 10–19 is too short, 21–39 too.
    await ingest(packets(20, 21, () => 26));
    expect(await constantFlags()).toEqual([]);
  });
});
