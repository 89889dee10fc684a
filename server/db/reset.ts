import { getTableName, sql } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './client';
import * as schema from './schema';

/** Empties every table of the schema (used before re-seeding an interrupted or reset database). */
export async function truncateAll(db: Db): Promise<void> {
  const names = Object.values(schema as Record<string, unknown>)
    .filter((t): t is PgTable => t instanceof PgTable)
    .map((t) => `"${getTableName(t)}"`);
  await db.execute(sql.raw(`truncate ${names.join(', ')} restart identity cascade`));
}
