import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DbHandle, rowsOf } from '../../server/db/client';
import { onlineHourly, onlineMinute } from '../../server/db/schema';
import { beijingMonth, ensurePartitions, listPartitions } from '../../server/services/online/partitions';
import { pruneMinuteValues } from '../../server/services/online/retention';
import { onlineFixture } from '../support/online-fixtures';
import { engines, freshDb } from '../support/test-db';

describe.each(engines)('online value storage (%s)', (engine) => {
  let h: DbHandle;
  let outletId: number;

  beforeAll(async () => {
    h = await freshDb(engine);
    ({ outletId } = await onlineFixture(h.db));
  });
  afterAll(() => h?.close());

  it('puts months on the Beijing calendar', () => {
    expect(beijingMonth('2026-01-31T23:59:59+08:00')).toBe('2026-01');
    expect(beijingMonth('2026-01-31T16:00:00Z')).toBe('2026-02');
    expect(beijingMonth('2024-02-29T23:00:00+08:00')).toBe('2024-02');
  });

  it('partitions hourly values by month, created on demand', async () => {
    const times = ['2026-01-31T23:00:00+08:00', '2026-02-01T00:00:00+08:00', '2026-02-28T23:00:00+08:00'];
    await ensurePartitions(h.db, 'online_hourly', times);
    await ensurePartitions(h.db, 'online_hourly', times); // second call: nothing to do
    expect(await listPartitions(h.db, 'online_hourly')).toEqual(['2026-01', '2026-02']);
    await h.db
      .insert(onlineHourly)
      .values(times.map((time, i) => ({ outletId, pollutant: 'w01018', time, avg: 20 + i, flag: 'N' })));
    const placed = rowsOf<{ part: string; avg: number }>(
      await h.db.execute(sql`select tableoid::regclass::text as part, avg from online_hourly order by time`),
    );
    expect(placed.map((r) => r.part.replaceAll('"', ''))).toEqual([
      'online_hourly_2026_01',
      'online_hourly_2026_02',
      'online_hourly_2026_02',
    ]);
    // A month without a partition is refused loudly rather than stored somewhere else.
    await expect(
      h.db.insert(onlineHourly).values({ outletId, pollutant: 'w01018', time: '2026-05-01T00:00:00+08:00', avg: 1 }),
    ).rejects.toThrow();
  });

  it('keeps one value per outlet, pollutant and hour', async () => {
    await expect(
      h.db.insert(onlineHourly).values({ outletId, pollutant: 'w01018', time: '2026-02-01T00:00:00+08:00', avg: 99 }),
    ).rejects.toThrow();
  });
  it('keeps minute values for the retention period: older months dropped whole, the rest deleted by time', async () => {
    const times = [
      '2026-03-31T23:59:00+08:00',
      '2026-04-15T08:00:00+08:00',
      '2026-05-20T08:00:00+08:00',
      '2026-06-10T08:00:00+08:00',
    ];
    await ensurePartitions(h.db, 'online_minute', times);
    await h.db
      .insert(onlineMinute)
      .values(times.map((time) => ({ outletId, pollutant: 'w01018', kind: 'minute' as const, time, avg: 1 })));
    // 30 days before 2026-06-10 08:00 Beijing is 2026-05-11 08:00: March and April go whole, one May row stays.
    const deleted = await pruneMinuteValues(h.db, 30, Date.parse('2026-06-10T08:00:00+08:00'));
    expect(deleted).toBe(0);
    expect(await listPartitions(h.db, 'online_minute')).toEqual(['2026-05', '2026-06']);
    const left = rowsOf<{ t: string }>(
      await h.db.execute(
        sql`select to_char(time at time zone 'Asia/Shanghai', 'MM-DD') as t from online_minute order by time`,
      ),
    );
    expect(left.map((r) => r.t)).toEqual(['05-20', '06-10']);
    expect(await pruneMinuteValues(h.db, 30, Date.parse('2026-06-25T08:00:00+08:00'))).toBe(1);
    // Hourly values are never pruned.
    expect(await listPartitions(h.db, 'online_hourly')).toEqual(['2026-01', '2026-02']);
  });
});
