import pg from 'pg';
import { type DbHandle, openDb } from '../../server/db/client';

export type Engine = 'pglite' | 'postgres';

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL points at a reachable server. */
export const engines: Engine[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

/**
 * A fresh, migrated, empty database. For PostgreSQL each call creates its own database next to
 * TEST_DATABASE_URL so that test files can run in parallel; `close` drops it again.
 */
export async function freshDb(engine: Engine): Promise<DbHandle> {
  if (engine === 'pglite') {
    const h = await openDb();
    await h.migrate();
    return h;
  }
  const base = new URL(process.env.TEST_DATABASE_URL as string);
  const name = `eco_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: base.toString() });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const h = await openDb({ databaseUrl: url.toString() });
  await h.migrate();
  return {
    ...h,
    close: async () => {
      await h.close();
      const a = new pg.Client({ connectionString: base.toString() });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
