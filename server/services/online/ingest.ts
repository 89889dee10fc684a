// The way in for HJ 212 data, whatever carried it (TCP receiver, HTTP gateway, CSV import):
// check a data segment against the outlets, queue its values, write them in batches, and after
// the data settles re-derive exceedance days and the codes they feed.

import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client';
import { bureauBucket } from '../../db/clock';
import { bumpDataVersion } from '../../db/meta';
import { today } from '../../domain/dates';
import {
  buildDataAnswer,
  type DataSegment,
  Hj212ParseError,
  parseDataSegment,
  UPLOAD_COMMANDS,
  uploadValues,
  wantsAnswer,
} from '../../domain/hj212';
import { dataAsOf } from '../as-of';
import { reassessEnterprises } from '../codes';
import { refreshExceedances } from './exceedances';
import { refreshFlagsForDays } from './flags';
import type { OutletDirectory } from './outlets';
import { storeValues, type ValueRow } from './store';

export type FrameOutcome =
  | { ok: true; mn: string; cn: string; values: number; answer: string | null }
  | { ok: false; reason: RejectReason; message: string; mn?: string };

export type RejectReason = 'malformed' | 'unknown_mn' | 'wrong_pw' | 'overloaded';

export type IngestStats = {
  frames: number;
  values: number;
  rejected: Record<RejectReason, number>;
  batches: number;
  inserted: number;
  updated: number;
  unchanged: number;
  codeRuns: number;
};

export type IngestOptions = {
  /** Bureau time zone for calendar days. */
  tz: string;
  /** Values per write; a batch is written when this many are waiting or after `flushMs`. */
  batchValues?: number;
  flushMs?: number;
  /** Values waiting beyond this are refused (the logger resends: it gets no answer). */
  maxPendingValues?: number;
  /** Exceedance days and codes are re-derived this long after the last data for them arrived. */
  codeDelayMs?: number;
  log?: (message: string) => void;
};

type Pending = { rows: ValueRow[]; done: () => void; fail: (e: unknown) => void };

export class OnlineIngest {
  readonly stats: IngestStats = {
    frames: 0,
    values: 0,
    rejected: { malformed: 0, unknown_mn: 0, wrong_pw: 0, overloaded: 0 },
    batches: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    codeRuns: 0,
  };
  private queue: Pending[] = [];
  private queued = 0;
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> | null = null;
  private readonly codes: DirtyDays;
  private readonly flags: DirtyDays;
  private closed = false;
  private readonly opt: Required<Omit<IngestOptions, 'log'>> & { log: (m: string) => void };

  constructor(
    private readonly db: Db,
    readonly directory: OutletDirectory,
    options: IngestOptions,
  ) {
    this.opt = {
      batchValues: 5_000,
      flushMs: 100,
      maxPendingValues: 200_000,
      codeDelayMs: 5_000,
      log: (m) => console.warn(m),
      ...options,
    };
    const { tz, codeDelayMs, log } = this.opt;
    this.codes = new DirtyDays(
      codeDelayMs,
      async (days) => {
        await updateCodesFor(this.db, days, tz);
        this.stats.codeRuns++;
      },
      (e) => log(`[hj212] exceedance/code update failed, will retry: ${(e as Error).message}`),
    );
    this.flags = new DirtyDays(
      codeDelayMs,
      async (days) => {
        if ((await refreshFlagsForDays(this.db, days, tz)) > 0) await bumpDataVersion(this.db);
      },
      (e) => log(`[hj212] flag update failed, will retry: ${(e as Error).message}`),
    );
  }

  /** Checks one data segment and queues its values; resolves once they are stored. */
  async acceptSegment(text: string): Promise<FrameOutcome> {
    this.stats.frames++;
    let seg: DataSegment;
    let rows: ValueRow[] | null;
    try {
      seg = parseDataSegment(text);
    } catch (e) {
      return this.reject('malformed', e instanceof Hj212ParseError ? e.message : 'unreadable data segment');
    }
    const entry = await this.directory.check(seg.mn, seg.pw);
    if (entry === 'unknown_mn') return this.reject('unknown_mn', `unknown MN ${seg.mn}`, seg.mn);
    if (entry === 'wrong_pw') return this.reject('wrong_pw', `wrong PW for MN ${seg.mn}`, seg.mn);
    if (!UPLOAD_COMMANDS[seg.cn]) {
      // Heartbeats and other commands are answered but carry nothing to store.
      return { ok: true, mn: seg.mn, cn: seg.cn, values: 0, answer: wantsAnswer(seg) ? buildDataAnswer(seg) : null };
    }
    try {
      rows = (uploadValues(seg) ?? []).map((v) => ({ ...v, outletId: entry.outletId }));
    } catch (e) {
      return this.reject('malformed', e instanceof Hj212ParseError ? e.message : 'unreadable payload', seg.mn);
    }
    if (rows.length > 0) {
      if (this.closed || this.queued + rows.length > this.opt.maxPendingValues) {
        return this.reject('overloaded', 'receiver busy: values not stored, resend later', seg.mn);
      }
      await this.enqueue(rows);
    }
    this.stats.values += rows.length;
    return {
      ok: true,
      mn: seg.mn,
      cn: seg.cn,
      values: rows.length,
      answer: wantsAnswer(seg) ? buildDataAnswer(seg) : null,
    };
  }

