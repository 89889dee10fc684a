// Loads the demo's hourly monitoring data (./online-demo) for a sample of the seeded outlets and
// stores the integrity flags the engine finds in it. A year for every outlet of the city (about
// 1,450 outlets, 68 million values) would take PGlite many minutes, so the demo gives a year to
// `outlets` of them, chosen from the seed; the rest have outlets and limits but no values yet.
// Rows go in by binary COPY on PGlite (see db/copy.ts), by bulkInsert on PostgreSQL. Flags are
// computed here from the generated rows with the same engine and window refreshAllFlags would
// use, saving a read back of every value.
import { sql } from 'drizzle-orm';
import { addDays, BUREAU_TZ, dayOf, startOfDay } from '../../domain/dates';
import { HOUR_MS, type HourValue, type PollutantMeta } from '../../domain/online-integrity';
import { isValidFlag } from '../../domain/online-validity';
import { shuffle } from '../../domain/random';
import { type OutletInfo, outletFlagRows } from '../../services/online/flags';
import { ensurePartitions } from '../../services/online/partitions';
import { type Db, rowsOf } from '../client';
import { BinaryCopyWriter, copyBinary, pgliteOf } from '../copy';
import { onlineFlags, onlineHourly } from '../schema';
import { bulkInsert, yieldToEventLoop } from './bulk-insert';
import { type DemoHour, outletHours, type Planted, planPatterns } from './online-demo';
import { stageRng } from './rng';

/** Outlets with a year of hourly values on first start (see the README, "Online monitoring"). */
export const DEMO_ONLINE_OUTLETS = 16;
const DAYS = 365;
/** Rows per COPY statement: big enough to amortise the statement, small enough to keep memory flat. */
const COPY_ROWS = 250_000;
const COLUMNS = ['outlet_id', 'pollutant', 'time', 'avg', 'min', 'max', 'cou', 'flag'];

export type OnlinePlan = { outlets: OutletInfo[]; from: number; to: number; planted: Planted[] };

/**
 * Which outlets get data, over which hours, with which planted patterns: a function of the seeded
 * outlets, the seed, asOf and now. The window ends at the bureau midnight that starts the day
 * after asOf, or today's if that is still to come (demo data never lies in the future).
 */
export async function planOnlineDemo(
  db: Db,
  opts: { seed: number; asOf: string; now: Date; outlets: number },
): Promise<OnlinePlan> {
  const base = rowsOf<{ id: number; enterpriseId: number; medium: 'water' | 'gas' }>(
    await db.execute(sql`select id, enterprise_id as "enterpriseId", medium from outlets order by id`),
  );
  const pols = rowsOf<PollutantMeta & { outletId: number }>(
    await db.execute(sql`
      select outlet_id as "outletId", code, "limit", range, detection_limit as "detectionLimit"
        from outlet_pollutants order by outlet_id, code`),
  );
  const byOutlet = new Map<number, PollutantMeta[]>();
  for (const p of pols) {
    const list = byOutlet.get(p.outletId) ?? [];
    const num = (v: unknown) => (v == null ? null : Number(v));
    list.push({ code: p.code, limit: num(p.limit), range: num(p.range), detectionLimit: num(p.detectionLimit) });
    byOutlet.set(p.outletId, list);
  }
  const chosen = shuffle(stageRng(opts.seed, 'online-sample'), base)
    .slice(0, Math.max(0, opts.outlets))
    .sort((a, b) => a.id - b.id)
    .map((o) => ({
      ...o,
      id: Number(o.id),
      enterpriseId: Number(o.enterpriseId),
      pollutants: byOutlet.get(o.id) ?? [],
    }));
  const to = Math.min(startOfDay(addDays(opts.asOf, 1)).getTime(), startOfDay(dayOf(opts.now)).getTime());
  const from = to - DAYS * 24 * HOUR_MS;
  // Exceedance days are not planted: the seeded codes count the generated (imported) days, and
  // data-derived days would make the stored code disagree with the stored data.
  const planted = planPatterns(chosen, opts.seed, from, to).filter((p) => p.kind !== 'exceedance');
  return { outlets: chosen, from, to, planted };
}

/** The rows as the flag engine reads them; an outlet's rows share one time string per hour. */
function hourValues(rows: DemoHour[]): HourValue[] {
  const parsed = new Map<string, number>();
  const ms = (t: string) => {
    let v = parsed.get(t);
    if (v === undefined) {
      v = Date.parse(t);
      parsed.set(t, v);
    }
    return v;
  };
  return rows.map((r) => ({
    time: ms(r.time),
    pollutant: r.pollutant,
    value: r.avg,
    flag: r.flag,
    valid: r.avg != null && isValidFlag(r.flag),
  }));
}

/** Generates, stores and flags the plan's hourly values. Returns the rows and flags written. */
export async function loadOnlineDemo(
  db: Db,
  plan: OnlinePlan,
  opts: { seed: number; onProgress?: (done: number, total: number) => void },
): Promise<{ hourly: number; flags: number }> {
  if (plan.outlets.length === 0) return { hourly: 0, flags: 0 };
  const months: string[] = [];
  for (let t = plan.from; t < plan.to; t += 24 * HOUR_MS) months.push(new Date(t).toISOString());
  await ensurePartitions(db, 'online_hourly', months);
  const copy = pgliteOf(db) !== null;
  let writer = new BinaryCopyWriter(['int4', 'text', 'timestamptz', 'float8', 'float8', 'float8', 'float8', 'text']);
  let pending: DemoHour[] = [];
  let hourly = 0;
  const flagRows: ReturnType<typeof outletFlagRows> = [];
  const flush = async () => {
    if (copy) {
      if (writer.rows === 0) return;
      hourly += writer.rows;
      await copyBinary(db, 'online_hourly', COLUMNS, writer.finish(), { trusted: true });
      writer = new BinaryCopyWriter(writer.columns);
    } else {
      hourly += await bulkInsert(db, onlineHourly, pending);
      pending = [];
    }
    await yieldToEventLoop();
  };
  opts.onProgress?.(0, plan.outlets.length);
  for (const [i, o] of plan.outlets.entries()) {
    const rows = outletHours(o, plan.planted, opts.seed, plan.from, plan.to);
    if (rows.length === 0) continue;
    const hours = hourValues(rows);
    if (copy) {
      for (const [k, r] of rows.entries())
        writer.row([r.outletId, r.pollutant, hours[k].time, r.avg, r.min, r.max, r.cou, r.flag]);
    } else pending.push(...rows);
    // The window refreshAllFlags takes: the outlet's first hour to the end of its last.
    let first = Number.POSITIVE_INFINITY;
    let last = Number.NEGATIVE_INFINITY;
    for (const h of hours) {
      if (h.time < first) first = h.time;
      if (h.time > last) last = h.time;
    }
    flagRows.push(...outletFlagRows(o, hours, first, last + HOUR_MS, { tz: BUREAU_TZ }));
    if ((copy ? writer.rows : pending.length) >= COPY_ROWS) await flush();
    opts.onProgress?.(i + 1, plan.outlets.length);
  }
  await flush();
  await bulkInsert(db, onlineFlags, flagRows);
  return { hourly, flags: flagRows.length };
}
