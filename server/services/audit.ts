import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { auditLog, users } from '../db/schema';

/** The audit log, newest first; `action` matches exactly. */
export async function listAudit(db: Db, q: { limit: number; offset: number; action?: string }) {
  const where = q.action ? eq(auditLog.action, q.action) : undefined;
  const [[{ n }], rows] = await Promise.all([
    db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(where),
    db
      .select({
        id: auditLog.id,
        at: auditLog.at,
        userId: auditLog.userId,
        username: users.username,
        action: auditLog.action,
        target: auditLog.target,
        details: auditLog.details,
        ip: auditLog.ip,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.userId))
      .where(where)
      .orderBy(desc(auditLog.id))
      .limit(q.limit)
      .offset(q.offset),
  ]);
  return { total: Number(n), items: rows };
}
