// Three-colour code, I/O side: gathers each enterprise's facts with a handful of set-based
// queries per chunk, evaluates them with the pure rules, stores the current code on the
// enterprise and appends history whenever colour or score changes.
import { type SQL, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../db/client';
import { type CodeFacts, type CodeResult, evaluateCode, windowStart } from '../domain/supervision-code';

const CHUNK = 5_000;

type Selector = { ids: number[]; where: (column: string) => SQL };

/** Dense id runs use a range (index friendly, no parameter list); explicit id lists use IN. */
function selectorFor(ids: number[]): Selector {
  const lo = ids[0];
  const hi = ids[ids.length - 1];
  const dense = hi - lo + 1 === ids.length;
  return {
    ids,
    where: (column) => (dense ? sql`${sql.raw(column)} between ${lo} and ${hi}` : sql`${sql.raw(column)} in ${ids}`),
  };
}

type FactsById = Map<number, CodeFacts & { insured: boolean }>;

/** json columns arrive parsed from both drivers; accept text too in case a driver leaves them alone. */
const parsed = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

async function loadFacts(db: Db, sel: Selector, asOf: string): Promise<FactsById> {
  const from = windowStart(asOf);
  const facts: FactsById = new Map(
    sel.ids.map((id) => [
      id,
      {
        asOf,
        cases: [],
        complaints: [],
        findings: [],
        exceedanceDays: 0,
        insuredWithSteward: false,
        unpaidDamageCompensation: false,
        insured: false,
      },
    ]),
  );
  // One statement, one row of json arrays: on PGlite decoding thousands of protocol rows costs
  // far more than the queries themselves. Facts inside the window only (strictly after its first
  // day, not after asOf), as the rules define; unpaid compensation counts however old the case.
  const [row] = rowsOf<Record<'cases' | 'complaints' | 'findings' | 'exceedances' | 'insurance' | 'unpaid', unknown>>(
    await db.execute(sql`
      select
        (select coalesce(json_agg(json_build_array(enterprise_id, id, filed, severity) order by enterprise_id, filed, id), '[]')
           from violation_cases
          where ${sel.where('enterprise_id')} and filed > ${from} and filed <= ${asOf}) as cases,
        (select coalesce(json_agg(json_build_array(enterprise_id, id, received, verified) order by enterprise_id, received, id), '[]')
           from complaints
          where ${sel.where('enterprise_id')} and received > ${from} and received <= ${asOf}) as complaints,
        (select coalesce(json_agg(json_build_array(enterprise_id, id, found, deadline, rectified) order by enterprise_id, found, id), '[]')
           from findings
          where ${sel.where('enterprise_id')} and found > ${from} and found <= ${asOf}) as findings,
        (select coalesce(json_agg(json_build_array(enterprise_id, days)), '[]')
           from (select enterprise_id, count(distinct day) as days from online_exceedances
                  where ${sel.where('enterprise_id')} and day > ${from} and day <= ${asOf}
                  group by enterprise_id) x) as exceedances,
        (select coalesce(json_agg(json_build_array(enterprise_id, steward)), '[]')
           from (select enterprise_id, bool_or(steward_org is not null) as steward from insurance_policies
                  where ${sel.where('enterprise_id')} and start <= ${asOf} and "end" >= ${asOf}
                  group by enterprise_id) x) as insurance,
        (select coalesce(json_agg(distinct c.enterprise_id), '[]')
           from damage_compensations d join violation_cases c on c.id = d.case_id
          where ${sel.where('c.enterprise_id')} and d.agreed <= ${asOf}
            and (not d.paid or d.paid_date is null or d.paid_date > ${asOf})) as unpaid`),
  );
  const get = (id: number) => facts.get(id);
  for (const [e, id, date, severity] of parsed<[number, number, string, 'general' | 'major'][]>(row.cases)) {
    get(e)?.cases.push({ id, date, severity });
  }
  for (const [e, id, date, verified] of parsed<[number, number, string, boolean][]>(row.complaints)) {
    get(e)?.complaints.push({ id, date, verified });
  }
  for (const [e, id, found, deadline, rectified] of parsed<[number, number, string, string, string | null][]>(
    row.findings,
  )) {
    get(e)?.findings.push({ id, found, deadline, rectified });
  }
  for (const [e, days] of parsed<[number, number][]>(row.exceedances)) {
    const f = get(e);
    if (f) f.exceedanceDays = Number(days);
  }
  for (const [e, steward] of parsed<[number, boolean][]>(row.insurance)) {
    const f = get(e);
    if (f) {
      f.insured = true;
      f.insuredWithSteward = steward;
    }
  }
  for (const e of parsed<number[]>(row.unpaid)) {
    const f = get(e);
    if (f) f.unpaidDamageCompensation = true;
  }
  return facts;
}

/** The facts the rules need for one enterprise on one date (detail endpoint, what-if). */
export async function loadCodeFacts(db: Db, enterpriseId: number, asOf: string): Promise<CodeFacts> {
  const facts = await loadFacts(db, selectorFor([enterpriseId]), asOf);
  const { insured: _insured, ...codeFacts } = facts.get(enterpriseId) as CodeFacts & { insured: boolean };
  return codeFacts;
}

/**
 * Re-evaluates the code of every enterprise (or of the given ones) as of a date. The enterprise's
 * current colour/score is only overwritten by an evaluation at least as recent as the stored one,
 * so back-filling history never clobbers today's code.
 */
export async function reassessEnterprises(
  db: Db,
  opts: {
    asOf: string;
    enterpriseIds?: number[];
    /** Timestamp stored on new history rows; defaults to now. */
    evaluatedAt?: string;
    /** Back-filling: append history only, leave the enterprises' current code alone. */
    historyOnly?: boolean;
  },
): Promise<{ assessed: number; changed: number }> {
  const { asOf } = opts;
  const evaluatedAt = opts.evaluatedAt ?? new Date().toISOString();
  let ids: number[];
  if (opts.enterpriseIds) {
    // Unknown ids are dropped here rather than failing the history insert's foreign key.
    const wanted = [...new Set(opts.enterpriseIds)].filter(Number.isInteger).sort((a, b) => a - b);
    ids = [];
    for (let i = 0; i < wanted.length; i += CHUNK) {
      const part = wanted.slice(i, i + CHUNK);
      const found = await db.execute(sql`select id from enterprises where id in ${part} order by id`);
      ids.push(...rowsOf<{ id: number }>(found).map((r) => r.id));
    }
  } else {
    ids = rowsOf<{ id: number }>(await db.execute(sql`select id from enterprises order by id`)).map((r) => r.id);
  }
  let assessed = 0;
  let changed = 0;
  for (let i = 0; i < ids.length; i += CHUNK) {
    const sel = selectorFor(ids.slice(i, i + CHUNK));
    const facts = await loadFacts(db, sel, asOf);
    const [previousRow] = rowsOf<{ previous: unknown }>(
      await db.execute(sql`
        select coalesce(json_agg(json_build_array(e, colour, score)), '[]') as previous
          from (select distinct on (enterprise_id) enterprise_id as e, colour, score from code_assessments
                 where ${sel.where('enterprise_id')} and as_of <= ${asOf}
                 order by enterprise_id, as_of desc, id desc) p`),
    );
    const previous = new Map(
      parsed<[number, string, number][]>(previousRow.previous).map(([e, colour, score]) => [e, { colour, score }]),
    );
    const updates: { id: number; colour: string; score: number; insured: boolean }[] = [];
    const history: {
      enterpriseId: number;
      asOf: string;
      colour: string;
      score: number;
      reasons: CodeResult['reasons'];
      rulesVersion: string;
      evaluatedAt: string;
    }[] = [];
    for (const [id, f] of facts) {
      const { insured, ...codeFacts } = f;
      const result = evaluateCode(codeFacts);
      updates.push({ id, colour: result.colour, score: result.score, insured });
      const before = previous.get(id);
      if (!before || before.colour !== result.colour || Number(before.score) !== result.score) {
        history.push({
          enterpriseId: id,
          asOf,
          colour: result.colour,
          score: result.score,
          reasons: result.reasons,
          rulesVersion: result.rulesVersion,
          evaluatedAt,
        });
      }
    }
    if (updates.length > 0 && !opts.historyOnly) {
      await db.execute(sql`
        update enterprises e
           set colour = u.colour, score = u.score, insured = u.insured, code_evaluated_at = ${asOf}
          from json_to_recordset(${JSON.stringify(updates)}::json) as u(id integer, colour text, score integer, insured boolean)
         where e.id = u.id and (e.code_evaluated_at is null or e.code_evaluated_at <= ${asOf})`);
    }
    if (history.length > 0) {
      await db.execute(sql`
        insert into code_assessments (enterprise_id, as_of, colour, score, reasons, rules_version, evaluated_at)
        select "enterpriseId", "asOf", colour, score, reasons, "rulesVersion", "evaluatedAt"
          from json_to_recordset(${JSON.stringify(history)}::json)
            as h("enterpriseId" integer, "asOf" date, colour text, score integer, reasons jsonb, "rulesVersion" text, "evaluatedAt" timestamptz)`);
    }
    assessed += facts.size;
    changed += history.length;
    // Let signals and HTTP requests through between chunks (PGlite resolves in microtasks).
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { assessed, changed };
}
