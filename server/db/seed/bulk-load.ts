import { getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { type Db, rowsOf } from '../client';

/**
 * Runs a bulk load in one transaction with the tables' secondary indexes dropped and rebuilt at
 * the end, and — where the role may — foreign-key triggers skipped (SET LOCAL, so nothing leaks
 * into pooled connections). The generator produces consistent rows, so checking each one is
 * wasted work; on PGlite this halves the load time. An interrupted load rolls back entirely.
 */
export async function withBulkLoad<T>(
  db: Db,
  tables: PgTable[],
  options: { onRebuild?: (done: number, total: number) => void },
  load: (tx: Db) => Promise<T>,
): Promise<T> {
  return db.transaction(async (transaction) => {
    const tx = transaction as unknown as Db;
    const [role] = rowsOf<{ superuser: boolean }>(
      await tx.execute(sql`select rolsuper as superuser from pg_roles where rolname = current_user`),
    );
    if (role?.superuser) await tx.execute(sql`set local session_replication_role = replica`);
    const names = tables.map((t) => getTableName(t));
    // Constraint-backed indexes (primary keys, unique columns) stay: they cannot be dropped alone.
    const indexes = rowsOf<{ name: string; definition: string }>(
      await tx.execute(sql`
        select indexname as name, indexdef as definition from pg_indexes
         where schemaname = current_schema() and tablename in ${names}
           and indexname not in (select conname from pg_constraint)
         order by indexname`),
    );
    for (const index of indexes) await tx.execute(sql.raw(`drop index "${index.name.replace(/"/g, '""')}"`));
    const result = await load(tx);
    options.onRebuild?.(0, indexes.length);
    for (const [i, index] of indexes.entries()) {
      await tx.execute(sql.raw(index.definition));
      options.onRebuild?.(i + 1, indexes.length);
    }
    return result;
  });
}
