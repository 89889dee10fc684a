import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DbHandle, openDb, rowsOf } from '../../server/db/client';
import { codeAssessments, enterprises, findings, industries, regions, violationCases } from '../../server/db/schema';
import { mulberry32 } from '../../server/domain/random';
import { makeUscc } from '../../server/domain/uscc';
import { backfillCodeHistory, loadCodeFacts, reassessEnterprises } from '../../server/services/codes';
import { FIXTURE_AS_OF, seededDb } from '../support/seeded';

const AS_OF = '2025-06-30';

const base = {
  address: '浙江省衢州市柯城区',
  lon: 118.87,
  lat: 28.97,
  h3: '8941c1a4c03ffff',
  countyCode: '330802',
  industryCode: 'C26',
};

describe('code service', () => {
  let h: DbHandle;
  let offender: number;
  let clean: number;
  let caseId: number;
  let findingId: number;

  beforeAll(async () => {
    h = await openDb();
    await h.migrate();
    const db = h.db;
    await db.insert(regions).values([
      { code: '330800', name: '衢州市', level: 'city' },
      { code: '330802', name: '柯城区', level: 'county', parentCode: '330800' },
    ]);
    await db.insert(industries).values([
      { code: 'C', name: '制造业' },
      { code: 'C26', name: '化学原料和化学制品制造业', parentCode: 'C' },
    ]);
    const rng = mulberry32(1);
    [{ id: offender }, { id: clean }] = await db
      .insert(enterprises)
      .values([
        { ...base, uscc: makeUscc(rng, '330802'), name: '衢州测试化工有限公司' },
        { ...base, uscc: makeUscc(rng, '330802'), name: '衢州守法新材料有限公司' },
      ])
      .returning({ id: enterprises.id });
    [{ id: caseId }] = await db
      .insert(violationCases)
      .values({
        caseNo: '衢环罚〔2025〕1号',
        enterpriseId: offender,
        filed: '2025-03-01',
        medium: 'water',
        severity: 'major',
        penalty: 300_000,
        status: 'closed',
        summary: '私设暗管排放含重金属废水',
        lon: base.lon,
        lat: base.lat,
        h3: base.h3,
      })
      .returning({ id: violationCases.id });
    [{ id: findingId }] = await db
      .insert(findings)
      .values({
        enterpriseId: offender,
        source: 'inspection',
        description: '危废仓库防渗不到位',
        found: '2025-06-01',
        deadline: '2025-07-15',
      })
      .returning({ id: findings.id });
  });
  afterAll(async () => {
    await h?.close();
  });

  const history = () =>
    h.db
      .select()
      .from(codeAssessments)
      .where(eq(codeAssessments.enterpriseId, offender))
      .orderBy(asc(codeAssessments.id));
  const current = async (id: number) => (await h.db.select().from(enterprises).where(eq(enterprises.id, id)))[0];

  it('loads the facts in the window', async () => {
    const facts = await loadCodeFacts(h.db, offender, AS_OF);
    expect(facts.asOf).toBe(AS_OF);
    expect(facts.cases).toEqual([{ id: caseId, date: '2025-03-01', severity: 'major' }]);
    expect(facts.findings).toEqual([{ id: findingId, found: '2025-06-01', deadline: '2025-07-15', rectified: null }]);
    expect(facts).toMatchObject({ exceedanceDays: 0, insuredWithSteward: false, unpaidDamageCompensation: false });
    // A year later the case has left the 12-month window.
    expect((await loadCodeFacts(h.db, offender, '2026-03-02')).cases).toEqual([]);
  });

  it('turns an enterprise with a major case red, citing the case', async () => {
    expect(await reassessEnterprises(h.db, { asOf: AS_OF })).toEqual({ assessed: 2, changed: 2 });
    const e = await current(offender);
    expect(e.colour).toBe('red');
    expect(e.score).toBe(48);
    expect(e.codeEvaluatedAt).toBe(AS_OF);
    const [first] = await history();
    expect(first).toMatchObject({ asOf: AS_OF, colour: 'red', score: 48, rulesVersion: 'supervision-code.v1' });
    const reasons = first.reasons as { rule: string; evidence: unknown[] }[];
    expect(reasons.find((r) => r.rule === 'caseMajor')?.evidence).toEqual([caseId]);
    expect((await current(clean)).colour).toBe('green');
  });

  it('appends history only when colour or score changes', async () => {
    expect(await reassessEnterprises(h.db, { asOf: AS_OF })).toEqual({ assessed: 2, changed: 0 });
    expect(await history()).toHaveLength(1);

    // Rectifying the open finding lifts the score by 2, but the major case keeps the code red.
    await h.db.update(findings).set({ rectified: '2025-06-20' }).where(eq(findings.id, findingId));
    expect(await reassessEnterprises(h.db, { asOf: AS_OF, enterpriseIds: [offender] })).toEqual({
      assessed: 1,
      changed: 1,
    });
    const e = await current(offender);
    expect(e.colour).toBe('red');
    expect(e.score).toBe(50);
    const rows = await history();
    expect(rows.map((r) => [r.colour, r.score])).toEqual([
      ['red', 48],
      ['red', 50],
    ]);

    // A sparse id list takes the IN path rather than the id range; unknown ids are ignored.
    const [{ id: newcomer }] = await h.db
      .insert(enterprises)
      .values({ ...base, uscc: makeUscc(mulberry32(2), '330802'), name: '衢州新来环保科技有限公司' })
      .returning({ id: enterprises.id });
    expect(await reassessEnterprises(h.db, { asOf: AS_OF, enterpriseIds: [newcomer, offender, 999_999] })).toEqual({
      assessed: 2,
      changed: 1,
    });
    expect((await current(newcomer)).colour).toBe('green');
    expect(await history()).toHaveLength(2);
  });

  it('does not let a back-dated evaluation overwrite the current code', async () => {
    await reassessEnterprises(h.db, { asOf: '2025-01-31' });
    const e = await current(offender);
    expect(e.codeEvaluatedAt).toBe(AS_OF);
    expect(e.colour).toBe('red');
    // Before the case was filed the enterprise was green; that is history now.
    const rows = await history();
    expect(rows.some((r) => r.asOf === '2025-01-31' && r.colour === 'green')).toBe(true);
  });
});

