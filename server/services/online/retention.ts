// Minute and real-time values are kept for HJ212_MINUTE_RETENTION_DAYS; hourly and daily values
// are kept for good. Whole monthly partitions past the cut are dropped, the rest deleted by time.
import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client';
import { beijingMonth, forgetPartitions, listPartitions, partitionName } from './partitions';

export async function pruneMinuteValues(db: Db, retentionDays: number, now = Date.now()): Promise<number> {
  if (!(retentionDays > 0)) return 0;
  const cut = new Date(now - retentionDays * 86_400_000);
  const cutMonth = beijingMonth(cut);
  let dropped = 0;
  for (const month of await listPartitions(db, 'online_minute')) {
    // A month wholly before the cut's month ends before the cut.
    if (month < cutMonth) {
      await db.execute(sql.raw(`drop table if exists "${partitionName('online_minute', month)}"`));
      dropped++;
    }
  }
  if (dropped > 0) forgetPartitions(db);
  const res = rowsOf<{ n: number }>(
    await db.execute(sql`with d as (delete from online_minute where time < ${cut.toISOString()} returning 1)
                         select count(*)::int as n from d`),
  );
  return Number(res[0]?.n ?? 0);
}
