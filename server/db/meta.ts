import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from './client';
import { appMeta } from './schema';

export async function getMeta(db: Db, key: string): Promise<string | null> {
  const rows = await db.select().from(appMeta).where(eq(appMeta.key, key));
  return rows[0]?.value ?? null;
}

/**
 * Counts this process's writes to app_meta, so in-memory caches keyed by the data version can
 * tell that it may have changed without asking the database on every request.
 */
export const metaWrites = { count: 0 };

export async function setMeta(db: Db, key: string, value: string): Promise<void> {
  metaWrites.count++;
  await db.insert(appMeta).values({ key, value }).onConflictDoUpdate({ target: appMeta.key, set: { value } });
  metaWrites.count++;
}

/** Several keys in one query (null for a missing one). */
export async function getMetas<K extends string>(db: Db, keys: readonly K[]): Promise<Record<K, string | null>> {
  const rows = await db
    .select()
    .from(appMeta)
    .where(inArray(appMeta.key, [...keys]));
  const out = Object.fromEntries(keys.map((k) => [k, null])) as Record<K, string | null>;
  for (const r of rows) if ((keys as readonly string[]).includes(r.key)) out[r.key as K] = r.value;
  return out;
}

export async function getDataVersion(db: Db): Promise<number> {
  return Number((await getMeta(db, 'dataVersion')) ?? 0);
}

/** Any write that changes what the map shows bumps the data version (ETags, screen refresh). */
export async function bumpDataVersion(db: Db): Promise<number> {
  metaWrites.count++;
  const rows = await db
    .insert(appMeta)
    .values({ key: 'dataVersion', value: '1' })
    .onConflictDoUpdate({ target: appMeta.key, set: { value: sql`(${appMeta.value}::int + 1)::text` } })
    .returning({ value: appMeta.value });
  metaWrites.count++;
  return Number(rows[0].value);
}
