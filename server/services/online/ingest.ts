// The way in for HJ 212 data, whatever carried it (TCP receiver, HTTP gateway, CSV import):
// check a data segment against the outlets, queue its values, write them in batches, and after
// the data settles re-derive exceedance days and the codes they feed.

import type { Db } from '../../db/client';
import { bumpDataVersion } from '../../db/meta';
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
  private dirty = new Map<string, { outletId: number; day: string }>();
  private codeTimer: NodeJS.Timeout | null = null;
  private codeRun: Promise<void> = Promise.resolve();
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
            this.opt.tz,
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

  /** Outlet-days whose hourly data changed: their exceedances and codes are re-derived shortly. */
  markDirty(outletDays: { outletId: number; day: string }[]): void {
    for (const d of outletDays) this.dirty.set(`${d.outletId}|${d.day}`, d);
    if (this.dirty.size > 0 && !this.codeTimer && !this.closed) {
      this.codeTimer = setTimeout(() => {
        this.codeTimer = null;
        void this.runCodes();
      }, this.opt.codeDelayMs);
    }
  }

  /** Re-derives exceedance days for the dirty outlet-days and re-evaluates the codes they touch. */
  runCodes(): Promise<void> {
    this.codeRun = this.codeRun.then(async () => {
      if (this.dirty.size === 0) return;
      const outletDays = [...this.dirty.values()];
      this.dirty.clear();
      try {
        await updateCodesFor(this.db, outletDays, this.opt.tz);
        this.stats.codeRuns++;
      } catch (e) {
        this.opt.log(`[hj212] exceedance/code update failed, will retry: ${(e as Error).message}`);
        this.markDirty(outletDays);
      }
    });
    return this.codeRun;
  }

  /** Writes what is queued and runs the pending code update now. */
  async flush(): Promise<void> {
    while (this.queue.length > 0 || this.writing) {
      this.kick();
      await this.writing;
    }
    if (this.codeTimer) clearTimeout(this.codeTimer);
    this.codeTimer = null;
    await this.runCodes();
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
  }
}

/**
 * Exceedance days for the outlet-days, then the touched enterprises' codes as of the data date,
 * then the outlets' integrity flags, and a new data version so that the map and screens refresh.
 * Shared with the CSV import.
 */
export async function updateCodesFor(
  db: Db,
  outletDays: { outletId: number; day: string }[],
  tz: string,
): Promise<number[]> {
  const touched = await db.transaction(async (txn) => {
    const tx = txn as unknown as Db;
    const touched = await refreshExceedances(tx, outletDays, tz);
    if (touched.length > 0) {
      await reassessEnterprises(tx, { asOf: await dataAsOf(tx), enterpriseIds: touched });
      await bumpDataVersion(tx);
    }
    return touched;
  });
  // Integrity flags are evidence, not code points: recomputed after the code, apart from it.
  if ((await refreshFlagsForDays(db, outletDays, tz)) > 0 && touched.length === 0) await bumpDataVersion(db);
  return touched;
}