  private reject(reason: RejectReason, message: string, mn?: string): FrameOutcome {
    this.stats.rejected[reason]++;
    this.opt.log(`[hj212] dropped (${reason}): ${message}`);
    return { ok: false, reason, message, mn };
  }

  /** Queues values from any source; resolves when they are written. */
  enqueue(rows: ValueRow[]): Promise<void> {
    return new Promise<void>((done, fail) => {
      this.queue.push({ rows, done, fail });
      this.queued += rows.length;
      if (this.queued >= this.opt.batchValues) this.kick();
      else this.timer ??= setTimeout(() => this.kick(), this.opt.flushMs);
    });
  }

  private kick(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.writing) return;
    this.writing = this.drain().finally(() => {
      this.writing = null;
      if (this.queue.length > 0) this.kick();
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const take: Pending[] = [];
      let n = 0;
      while (this.queue.length > 0 && (n === 0 || n + this.queue[0].rows.length <= this.opt.batchValues)) {
        const p = this.queue.shift() as Pending;
        take.push(p);
        n += p.rows.length;
      }
      this.queued -= n;
      try {
        const res = await this.db.transaction(async (tx) =>
          storeValues(
            tx as unknown as Db,
            take.flatMap((p) => p.rows),
          ),
        );
        this.stats.batches++;
        this.stats.inserted += res.inserted;
        this.stats.updated += res.updated;
        this.stats.unchanged += res.unchanged;
        this.markDirty(res.hourDays);
        for (const p of take) p.done();
      } catch (e) {
        this.opt.log(`[hj212] batch of ${n} values not stored: ${(e as Error).message}`);
        for (const p of take) p.fail(e);
      }
    }
  }

  /**
   * Outlet-days whose hourly data changed: their exceedances and codes are re-derived shortly,
   * and their outlets' integrity flags after that on a queue of their own, so that a long flag
   * recomputation never holds a day's exceedance back from the code.
   */
  markDirty(outletDays: { outletId: number; day: string }[]): void {
    this.codes.add(outletDays);
    this.flags.add(outletDays);
  }

  /** Writes what is queued and runs the pending code and flag updates now. */
  async flush(): Promise<void> {
    while (this.queue.length > 0 || this.writing) {
      this.kick();
      await this.writing;
    }
    await this.codes.runNow();
    await this.flags.runNow();
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    this.codes.close();
    this.flags.close();
  }
}

/**
 * Outlet-days waiting for a derived update: the first change starts a timer (later changes do not
 * push it back, so a steady stream still gets its update within the delay), runs never overlap,
 * and a failed run puts its days back.
 */
class DirtyDays {
  private days = new Map<string, { outletId: number; day: string }>();
  private timer: NodeJS.Timeout | null = null;
  private run: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly delayMs: number,
    private readonly work: (days: { outletId: number; day: string }[]) => Promise<void>,
    private readonly onError: (e: unknown) => void,
  ) {}

  add(outletDays: { outletId: number; day: string }[]): void {
    for (const d of outletDays) this.days.set(`${d.outletId}|${d.day}`, d);
    if (this.days.size > 0 && !this.timer && !this.closed) {
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.runNow();
      }, this.delayMs);
    }
  }

  runNow(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.run = this.run.then(async () => {
      if (this.days.size === 0) return;
      const days = [...this.days.values()];
      this.days.clear();
      try {
        await this.work(days);
      } catch (e) {
        this.onError(e);
        this.add(days);
      }
    });
    return this.run;
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

/**
 * Exceedance days for the outlet-days, then the touched enterprises' codes, and a new data
 * version so that the map and screens refresh. The code is evaluated as of the data date (the
 * demo's asOf, else today) or, when the data reach past it (a demo database receiving live
 * packets), as of the latest day that changed: a day's exceedance always counts.
 */
export async function updateCodesFor(
  db: Db,
  outletDays: { outletId: number; day: string }[],
  tz: string,
): Promise<number[]> {
  return db.transaction(async (txn) => {
    const tx = txn as unknown as Db;
    const touched = await refreshExceedances(tx, outletDays);
    if (touched.length > 0) {
      const asOf = await dataAsOf(tx);
      // Never past today: a logger with its clock ahead must not move a code into the future.
      const cap = today(new Date(), tz);
      const latest = outletDays.reduce((m, d) => (d.day > m && d.day <= cap ? d.day : m), asOf);
      await reassessEnterprises(tx, { asOf: latest, enterpriseIds: touched });
      await bumpDataVersion(tx);
    }
    return touched;
  });
}

/**
 * After an outlet's permit limits, range or detection limits changed (outlet import): every day of
 * its stored data is judged again — exceedance days, then its integrity flags. Returns the
 * enterprises whose exceedance days changed; the caller re-evaluates their codes.
 */
export async function rejudgeOutlets(db: Db, outletIds: number[], tz: string): Promise<number[]> {
  if (outletIds.length === 0) return [];
  const days = rowsOf<{ outletId: number; day: string }>(
    await db.execute(sql`
      select distinct outlet_id as "outletId", ${bureauBucket(sql`time`, 'day')} as day
        from online_hourly where outlet_id in ${outletIds}`),
  ).map((d) => ({ outletId: Number(d.outletId), day: d.day }));
  if (days.length === 0) return [];
  const touched = await refreshExceedances(db, days);
  await refreshFlagsForDays(db, days, tz);
  return touched;
}
