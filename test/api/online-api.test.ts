import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DbHandle, rowsOf } from '../../server/db/client';
import { getDataVersion, setMeta } from '../../server/db/meta';
import { dayOf } from '../../server/domain/dates';
import { SESSION_COOKIE } from '../../server/http/session';
import { createUser, login } from '../../server/services/auth';
import { onlineIngestFor } from '../../server/services/online';
import { testApi } from '../support/app';
import { hourlyPacket, onlineFixture } from '../support/online-fixtures';
import { engines, freshDb } from '../support/test-db';

const PASSWORD = 'Online-monitoring-2026!';

/** 24 hourly COD packets for a Beijing day; `invalid` of them flagged M. */
function day(o: { mn: string; pw: string }, date: string, cod: number, invalid = 0): string {
  let body = '';
  for (let hour = 0; hour < 24; hour++) {
    const t = `${date.replaceAll('-', '')}${String(hour).padStart(2, '0')}0000`;
    body += hourlyPacket(o, t, { w01018: { avg: cod, flag: hour < invalid ? 'M' : 'N' }, w00000: { avg: 12 } });
  }
  return body;
}

describe.each(engines)('online monitoring API (%s)', (engine) => {
  let h: DbHandle;
  let t: ReturnType<typeof testApi>;
  let fx: Awaited<ReturnType<typeof onlineFixture>>;
  const cookies: Record<'admin' | 'analyst', string> = { admin: '', analyst: '' };

  const ingest = async (body: string) => {
    const res = await t.request('/api/online/ingest', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body,
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const as = (role: 'admin' | 'analyst' | 'public', path: string) =>
    t.json(path, role === 'public' ? {} : { headers: { cookie: cookies[role] } });
  const score = async () =>
    rowsOf<{ score: number; colour: string }>(
      await h.db.execute(sql`select score, colour from enterprises where id = ${fx.enterpriseId}`),
    )[0];
  const exceedances = async () =>
    rowsOf<{ day: string; pollutant: string; source: string; mean: number; limit: number }>(
      await h.db.execute(sql`select to_char(day, 'YYYY-MM-DD') as day, pollutant, source, mean, "limit"
                               from online_exceedances order by day`),
    );

  beforeAll(async () => {
    h = await freshDb(engine);
    t = testApi(h);
    fx = await onlineFixture(h.db);
    await setMeta(h.db, 'asOf', '2026-06-30');
    for (const role of ['admin', 'analyst'] as const) {
      await createUser(h.db, { username: `online-${role}`, displayName: role, role, password: PASSWORD });
      const s = await login(h.db, { username: `online-${role}`, password: PASSWORD });
      if (!s.ok) throw new Error('login failed');
      cookies[role] = `${SESSION_COOKIE}=${s.session.id}`;
    }
  });
  afterAll(async () => {
    await onlineIngestFor(h.db).close();
    await h?.close();
  });

  it('lists outlets for signed-in roles, the access password for admins only, counts for the public', async () => {
    const pub = await as('public', '/api/outlets');
    expect(pub).toEqual({ status: 200, body: { total: 1, byMedium: { water: 1, gas: 0 } } });
    const analyst = await as('analyst', `/api/outlets?enterprise=${fx.enterpriseId}&limit=10`);
    expect(analyst.status).toBe(200);
    expect(analyst.body.total).toBe(1);
    expect(analyst.body.items[0]).toMatchObject({
      id: fx.outletId,
      enterpriseId: fx.enterpriseId,
      code: 'DW001',
      mn: fx.mn,
      medium: 'water',
    });
    expect(analyst.body.items[0]).not.toHaveProperty('pw');
    expect(analyst.body.items[0].pollutants[0]).toEqual({
      code: 'w00000',
      name: '废水流量',
      unit: 'm³/h',
      limit: null,
      range: 1000,
      detectionLimit: null,
    });
    const admin = await as('admin', '/api/outlets');
    expect(admin.body.items[0].pw).toBe(fx.pw);
    expect((await as('analyst', '/api/outlets?limit=0')).status).toBe(400);
    expect((await as('analyst', '/api/outlets?enterprise=abc')).status).toBe(400);
  });

  it('takes packets from a gateway; a day whose valid mean exceeds the limit costs the code 5 points', async () => {
    const version = await getDataVersion(h.db);
    const res = await ingest(day(fx, '2026-06-10', 60) + day(fx, '2026-06-11', 80, 5) + day(fx, '2026-06-12', 80, 4));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 72, rejected: 0, discardedBytes: 0 });
    expect(res.body.frames[0].answer).toContain('CN=9014');
    await onlineIngestFor(h.db).flush();
    // 06-11 has only 19 valid hours: no effective daily mean, no exceedance.
    expect(await exceedances()).toEqual([
      { day: '2026-06-10', pollutant: 'w01018', source: 'online', mean: 60, limit: 50 },
      { day: '2026-06-12', pollutant: 'w01018', source: 'online', mean: 80, limit: 50 },
    ]);
    expect(await score()).toEqual({ score: 90, colour: 'green' });
    expect(await getDataVersion(h.db)).toBeGreaterThan(version);
    const [history] = rowsOf<{ score: number; reasons: { rule: string; points: number }[] }>(
      await h.db.execute(sql`select score, reasons from code_assessments where enterprise_id = ${fx.enterpriseId}
                              order by id desc limit 1`),
    );
    expect(history.score).toBe(90);
    expect(history.reasons).toContainEqual(expect.objectContaining({ rule: 'exceedanceDay', points: -10 }));
  });

  it('counts a late day in the past, and takes a day back when corrected data brings its mean under the limit', async () => {
    await ingest(day(fx, '2026-05-01', 55));
    await onlineIngestFor(h.db).flush();
    expect((await exceedances()).map((e) => e.day)).toEqual(['2026-05-01', '2026-06-10', '2026-06-12']);
    expect((await score()).score).toBe(85);

    await ingest(day(fx, '2026-06-10', 40));
    await onlineIngestFor(h.db).flush();
    expect((await exceedances()).map((e) => e.day)).toEqual(['2026-05-01', '2026-06-12']);
    expect((await score()).score).toBe(90);
    const [{ n }] = rowsOf<{ n: number }>(
      await h.db.execute(sql`select count(*)::int as n from online_revisions where kind = 'hour'`),
    );
    expect(n).toBe(24);
  });

  it('re-judges by itself within a minute: a late day, then its correction, reach the code, its history and the data version', async () => {
    // No flush: the pipeline's own timer must do it.
    const latest = async () =>
      rowsOf<{ score: number; n: number }>(
        await h.db.execute(sql`select score, (select count(*)::int from code_assessments where enterprise_id = ${fx.enterpriseId}) as n
                                 from code_assessments where enterprise_id = ${fx.enterpriseId} order by id desc limit 1`),
      )[0];
    const until = async (what: string, check: () => Promise<boolean>) => {
      const started = Date.now();
      while (!(await check())) {
        if (Date.now() - started > 60_000) throw new Error(`not within a minute: ${what}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    const before = await score();
    const history = await latest();
    const version = await getDataVersion(h.db);
    await ingest(day(fx, '2026-03-02', 75));
    await until('late day into the code', async () => (await score()).score === before.score - 5);
    expect(await latest()).toEqual({ score: before.score - 5, n: history.n + 1 });
    expect(await getDataVersion(h.db)).toBeGreaterThan(version);
    expect((await exceedances()).map((e) => e.day)).toContain('2026-03-02');

    const corrected = await getDataVersion(h.db);
    await ingest(day(fx, '2026-03-02', 35));
    await until('correction into the code', async () => (await score()).score === before.score);
    expect(await latest()).toEqual({ score: before.score, n: history.n + 2 });
    expect(await getDataVersion(h.db)).toBeGreaterThan(corrected);
    expect((await exceedances()).map((e) => e.day)).not.toContain('2026-03-02');
  }, 90_000);

  it('counts a live day after the demo’s asOf: the touched code is evaluated as of that day', async () => {
    const yesterday = dayOf(Date.now() - 86_400_000);
    expect(yesterday > '2026-06-30').toBe(true);
    await ingest(day(fx, yesterday, 90));
    await onlineIngestFor(h.db).flush();
    const [last] = rowsOf<{ asOf: string; reasons: { rule: string; points: number }[] }>(
      await h.db.execute(sql`select to_char(as_of, 'YYYY-MM-DD') as "asOf", reasons from code_assessments
                              where enterprise_id = ${fx.enterpriseId} order by id desc limit 1`),
    );
    expect(last.asOf).toBe(yesterday);
    // −5 for each exceedance day of the 12 months up to yesterday, yesterday's included.
    const [{ n }] = rowsOf<{ n: number }>(
      await h.db.execute(sql`select count(*)::int as n from online_exceedances where enterprise_id = ${fx.enterpriseId}
                              and day > (${yesterday}::date - interval '12 months') and day <= ${yesterday}::date`),
    );
    expect((await exceedances()).map((e) => e.day)).toContain(yesterday);
    expect(last.reasons.find((r) => r.rule === 'exceedanceDay')?.points).toBe(-5 * n);
    // Back to the demo's date for the tests that follow.
    await ingest(day(fx, yesterday, 20));
    await onlineIngestFor(h.db).flush();
  });

  it('leaves exceedance days imported from other systems alone', async () => {
    await h.db.execute(
      sql`insert into online_exceedances (enterprise_id, day, pollutant, source) values (${fx.enterpriseId}, '2026-06-12', 'w01018', 'import')`,
    );
    await ingest(day(fx, '2026-06-12', 30));
    await onlineIngestFor(h.db).flush();
    expect(await exceedances()).toEqual([
      { day: '2026-05-01', pollutant: 'w01018', source: 'online', mean: 55, limit: 50 },
      { day: '2026-06-12', pollutant: 'w01018', source: 'import', mean: null, limit: null },
    ]);
  });

  it('serves hourly values and effective daily means with ISO 8601 times in Beijing time', async () => {
    const hours = await as('analyst', `/api/outlets/${fx.outletId}/series?from=2026-06-11&to=2026-06-11&interval=hour`);
    expect(hours.status).toBe(200);
    const cod = hours.body.points.filter((p: { pollutant: string }) => p.pollutant === 'w01018');
    expect(cod).toHaveLength(24);
    expect(cod[0]).toEqual({
      time: '2026-06-11T00:00:00+08:00',
      pollutant: 'w01018',
      value: 80,
      flag: 'M',
      valid: false,
    });
    expect(cod[23]).toEqual({
      time: '2026-06-11T23:00:00+08:00',
      pollutant: 'w01018',
      value: 80,
      flag: 'N',
      valid: true,
    });

    const days = await as('analyst', `/api/outlets/${fx.outletId}/series?from=2026-06-10&to=2026-06-12&interval=day`);
    expect(days.body.interval).toBe('day');
    const codDays = days.body.points.filter((p: { pollutant: string }) => p.pollutant === 'w01018');
    expect(codDays).toEqual([
      { time: '2026-06-10T00:00:00+08:00', pollutant: 'w01018', value: 40, flag: 'N', valid: true, validHours: 24 },
      { time: '2026-06-11T00:00:00+08:00', pollutant: 'w01018', value: 80, flag: 'N', valid: false, validHours: 19 },
      { time: '2026-06-12T00:00:00+08:00', pollutant: 'w01018', value: 30, flag: 'N', valid: true, validHours: 24 },
    ]);
  });

  it('refuses series too long, malformed, for the public, or for an unknown outlet', async () => {
    const tooLong = await as(
      'analyst',
      `/api/outlets/${fx.outletId}/series?from=2026-01-01&to=2026-06-30&interval=hour`,
    );
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.message).toMatch(/92/);
    expect((await as('analyst', `/api/outlets/${fx.outletId}/series?from=2026-02-30&to=2026-03-01`)).status).toBe(400);
    expect((await as('analyst', `/api/outlets/${fx.outletId}/series?from=2026-03-02&to=2026-03-01`)).status).toBe(400);
    expect((await as('analyst', `/api/outlets/${fx.outletId}/series?from=x&to=y`)).status).toBe(400);
    expect((await as('public', `/api/outlets/${fx.outletId}/series?from=2026-06-10&to=2026-06-11`)).status).toBe(401);
    expect((await as('analyst', '/api/outlets/999999/series?from=2026-06-10&to=2026-06-11')).status).toBe(404);
  });

  it('answers a gateway body without packets with 400, and rejects wrong PW per packet without storing', async () => {
    expect((await ingest('hello')).status).toBe(400);
    expect((await ingest('')).status).toBe(400);
    const before = rowsOf<{ n: number }>(await h.db.execute(sql`select count(*)::int as n from online_hourly`))[0].n;
    const res = await ingest(hourlyPacket({ mn: fx.mn, pw: 'wrong' }, '20260613000000', { w01018: { avg: 1 } }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 0, rejected: 1, frames: [{ ok: false, reason: 'wrong_pw' }] });
    await onlineIngestFor(h.db).flush();
    const after = rowsOf<{ n: number }>(await h.db.execute(sql`select count(*)::int as n from online_hourly`))[0].n;
    expect(after).toBe(before);
  });
});
