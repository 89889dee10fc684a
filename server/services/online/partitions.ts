// Monthly partitions of the monitoring value tables, created when data for a month first arrives.
// Boundaries are Beijing months (UTC+8, the clock HJ 212 speaks), fixed whatever BUREAU_TZ says:
// partitions are storage, and a setting change must never make new ones overlap old ones.
import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client';

export type PartitionedTable = 'online_hourly' | 'online_minute';

const BEIJING_MS = 8 * 3_600_000;

/** 'YYYY-MM' of an instant on the Beijing calendar. */
export function beijingMonth(instant: string | Date): string {
  const ms = (instant instanceof Date ? instant : new Date(instant)).getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${String(instant)}`);
  return new Date(ms + BEIJING_MS).toISOString().slice(0, 7);
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

export const partitionName = (table: PartitionedTable, month: string) => `${table}_${month.replace('-', '_')}`;

// Per database: the partitions known to exist. Creation is serialised so that two batches for a
// new month never race on CREATE TABLE.
const known = new WeakMap<Db, Set<string>>();
const queue = new WeakMap<Db, Promise<unknown>>();

/** Creates the monthly partitions that rows at `times` need, if missing. */
export async function ensurePartitions(db: Db, table: PartitionedTable, times: Iterable<string>): Promise<void> {
  const have = known.get(db) ?? new Set<string>();
  known.set(db, have);
  const months = new Set<string>();
  for (const t of times) {
    const month = beijingMonth(t);
    if (!have.has(partitionName(table, month))) months.add(month);
  }
  if (months.size === 0) return;
  const run = (queue.get(db) ?? Promise.resolve()).then(async () => {
    for (const month of [...months].sort()) {
      const name = partitionName(table, month);
      if (have.has(name)) continue;
      await db.execute(
        sql.raw(
          `create table if not exists "${name}" partition of "${table}" for values from ('${month}-01T00:00:00+08:00') to ('${nextMonth(month)}-01T00:00:00+08:00')`,
        ),
      );
      have.add(name);
    }
  });
  queue.set(
    db,
    run.catch(() => {}),
  );
  await run;
}

/** The monthly partitions of a table that exist, oldest first, as 'YYYY-MM'. */
export async function listPartitions(db: Db, table: PartitionedTable): Promise<string[]> {
  const rows = rowsOf<{ name: string }>(
    await db.execute(sql`
      select c.relname as name from pg_inherits i
        join pg_class c on c.oid = i.inhrelid
        join pg_class p on p.oid = i.inhparent
       where p.relname = ${table}
       order by c.relname`),
  );
  const prefix = `${table}_`;
  return rows
    .map((r) => r.name.slice(prefix.length))
    .filter((s) => /^\d{4}_\d{2}$/.test(s))
    .map((s) => s.replace('_', '-'));
}

/** Forgets what this process knows about a database's partitions (after a truncate or restore). */
export function forgetPartitions(db: Db): void {
  known.delete(db);
}
