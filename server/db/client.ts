import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { BUREAU_TZ } from '../domain/dates';
import * as schema from './schema';

export type Schema = typeof schema;
/** The drizzle database, whichever driver is behind it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type DbHandle = {
  db: Db;
  kind: 'pglite' | 'postgres';
  migrate: () => Promise<void>;
  close: () => Promise<void>;
};

export type DbOptions = {
  /** PostgreSQL connection string; when absent the embedded PGlite is used. */
  databaseUrl?: string;
  /** PGlite data directory; `memory://` (or undefined with inMemory) keeps it in memory. */
  dataDir?: string;
};

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

// Any fixed number: names the advisory lock that two servers starting at once queue on.
const MIGRATION_LOCK_KEY = 20_181_313;

/** Migrations on one connection holding a transaction-independent advisory lock for the database. */
async function migrateLocked(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await migratePg(drizzlePg(client, { schema }) as never, { migrationsFolder });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}

/** One factory for both engines: PGlite by default, node-postgres when a URL is given. */
export async function openDb(options: DbOptions = {}): Promise<DbHandle> {
  if (options.databaseUrl) {
    // Every session runs on the bureau's clock, whatever the server's or the database's own
    // timezone setting: ::date, date_trunc, extract and date literals then mean bureau days.
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10, options: `-c TimeZone=${BUREAU_TZ}` });
    // An idle connection the server drops (restart, admin kill) must not crash the process:
    // without a listener node-postgres rethrows it as an uncaught error. The pool reconnects.
    pool.on('error', (e) => console.warn(`PostgreSQL connection lost: ${e.message}`));
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      migrate: () => migrateLocked(pool),
      close: () => pool.end(),
    };
  }
  const dataDir = options.dataDir ?? 'memory://';
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir);
  // PGlite is one session: set once, it holds for every query (see the pool above).
  await client.query(`select set_config('TimeZone', $1, false)`, [BUREAU_TZ]);
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    migrate: () => migratePglite(db as never, { migrationsFolder }),
    close: async () => {
      if (!client.closed) await client.close();
    },
  };
}

/** Rows of a raw SQL result: both drivers return `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
