// The seed evaluates three-colour codes from its generated facts instead of reading them back;
// its rows must be exactly what the code service computes from the stored facts.
import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DbHandle, openDb, rowsOf } from '../../server/db/client';
import { codeDates, codeEvaluatedAt, seedDemo } from '../../server/db/seed';
import { CODE_CHUNK } from '../../server/domain/code-evaluation';
import { backfillCodeHistory } from '../../server/services/codes';

const AS_OF = '2025-06-30';
// City scale spans two evaluation chunks, so history ids depend on the chunking being the same.
const SCALE = 'city';

describe('seeded three-colour codes', () => {
  let h: DbHandle;

  beforeAll(async () => {
    h = await openDb();
    await h.migrate();
    await seedDemo(h.db, { scale: SCALE, seed: 3, asOf: AS_OF, onlineOutlets: 0 });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  const rows = async (query: SQL) => rowsOf<Record<string, unknown>>(await h.db.execute(query));
  const snapshot = async () => ({
    history: await rows(sql`
      select id, enterprise_id, as_of, colour, score, reasons, rules_version, evaluated_at
        from code_assessments order by id`),
    current: await rows(sql`select id, colour, score, insured, code_evaluated_at from enterprises order by id`),
  });

  it('equal, row for row and id for id, what backfillCodeHistory computes from the stored facts', async () => {
    const seeded = await snapshot();
    // Not vacuous: several chunks, every date, all three colours, changes after the first date.
    expect(seeded.current.length).toBeGreaterThan(CODE_CHUNK);
    const dates = codeDates(AS_OF);
    expect(new Set(seeded.history.map((r) => String(r.as_of)))).toEqual(new Set(dates));
    expect(new Set(seeded.current.map((e) => e.colour))).toEqual(new Set(['green', 'yellow', 'red']));
    expect(seeded.history.length).toBeGreaterThan(seeded.current.length * 1.5);
    expect(seeded.current.every((e) => e.code_evaluated_at === AS_OF)).toBe(true);
    // The bulk load dropped and rebuilt the table's index, and moved its sequence past the ids.
    const [state] = await rows(sql`
      select (select last_value from code_assessments_id_seq)::int as seq,
             (select max(id) from code_assessments)::int as max,
             (select count(*) from pg_indexes where indexname = 'code_assessments_enterprise_idx')::int as idx`);
    expect(state).toEqual({ seq: seeded.history.length, max: seeded.history.length, idx: 1 });

    await h.db.execute(sql`truncate code_assessments restart identity`);
    await h.db.execute(
      sql`update enterprises set colour = 'yellow', score = 1, insured = not insured, code_evaluated_at = null`,
    );
    await backfillCodeHistory(h.db, { dates, evaluatedAtFor: codeEvaluatedAt });
    const service = await snapshot();

    expect(service.current).toEqual(seeded.current);
    expect(service.history.length).toBe(seeded.history.length);
    expect(service.history).toEqual(seeded.history);
  });
});
