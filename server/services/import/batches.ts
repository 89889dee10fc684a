import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { importBatches, users } from '../../db/schema';

/** Recent import batches, newest first, without their error lists. */
export async function listImportBatches(db: Db, q: { limit: number; offset: number; kind?: string }) {
  const where = q.kind ? eq(importBatches.kind, q.kind) : undefined;
  const [[{ n }], rows] = await Promise.all([
    db.select({ n: sql<number>`count(*)::int` }).from(importBatches).where(where),
    db
      .select({
        id: importBatches.id,
        kind: importBatches.kind,
        fileName: importBatches.fileName,
        crs: importBatches.crs,
        rows: importBatches.rows,
        accepted: importBatches.accepted,
        rejected: importBatches.rejected,
        errorCount: sql<number>`jsonb_array_length(${importBatches.errors})::int`,
        dryRun: importBatches.dryRun,
        partial: importBatches.partial,
        userId: importBatches.userId,
        username: users.username,
        createdAt: importBatches.createdAt,
      })
      .from(importBatches)
      .leftJoin(users, eq(users.id, importBatches.userId))
      .where(where)
      .orderBy(desc(importBatches.id))
      .limit(q.limit)
      .offset(q.offset),
  ]);
  return { total: Number(n), items: rows.map((r) => ({ ...r, errorCount: Number(r.errorCount) })) };
}
