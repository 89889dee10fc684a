import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DbHandle, rowsOf } from '../../server/db/client';
import { findingState } from '../../server/domain/findings';
import { windowStart } from '../../server/domain/supervision-code';
import { SESSION_COOKIE } from '../../server/http/session';
import { createUser, login } from '../../server/services/auth';
import { findingStateSql, rectificationIn } from '../../server/services/rectification';
import { testApi } from '../support/app';
import { FIXTURE_AS_OF, seededDb } from '../support/seeded';
import { engines } from '../support/test-db';

type Tally = { total: number; rectified: number; rate: number | null };

// One rule for a finding's state and the rectification rate, whichever screen shows it.
describe.each(engines)('rectification on %s', (engine) => {
  let h: DbHandle;
  let t: ReturnType<typeof testApi>;
  let staff: RequestInit;
  beforeAll(async () => {
    h = await seededDb(engine);
    t = testApi(h);
    // The public sees only counts of findings (issue 13's public line); their states are for staff.
    const password = 'Rectification-check-2026!';
    await createUser(h.db, { username: 'rect-analyst', displayName: 'analyst', role: 'analyst', password });
    const s = await login(h.db, { username: 'rect-analyst', password });
    if (!s.ok) throw new Error('login failed');
    staff = { headers: { cookie: `${SESSION_COOKIE}=${s.session.id}` } };
  });
  afterAll(() => h?.close());

  it("the SQL state is the domain's state on every edge", async () => {
    const asOf = '2024-02-29';
    const cases: [string, string | null][] = [
      ['2024-02-28', null], // deadline passed → overdue
      ['2024-02-29', null], // deadline today → still open
      ['2024-03-01', null],
      ['2024-02-01', '2024-02-29'], // rectified on the day → rectified
      ['2024-02-01', '2024-03-01'], // rectified after the date, deadline passed → overdue
      ['2024-03-31', '2024-03-01'], // rectified after the date, deadline ahead → open
      ['2024-03-31', '2024-01-10'], // rectified early → rectified
    ];
    const values = sql.join(
      cases.map(([d, r]) => sql`(${d}::date, ${r}::date)`),
      sql`, `,
    );
    const rows = rowsOf<{ state: string }>(
      await h.db.execute(
        sql`select ${findingStateSql(asOf)} as state from (values ${values}) as f(deadline, rectified)`,
      ),
    );
    const expected = cases.map(([deadline, rectified]) => findingState({ deadline, rectified }, asOf));
    expect(expected).toEqual(['overdue', 'open', 'open', 'rectified', 'overdue', 'open', 'rectified']);
    expect(rows.map((r) => r.state)).toEqual(expected);
  });

  it("the city's rate is the parks' plus the enterprises outside any park", async () => {
    const city = (await t.json('/api/stats/overview')).body.rectification as Tally;
    const parks = (await t.json('/api/parks')).body.features as { id: number }[];
    let total = 0;
    let rectified = 0;
    for (const p of parks) {
      const { status, body } = await t.json(`/api/parks/${p.id}/stats`);
      expect(status).toBe(200);
      const r = body.rectification as Tally;
      expect(r.rate).toBe(r.total ? r.rectified / r.total : null);
      total += r.total;
      rectified += r.rectified;
    }
    const outside = await rectificationIn(h.db, FIXTURE_AS_OF, sql`e.park_id is null`);
    // Not vacuous: the demo has findings both in parks and outside them, some due and unrectified.
    expect(total).toBeGreaterThan(0);
    expect(outside.total).toBeGreaterThan(0);
    expect(city.rectified).toBeLessThan(city.total);
    expect(city.total).toBe(total + outside.total);
    expect(city.rectified).toBe(rectified + outside.rectified);
    expect(city.rate).toBeCloseTo(city.rectified / city.total, 12);
  });

  it("a finding rectified after the code's date is overdue in the story, as in the score", async () => {
    // Plant one: a finding in the window whose deadline had passed by the assessment date and
    // that was rectified only the day after it.
    const [f] = rowsOf<{ id: number; enterpriseId: number; asOf: string }>(
      await h.db.execute(sql`
        select f.id, f.enterprise_id as "enterpriseId", e.code_evaluated_at::text as "asOf"
          from findings f join enterprises e on e.id = f.enterprise_id
         where f.deadline < e.code_evaluated_at and f.found > e.code_evaluated_at - interval '6 months'
         order by f.id limit 1`),
    );
    expect(f).toBeDefined();
    await h.db.execute(sql`update findings set rectified = ${f.asOf}::date + 1 where id = ${f.id}`);
    const detail = (await t.json(`/api/enterprises/${f.enterpriseId}`, staff)).body;
    const planted = detail.findings.find((x: any) => x.id === f.id);
    expect(planted.state).toBe('overdue');
    for (const x of detail.findings) expect(x.state).toBe(findingState(x, f.asOf));
    const code = (await t.json(`/api/enterprises/${f.enterpriseId}/code`, staff)).body;
    expect(code.evaluatedAt).toBe(f.asOf);
    const overdue = code.reasons.find((r: any) => r.rule === 'findingOverdue');
    // −8 for each overdue finding in the window, the planted one included.
    const inWindow = detail.findings.filter(
      (x: any) => x.state === 'overdue' && x.found > windowStart(f.asOf) && x.found <= f.asOf,
    );
    expect(overdue.points).toBe(-8 * inWindow.length);
  });
});
