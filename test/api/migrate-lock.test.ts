import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../server/db/client';

// Two servers starting together on one PostgreSQL database: without the advisory lock both run
// the same migrations at once and one fails (duplicate relation or duplicate migration row).
describe.skipIf(!process.env.TEST_DATABASE_URL)('migrations on PostgreSQL', () => {
  it('two servers (two connection pools) migrating one empty database at once both succeed, each migration applied once', async () => {
    const base = new URL(process.env.TEST_DATABASE_URL as string);
    const name = `eco_test_mig_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: base.toString() });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(base);
    url.pathname = `/${name}`;
    const a = await openDb({ databaseUrl: url.toString() });
    const b = await openDb({ databaseUrl: url.toString() });
    try {
      await Promise.all([a.migrate(), b.migrate()]);
      const applied = await new pg.Client({ connectionString: url.toString() });
      await applied.connect();
      const { rows } = await applied.query(
        'select hash, count(*)::int as n from drizzle.__drizzle_migrations group by hash',
      );
      await applied.end();
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.n === 1)).toBe(true);
    } finally {
      await a.close();
      await b.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
