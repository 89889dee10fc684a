// Writes monitoring values in batches: one statement per table per round, whatever the number of
// values. A value identical to the stored one writes nothing; a different one replaces it and the
// old figures go to online_revisions in the same statement.
import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client';
import { bureauBucket } from '../../db/clock';
import type { UploadKind, UploadValue } from '../../domain/hj212';
import { ensurePartitions, forgetPartitions, type PartitionedTable } from './partitions';

export type ValueRow = UploadValue & { outletId: number };

export type StoreResult = {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Outlets and the bureau days whose hourly values changed: their daily means need a new look. */
  hourDays: { outletId: number; day: string }[];
};

type Target = { table: string; partitioned: PartitionedTable | null; withKind: boolean };

const TARGETS: Record<UploadKind, Target> = {
  hour: { table: 'online_hourly', partitioned: 'online_hourly', withKind: false },
  rtd: { table: 'online_minute', partitioned: 'online_minute', withKind: true },
  minute: { table: 'online_minute', partitioned: 'online_minute', withKind: true },
  day: { table: 'online_daily', partitioned: null, withKind: false },
};

const ROWS_PER_STATEMENT = 5_000;

const keyOf = (r: ValueRow) => `${r.outletId}|${r.pollutant}|${r.kind}|${Date.parse(r.time)}`;

/**
 * Splits rows into rounds in which each key occurs once, in arrival order: a value and its
 * correction in the same batch are written one after the other, so the first still reaches the
 * audit trail.
 */
function rounds(rows: ValueRow[]): ValueRow[][] {
  const seen = new Map<string, number>();
  const out: ValueRow[][] = [];
  for (const r of rows) {
    const k = keyOf(r);
    const n = seen.get(k) ?? 0;
    seen.set(k, n + 1);
    if (!out[n]) out[n] = [];
    out[n].push(r);
  }
  return out;
}

export async function storeValues(db: Db, rows: ValueRow[]): Promise<StoreResult> {
  const result: StoreResult = { inserted: 0, updated: 0, unchanged: 0, hourDays: [] };
  const days = new Set<string>();
  const byTable = new Map<Target, ValueRow[]>();
  for (const r of rows) {
    const t = TARGETS[r.kind];
    const list = byTable.get(t) ?? [];
    list.push(r);
    byTable.set(t, list);
  }
  for (const [target, list] of byTable) {
    if (target.partitioned)
      await ensurePartitions(
        db,
        target.partitioned,
        list.map((r) => r.time),
      );
    for (const round of rounds(list)) {
      for (let i = 0; i < round.length; i += ROWS_PER_STATEMENT) {
        const part = round.slice(i, i + ROWS_PER_STATEMENT);
        let out: Awaited<ReturnType<typeof writeChunk>>;
        try {
          out = await writeChunk(db, target, part);
        } catch (e) {
          // A partition dropped behind this process's back (restore, retention elsewhere): look again once.
          if (!target.partitioned || !/no partition/i.test(String((e as Error).message ?? e))) throw e;
          forgetPartitions(db);
          await ensurePartitions(
            db,
            target.partitioned,
            part.map((r) => r.time),
          );
          out = await writeChunk(db, target, part);
        }
        result.inserted += out.inserted;
        result.updated += out.updated;
        result.unchanged += part.length - out.inserted - out.updated;
        for (const d of out.days) days.add(`${d.outletId}|${d.day}`);
      }
    }
  }
  result.hourDays = [...days].map((k) => {
    const [outletId, day] = k.split('|');
    return { outletId: Number(outletId), day };
  });
  return result;
}

async function writeChunk(
  db: Db,
  target: Target,
  rows: ValueRow[],
): Promise<{ inserted: number; updated: number; days: { outletId: number; day: string }[] }> {
  const kindCol = target.withKind ? ', kind text' : '';
  const kindSel = target.withKind ? ', i.kind' : '';
  const kindJoin = target.withKind ? ' and o.kind = i.kind' : '';
  const kindKey = target.withKind ? ', kind' : '';
  const revKind = target.withKind ? 'c.kind' : `'${target.table === 'online_hourly' ? 'hour' : 'day'}'`;
  const payload = JSON.stringify(
    rows.map((r) => ({
      outlet_id: r.outletId,
      pollutant: r.pollutant,
      kind: r.kind,
      time: r.time,
      avg: r.avg,
      min: r.min,
      max: r.max,
      cou: r.cou,
      flag: r.flag,
    })),
  );
  const t = target.table;
  const [row] = rowsOf<{ inserted: number; updated: number; days: unknown }>(
    await db.execute(sql`
      with incoming as (
        select * from jsonb_to_recordset(${payload}::jsonb)
          as x(outlet_id integer, pollutant varchar, time timestamptz, avg double precision, min double precision,
               max double precision, cou double precision, flag varchar${sql.raw(kindCol)})
      ),
      changed as (
        select i.*, o.outlet_id is not null as existed,
               o.avg as old_avg, o.min as old_min, o.max as old_max, o.cou as old_cou, o.flag as old_flag
          from incoming i
          left join ${sql.raw(t)} o
            on o.outlet_id = i.outlet_id and o.pollutant = i.pollutant and o.time = i.time${sql.raw(kindJoin)}
         where o.outlet_id is null
            or (o.avg, o.min, o.max, o.cou, o.flag) is distinct from (i.avg, i.min, i.max, i.cou, i.flag)
      ),
      revised as (
        insert into online_revisions (outlet_id, pollutant, kind, time, old, new)
        select c.outlet_id, c.pollutant, ${sql.raw(revKind)}, c.time,
               jsonb_build_object('avg', c.old_avg, 'min', c.old_min, 'max', c.old_max, 'cou', c.old_cou, 'flag', c.old_flag),
               jsonb_build_object('avg', c.avg, 'min', c.min, 'max', c.max, 'cou', c.cou, 'flag', c.flag)
          from changed c where c.existed
        returning 1
      ),
      written as (
        insert into ${sql.raw(t)} (outlet_id, pollutant, time, avg, min, max, cou, flag${sql.raw(kindKey)})
        select i.outlet_id, i.pollutant, i.time, i.avg, i.min, i.max, i.cou, i.flag${sql.raw(kindSel)} from changed i
        on conflict (outlet_id, pollutant${sql.raw(kindKey)}, time) do update
          set avg = excluded.avg, min = excluded.min, max = excluded.max, cou = excluded.cou, flag = excluded.flag,
              received_at = now()
        returning 1
      )
      select count(*) filter (where not existed)::int as inserted,
             count(*) filter (where existed)::int as updated,
             (select coalesce(json_agg(json_build_array(d.outlet_id, d.day)), '[]')
                from (select distinct outlet_id, ${bureauBucket(sql`time`, 'day')} as day from changed) d) as days
        from changed`),
  );
  const days =
    target.table === 'online_hourly'
      ? (typeof row.days === 'string'
          ? (JSON.parse(row.days) as [number, string][])
          : (row.days as [number, string][])
        ).map(([outletId, day]) => ({ outletId, day }))
      : [];
  return { inserted: Number(row.inserted), updated: Number(row.updated), days };
}