describe('code history back-fill', () => {
  let h: DbHandle;
  // Month ends that clamp (02-28, 11-30) and a mid-month day, ending on the data's asOf.
  const dates = ['2025-08-31', '2025-11-30', '2026-02-28', '2026-04-15', FIXTURE_AS_OF];
  const evaluatedAtFor = (date: string) => `${date}T20:00:00+08:00`;

  beforeAll(async () => {
    h = await seededDb('pglite');
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  /** Same starting point for both runs: seeded history before the first date, stale current codes. */
  const reset = async () => {
    await h.db.execute(sql`delete from code_assessments where as_of >= ${dates[0]}`);
    await h.db.execute(
      sql`update enterprises set colour = 'yellow', score = 1, insured = not insured, code_evaluated_at = '2025-01-01'`,
    );
  };
  const snapshot = async () => ({
    history: rowsOf<Record<string, unknown>>(
      await h.db.execute(sql`
        select enterprise_id, as_of, colour, score, reasons, rules_version, evaluated_at
          from code_assessments order by enterprise_id, as_of`),
    ),
    current: rowsOf<Record<string, unknown>>(
      await h.db.execute(sql`select id, colour, score, insured, code_evaluated_at from enterprises order by id`),
    ),
  });

  it('gives the same history and current codes as reassessing date by date', async () => {
    await reset();
    const backfilled = await backfillCodeHistory(h.db, { dates, evaluatedAtFor });
    const fromBackfill = await snapshot();

    await reset();
    let changed = 0;
    for (const date of dates) {
      const r = await reassessEnterprises(h.db, {
        asOf: date,
        evaluatedAt: evaluatedAtFor(date),
        historyOnly: date !== FIXTURE_AS_OF,
      });
      changed += r.changed;
    }
    const dateByDate = await snapshot();

    expect(backfilled).toEqual({ assessed: 400, changed });
    // The comparison must not be vacuous: rows on several of the dates, current codes rewritten.
    const newRows = fromBackfill.history.filter((r) => String(r.as_of) >= dates[0]);
    expect(new Set(newRows.map((r) => r.as_of)).size).toBeGreaterThan(2);
    expect(fromBackfill.current.every((e) => e.code_evaluated_at === FIXTURE_AS_OF)).toBe(true);
    expect(fromBackfill.history).toEqual(dateByDate.history);
    expect(fromBackfill.current).toEqual(dateByDate.current);
  });

  it('rejects dates that do not ascend', async () => {
    await expect(backfillCodeHistory(h.db, { dates: ['2026-03-31', '2025-12-31'], evaluatedAtFor })).rejects.toThrow(
      RangeError,
    );
  });
});
