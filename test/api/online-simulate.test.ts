import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFleet } from '../../server/cli/online-simulate';
import { type DbHandle, rowsOf } from '../../server/db/client';
import { outletPollutants, outlets } from '../../server/db/schema';
import { HOUR_MS } from '../../server/domain/online-integrity';
import { OnlineIngest } from '../../server/services/online/ingest';
import { OutletDirectory } from '../../server/services/online/outlets';
import { type Hj212Receiver, startHj212Receiver } from '../../server/services/online/receiver';
import { onlineFixture } from '../support/online-fixtures';
import { engines, freshDb } from '../support/test-db';

describe.each(engines)('online:simulate against the receiver (%s)', (engine) => {
  let h: DbHandle;
  let ingest: OnlineIngest;
  let receiver: Hj212Receiver;
  const devices: Parameters<typeof runFleet>[0]['devices'] = [];

  beforeAll(async () => {
    h = await freshDb(engine);
    for (let i = 1; i <= 3; i++) {
      const mn = `QZSIM${String(i).padStart(19, '0')}`;
      const fx = await onlineFixture(h.db, mn, `pw${i}`);
      const [o] = await h.db.select().from(outlets).where(sql`${outlets.id} = ${fx.outletId}`);
      const pols = await h.db.select().from(outletPollutants).where(sql`${outletPollutants.outletId} = ${o.id}`);
      devices.push({ mn, pw: `pw${i}`, outlet: { id: o.id, medium: o.medium, pollutants: pols } });
    }
    ingest = new OnlineIngest(h.db, new OutletDirectory(h.db), { tz: 'Asia/Shanghai', flushMs: 20, codeDelayMs: 50 });
    receiver = await startHj212Receiver(ingest, { port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await receiver?.close();
    await ingest?.close();
    await h?.close();
  });

  it('each device streams hourly packets with its MN/PW; every one is answered and stored once', async () => {
    const fromHour = Math.floor(Date.now() / HOUR_MS) * HOUR_MS - 20 * HOUR_MS;
    const result = await runFleet({
      host: '127.0.0.1',
      port: receiver.port,
      devices,
      rate: 0,
      window: 4,
      cn: '2061',
      durationMs: 30_000,
      fromHour,
      seed: 7,
    });
    // 20 past hours per device (the current hour is not over yet).
    expect(result).toMatchObject({ sent: 60, answered: 60, errors: 0, values: 180 });
    expect(result.answerSamples[0]).toMatch(/^QN=\d{17};ST=91;CN=9014;PW=pw\d;MN=QZSIM\d+;Flag=4;CP=&&&&$/);
    await ingest.flush();
    const [{ n }] = rowsOf<{ n: number }>(await h.db.execute(sql`select count(*)::int as n from online_hourly`));
    expect(n).toBe(180);
  }, 60_000);

  it('a wrong PW gets no answer and stores nothing', async () => {
    const bad = [{ ...devices[0], pw: 'nope' }];
    const result = await runFleet({
      host: '127.0.0.1',
      port: receiver.port,
      devices: bad,
      rate: 50,
      window: 1,
      cn: '2011',
      durationMs: 1_000,
      fromHour: 0,
      seed: 7,
    });
    expect(result.sent).toBe(1);
    expect(result.answered).toBe(0);
    await ingest.flush();
    const [{ n }] = rowsOf<{ n: number }>(await h.db.execute(sql`select count(*)::int as n from online_minute`));
    expect(n).toBe(0);
  }, 30_000);
});
