import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../server/db/client';
import { DATABASE_OWN_TIMEZONE, engines, freshDb, type TestDb } from '../support/test-db';

const migrations = fileURLToPath(new URL('../../server/db/migrations', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'eco-migrations-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of the migrations folder holding only the first `count` migrations. */
function firstMigrations(count: number): string {
  const dir = join(scratch, `first-${count}`);
  cpSync(migrations, dir, { recursive: true });
  const journalPath = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8'));
  journal.entries = journal.entries.slice(0, count);
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

const migrateTo = (h: TestDb, folder: string) =>
  h.kind === 'pglite'
    ? migratePglite(h.db as never, { migrationsFolder: folder })
    : migratePg(h.db as never, { migrationsFolder: folder });

describe.each(engines)('migration to double precision on %s', (engine) => {
  it('keeps every reading and brings float4 values back to the decimals that were written', async () => {
    const h = await freshDb(engine, { migrate: false });
    try {
      await migrateTo(h, firstMigrations(1));
      await h.db.execute(sql`
        insert into sections (code, name, lon, lat) values ('T1', '测试断面', 118.9, 28.9)`);
      await h.db.execute(sql`
        insert into readings (section_id, time, ph, "do", codmn, nh3n, tp, tn, temperature, turbidity, conductivity, valid)
          values (1, '2024-02-29T23:59:00+08:00', 7.35, 6.1, 4.2, 0.123, 0.1, 1.05, 17.3, 12.4, 345.6, true),
                 (1, '2024-03-01T00:00:00+08:00', null, 0.5, 15, 2.0, 0.025, null, -0.3, 0.1, 1234567, false);`);
      // Before: float4 widens with a binary tail, the bug this migration removes.
      const [before] = rowsOf<{ tp: number }>(
        await h.db.execute(sql`select tp::float8 as tp from readings where tp = 0.1::real`),
      );
      expect(before.tp).toBe(0.10000000149011612);

      await h.migrate();
      const rows = rowsOf<Record<string, number | null>>(
        await h.db.execute(sql`
          select ph, "do", codmn, nh3n, tp, tn, temperature, turbidity, conductivity
            from readings order by time`),
      );
      expect(rows).toEqual([
        {
          ph: 7.35,
          do: 6.1,
          codmn: 4.2,
          nh3n: 0.123,
          tp: 0.1,
          tn: 1.05,
          temperature: 17.3,
          turbidity: 12.4,
          conductivity: 345.6,
        },
        {
          ph: null,
          do: 0.5,
          codmn: 15,
          nh3n: 2,
          tp: 0.025,
          tn: null,
          temperature: -0.3,
          turbidity: 0.1,
          conductivity: 1234567,
        },
      ]);
      const types = rowsOf<{ column_name: string; data_type: string }>(
        await h.db.execute(sql`
          select column_name, data_type from information_schema.columns
           where table_schema = 'public' and data_type = 'real'`),
      );
      expect(types).toEqual([]);
      // An average of values exactly on the TP class II limit is the limit, not above it.
      const [avg] = rowsOf<{ tp: number }>(await h.db.execute(sql`select avg(tp) as tp from readings where tp = 0.1`));
      expect(avg.tp).toBe(0.1);
    } finally {
      await h.close();
    }
  });
});

describe.runIf(engines.includes('postgres'))('the PostgreSQL session clock', () => {
  it('is the bureau zone although the database says otherwise', async () => {
    const h = await freshDb('postgres');
    try {
      const plain = new pg.Client({ connectionString: h.url });
      await plain.connect();
      const own = await plain.query('show timezone');
      await plain.end();
      expect(own.rows[0].TimeZone).toBe(DATABASE_OWN_TIMEZONE);
      const [ours] = rowsOf<{ TimeZone: string }>(await h.db.execute(sql`show timezone`));
      expect(ours.TimeZone).toBe('Asia/Shanghai');
      const [day] = rowsOf<{ day: string }>(
        await h.db.execute(sql`select ('2025-12-31T16:30:00Z'::timestamptz)::date::text as day`),
      );
      expect(day.day).toBe('2026-01-01');
    } finally {
      await h.close();
    }
  });
});
