import net from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DbHandle, rowsOf } from '../../server/db/client';
import { Hj212Framer, parseDataSegment } from '../../server/domain/hj212';
import { OnlineIngest } from '../../server/services/online/ingest';
import { OutletDirectory } from '../../server/services/online/outlets';
import { type Hj212Receiver, startHj212Receiver } from '../../server/services/online/receiver';
import { hourlyPacket, onlineFixture } from '../support/online-fixtures';
import { engines, freshDb } from '../support/test-db';

const TZ = 'Asia/Shanghai';

/** A logger: connects, writes chunks, collects the platform's answers. */
async function connect(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const framer = new Hj212Framer();
  const answers: string[] = [];
  let closed = false;
  socket.on('data', (d) => {
    for (const ev of framer.push(d)) if (ev.type === 'frame') answers.push(ev.data);
  });
  socket.on('close', () => {
    closed = true;
  });
  socket.on('error', () => {});
  return {
    socket,
    answers,
    isClosed: () => closed,
    write: (s: string | Buffer) => new Promise<void>((r) => socket.write(s, () => r())),
    end: () => socket.destroy(),
  };
}

async function until(cond: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const stop = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > stop) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(engines)('HJ 212 receiver over TCP (%s)', (engine) => {
  let h: DbHandle;
  let ingest: OnlineIngest;
  let receiver: Hj212Receiver;
  let fx: Awaited<ReturnType<typeof onlineFixture>>;
  const logs: string[] = [];

  const count = async (table: string) =>
    Number(rowsOf<{ n: number }>(await h.db.execute(sql.raw(`select count(*)::int as n from ${table}`)))[0].n);

  beforeAll(async () => {
    h = await freshDb(engine);
    fx = await onlineFixture(h.db);
    ingest = new OnlineIngest(h.db, new OutletDirectory(h.db), {
      tz: TZ,
      flushMs: 20,
      codeDelayMs: 50,
      log: (m) => logs.push(m),
    });
    receiver = await startHj212Receiver(ingest, {
      port: 0,
      host: '127.0.0.1',
      maxConnections: 40,
      idleTimeoutMs: 400,
      log: (m) => logs.push(m),
    });
  });
  afterAll(async () => {
    await receiver?.close();
    await ingest?.close();
    await h?.close();
  });

  it('stores an hourly packet that arrives split, and answers CN 9014 with a valid CRC echoing QN', async () => {
    const c = await connect(receiver.port);
    const packet = hourlyPacket(fx, '20260610080000', { w01018: { avg: 21.5 }, w21003: { avg: 0.82, flag: 'M' } });
    const qn = /QN=(\d+)/.exec(packet)?.[1];
    for (let i = 0; i < packet.length; i += 7) await c.write(packet.slice(i, i + 7));
    await until(() => c.answers.length === 1);
    const answer = parseDataSegment(c.answers[0]);
    expect(answer).toMatchObject({ qn, st: '91', cn: '9014', mn: fx.mn, pw: fx.pw, flag: 4 });
    const rows = rowsOf<{ pollutant: string; avg: number; flag: string; t: string }>(
      await h.db.execute(sql`select pollutant, avg, flag, to_char(time at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as t
                               from online_hourly order by pollutant`),
    );
    expect(rows).toEqual([
      { pollutant: 'w01018', avg: 21.5, flag: 'N', t: '2026-06-10 08:00' },
      { pollutant: 'w21003', avg: 0.82, flag: 'M', t: '2026-06-10 08:00' },
    ]);
    c.end();
  });

  it('stores nothing new for a resent packet and keeps the old value of a corrected one', async () => {
    const c = await connect(receiver.port);
    const before = await count('online_hourly');
    await c.write(hourlyPacket(fx, '20260610080000', { w01018: { avg: 21.5 }, w21003: { avg: 0.82, flag: 'M' } }));
    await until(() => c.answers.length === 1);
    expect(await count('online_hourly')).toBe(before);
    expect(await count('online_revisions')).toBe(0);

    // Two packets glued in one write: a correction of COD, and the next hour.
    await c.write(
      hourlyPacket(fx, '20260610080000', { w01018: { avg: 23.0 }, w21003: { avg: 0.82, flag: 'M' } }) +
        hourlyPacket(fx, '20260610090000', { w01018: { avg: 19.0 } }),
    );
    await until(() => c.answers.length === 3);
    expect(await count('online_hourly')).toBe(before + 1);
    const revisions = rowsOf<{ pollutant: string; kind: string; old: { avg: number }; new: { avg: number } }>(
      await h.db.execute(sql`select pollutant, kind, old, new from online_revisions`),
    );
    expect(revisions).toHaveLength(1);
    expect(revisions[0]).toMatchObject({ pollutant: 'w01018', kind: 'hour', old: { avg: 21.5 }, new: { avg: 23 } });
    const [cod] = rowsOf<{ avg: number }>(
      await h.db.execute(
        sql`select avg from online_hourly where pollutant = 'w01018' and time = '2026-06-10T08:00:00+08:00'`,
      ),
    );
    expect(cod.avg).toBe(23);
    c.end();
  });

  it('drops unknown MN, wrong PW and bad CRC without an answer and without storing', async () => {
    const c = await connect(receiver.port);
    const before = await count('online_hourly');
    const rejected = { ...ingest.stats.rejected };
    await c.write(hourlyPacket({ mn: 'NOSUCHMN', pw: fx.pw }, '20260611080000', { w01018: { avg: 1 } }));
    await c.write(hourlyPacket({ mn: fx.mn, pw: '999999' }, '20260611080000', { w01018: { avg: 1 } }));
    await c.write(hourlyPacket(fx, '20260611080000', { w01018: { avg: 1 } }).replace('Avg=1', 'Avg=7'));
    // A good packet after the bad ones still goes through on the same connection.
    await c.write(hourlyPacket(fx, '20260611090000', { w01018: { avg: 2 } }));
    await until(() => c.answers.length === 1);
    expect(c.answers[0]).toContain('CN=9014');
    expect(await count('online_hourly')).toBe(before + 1);
    expect(ingest.stats.rejected.unknown_mn - rejected.unknown_mn).toBe(1);
    expect(ingest.stats.rejected.wrong_pw - rejected.wrong_pw).toBe(1);
    expect(logs.some((l) => l.includes('bad_crc'))).toBe(true);
    c.end();
  });

  it('does not answer when the Flag asks for no answer', async () => {
    const c = await connect(receiver.port);
    await c.write(hourlyPacket(fx, '20260611100000', { w01018: { avg: 3 } }, 4));
    await c.write(hourlyPacket(fx, '20260611110000', { w01018: { avg: 3 } }, 5));
    await until(() => c.answers.length === 1);
    expect(c.answers[0]).toContain('QN=20260611110000');
    c.end();
  });

  it('closes a client that never completes a packet, holding at most one packet of bytes', async () => {
    const c = await connect(receiver.port);
    await c.write('##0500QN=20260611080000000;ST=32;CN=2061;');
    for (let i = 0; i < 10 && !c.isClosed(); i++) {
      await c.write('x'.repeat(20));
      await new Promise((r) => setTimeout(r, 60));
    }
    await until(() => c.isClosed(), 3000);
    expect(receiver.stats.closedIdle).toBeGreaterThanOrEqual(1);
  });

  it('bounds idle connections and serves a logger again once they time out', async () => {
    const seen = receiver.stats.accepted + receiver.stats.refused;
    const idle = await Promise.all(Array.from({ length: 100 }, () => connect(receiver.port).catch(() => null)));
    await until(() => receiver.stats.accepted + receiver.stats.refused >= seen + 100);
    expect(receiver.stats.peakConnections).toBeLessThanOrEqual(40);
    expect(receiver.stats.refused).toBeGreaterThan(0);
    await until(() => receiver.stats.connections === 0, 5000);
    for (const c of idle) c?.end();
    const c = await connect(receiver.port);
    await c.write(hourlyPacket(fx, '20260611120000', { w01018: { avg: 4 } }));
    await until(() => c.answers.length === 1);
    c.end();
  });
});
