import pg from 'pg';
import { type DbHandle, openDb } from '../../server/db/client';

export type Engine = 'pglite' | 'postgres';

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL points at a reachable server. */
export const engines: Engine[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

/** A test database; `url` is the PostgreSQL one's connection string. */
export type TestDb = DbHandle & { url?: string };

/**
 * The PostgreSQL test databases' own timezone: not the bureau's, so every PostgreSQL test shows
 * that answers follow the bureau clock (set per session by openDb), not the database's setting.
 */
export const DATABASE_OWN_TIMEZONE = 'America/New_York';

/**
 * A fresh, migrated (unless `migrate: false`), empty database. For PostgreSQL each call creates
 * its own database next to TEST_DATABASE_URL so that test files can run in parallel; `close` drops it.
 */
export async function freshDb(engine: Engine, opts: { migrate?: boolean } = {}): Promise<TestDb> {
  const migrate = opts.migrate ?? true;
  if (engine === 'pglite') {
    const h = await openDb();
    if (migrate) await h.migrate();
    return h;
  }
  const base = new URL(process.env.TEST_DATABASE_URL as string);
  const name = `eco_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: base.toString() });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.query(`alter database ${name} set timezone to '${DATABASE_OWN_TIMEZONE}'`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const h = await openDb({ databaseUrl: url.toString() });
  if (migrate) await h.migrate();
  return {
    ...h,
    url: url.toString(),
    close: async () => {
      await h.close();
      const a = new pg.Client({ connectionString: base.toString() });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
