import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DbHandle, rowsOf } from '../../server/db/client';
import { setMeta } from '../../server/db/meta';
import { runImport } from '../../server/services/import';
import { onlineFixture } from '../support/online-fixtures';
import { engines, freshDb } from '../support/test-db';

const csv = (text: string) => new TextEncoder().encode(text);

describe.each(engines)('outlet and online-value imports (%s)', (engine) => {
  let h: DbHandle;
  let fx: Awaited<ReturnType<typeof onlineFixture>>;
  let uscc: string;
  const q = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await h.db.execute(query));

  beforeAll(async () => {
    h = await freshDb(engine);
    fx = await onlineFixture(h.db);
    await setMeta(h.db, 'asOf', '2026-06-30');
    [{ uscc }] = await q<{ uscc: string }>(sql`select uscc from enterprises where id = ${fx.enterpriseId}`);
  });
  afterAll(() => h?.close());

  it('imports outlets with their pollutants, all-or-nothing, and re-importing changes nothing', async () => {
    const file = [
      '统一社会信用代码,排放口编号,排放口名称,数采仪MN,访问密码,类型,污染物编码,许可排放限值,仪器量程,检出限',
      `${uscc},DA001,锅炉排口,QZGAS0001,654321,废气,a21026,200,1000,3`,
      `${uscc},DA001,锅炉排口,QZGAS0001,654321,废气,a34013,30,200,1`,
    ].join('\n');
    const first = await runImport(h.db, { kind: 'outlets', fileName: 'o.csv', data: csv(file) });
    expect(first).toMatchObject({ committed: true, accepted: 2, rejected: 0, inserted: 2 });
    const rows = await q<{ code: string; medium: string; name: string; unit: string; limit: number }>(
      sql`select o.code, o.medium, p.name, p.unit, p."limit" from outlets o join outlet_pollutants p on p.outlet_id = o.id
           where o.mn = 'QZGAS0001' order by p.code`,
    );
    expect(rows).toEqual([
      { code: 'DA001', medium: 'gas', name: '二氧化硫', unit: 'mg/m³', limit: 200 },
      { code: 'DA001', medium: 'gas', name: '颗粒物', unit: 'mg/m³', limit: 30 },
    ]);
    const again = await runImport(h.db, { kind: 'outlets', fileName: 'o.csv', data: csv(file) });
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });

    const bad = [
      '统一社会信用代码,排放口编号,数采仪MN,访问密码,类型,污染物编码',
      `${uscc},DA002,QZGAS0002,654321,废气,SO2`,
      `${uscc},DA002,QZGAS0002,654321,烟气,a21002`,
    ].join('\n');
    const rejected = await runImport(h.db, { kind: 'outlets', fileName: 'bad.csv', data: csv(bad) });
    expect(rejected).toMatchObject({ committed: false, rejected: 2 });
    expect(rejected.errors.map((e) => e.column)).toEqual(['污染物编码', '类型']);
    expect(await q(sql`select 1 from outlets where mn = 'QZGAS0002'`)).toEqual([]);
  });

  it('imports hourly history like packets: exceedance days and the code follow, corrections are audited', async () => {
    const lines = ['数采仪MN,数据时间,数据类型,污染物编码,均值,数据标记'];
    for (let hour = 0; hour < 24; hour++) {
      lines.push(`${fx.mn},2026-06-01 ${String(hour).padStart(2, '0')}:00,小时,w01018,70,N`);
    }
    const result = await runImport(h.db, { kind: 'online', fileName: 'history.csv', data: csv(lines.join('\n')) });
    expect(result).toMatchObject({ committed: true, accepted: 24, inserted: 24 });
    expect(await q(sql`select to_char(day, 'YYYY-MM-DD') as day, source from online_exceedances`)).toEqual([
      { day: '2026-06-01', source: 'online' },
    ]);
    expect(await q(sql`select score from enterprises where id = ${fx.enterpriseId}`)).toEqual([{ score: 95 }]);

    const corrected = lines.map((l) => l.replace(',70,', ',20,'));
    const dry = await runImport(h.db, {
      kind: 'online',
      fileName: 'fix.csv',
      data: csv(corrected.join('\n')),
      dryRun: true,
    });
    expect(dry).toMatchObject({ committed: false, updated: 24 });
    expect(await q(sql`select count(*)::int as n from online_revisions`)).toEqual([{ n: 0 }]);
    const fix = await runImport(h.db, { kind: 'online', fileName: 'fix.csv', data: csv(corrected.join('\n')) });
    expect(fix).toMatchObject({ committed: true, updated: 24 });
    expect(await q(sql`select count(*)::int as n from online_revisions`)).toEqual([{ n: 24 }]);
    expect(await q(sql`select 1 from online_exceedances`)).toEqual([]);
    expect(await q(sql`select score from enterprises where id = ${fx.enterpriseId}`)).toEqual([{ score: 100 }]);
  });

  it('re-judges an outlet’s stored days when an outlet import changes its permit limit: code and history follow', async () => {
    const lines = ['数采仪MN,数据时间,数据类型,污染物编码,均值,数据标记'];
    for (let hour = 0; hour < 24; hour++) {
      lines.push(`${fx.mn},2026-06-03 ${String(hour).padStart(2, '0')}:00,小时,w01018,40,N`);
      lines.push(`${fx.mn},2026-06-04 ${String(hour).padStart(2, '0')}:00,小时,w01018,45,N`);
    }
    await runImport(h.db, { kind: 'online', fileName: 'june.csv', data: csv(lines.join('\n')) });
    const state = async () => ({
      days: (
        await q<{ day: string }>(sql`select to_char(day, 'YYYY-MM-DD') as day from online_exceedances order by day`)
      ).map((r) => r.day),
      score: (await q<{ score: number }>(sql`select score from enterprises where id = ${fx.enterpriseId}`))[0].score,
      history: (
        await q<{ score: number }>(
          sql`select score from code_assessments where enterprise_id = ${fx.enterpriseId} order by id desc limit 1`,
        )
      )[0]?.score,
    });
    expect(await state()).toMatchObject({ days: [], score: 100 });
    const outlet = (limit: number) =>
      csv(
        [
          '统一社会信用代码,排放口编号,排放口名称,数采仪MN,访问密码,类型,污染物编码,许可排放限值,仪器量程,检出限',
          `${uscc},DW001,总排口,${fx.mn},${fx.pw},废水,w01018,${limit},500,4`,
        ].join('\n'),
      );
    // A tighter permit: both days now exceed it (−5 each), written to the history as well.
    const tighter = await runImport(h.db, { kind: 'outlets', fileName: 'permit.csv', data: outlet(42) });
    expect(tighter).toMatchObject({ committed: true, updated: 1 });
    expect(await state()).toEqual({ days: ['2026-06-04'], score: 95, history: 95 });
    const tightest = await runImport(h.db, { kind: 'outlets', fileName: 'permit.csv', data: outlet(30) });
    expect(tightest).toMatchObject({ committed: true, updated: 1 });
    expect(await state()).toEqual({ days: ['2026-06-03', '2026-06-04'], score: 90, history: 90 });
    // Back to the old limit: the days go, and so do their points.
    await runImport(h.db, { kind: 'outlets', fileName: 'permit.csv', data: outlet(50) });
    expect(await state()).toEqual({ days: [], score: 100, history: 100 });
  });

  it('refuses unknown MNs, times off the hour, unknown flags and rows without a value', async () => {
    const file = [
      '数采仪MN,数据时间,污染物编码,均值,数据标记',
      'NOSUCH,2026-06-02 00:00,w01018,1,N',
      `${fx.mn},2026-06-02 00:30,w01018,1,N`,
      `${fx.mn},2026-06-02 01:00,w01018,1,X`,
      `${fx.mn},2026-06-02 02:00,w01018,,N`,
    ].join('\n');
    const r = await runImport(h.db, { kind: 'online', fileName: 'bad.csv', data: csv(file) });
    expect(r).toMatchObject({ committed: false, rejected: 4 });
  });
});
