// Three-colour code, I/O side: gathers each enterprise's facts with a handful of set-based
// queries per chunk, evaluates them with the pure rules, stores the current code on the
// enterprise and appends history whenever colour or score changes.
import { desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../db/client';
import { codeAssessments, enterprises, inspectionPlans } from '../db/schema';
import {
  CODE_CHUNK,
  checkHistoryDates,
  emptyFactRows,
  evaluateChunk,
  type FactRows,
  factsOn,
  windowOf,
} from '../domain/code-evaluation';
import { BUREAU_TZ } from '../domain/dates';
import { type CodeFacts, evaluateCode, planInspections, windowStart } from '../domain/supervision-code';
import { dataAsOf } from './as-of';
import { flaggedEnterprises, openSince } from './online/flags';

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

/** json columns arrive parsed from both drivers; accept text too in case a driver leaves them alone. */
const parsed = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

/**
 * Loads, in one statement, every fact any of `dates` (ascending) can see: dated inside some
 * date's window, policies overlapping the range, compensations possibly unpaid on some date.
 * The seed builds the same rows from its generated facts (seed/codes.ts): keep the two in step.
 * One row of json arrays because on PGlite decoding thousands of protocol rows costs far more
 * than the queries themselves.
 */
async function loadFactRows(db: Db, sel: Selector, dates: string[]): Promise<Map<number, FactRows>> {
  const first = dates[0];
  const last = dates[dates.length - 1];
  const from = windowStart(first);
  const rows = new Map<number, FactRows>(sel.ids.map((id) => [id, emptyFactRows()]));
  const [row] = rowsOf<
    Record<'cases' | 'complaints' | 'findings' | 'exceedances' | 'insurance' | 'compensations', unknown>
  >(
    await db.execute(sql`
      select
        (select coalesce(json_agg(json_build_array(enterprise_id, id, filed, severity) order by enterprise_id, filed, id), '[]')
           from violation_cases
          where ${sel.where('enterprise_id')} and filed > ${from} and filed <= ${last}) as cases,
        (select coalesce(json_agg(json_build_array(enterprise_id, id, received, verified) order by enterprise_id, received, id), '[]')
           from complaints
          where ${sel.where('enterprise_id')} and received > ${from} and received <= ${last}) as complaints,
        (select coalesce(json_agg(json_build_array(enterprise_id, id, found, deadline, rectified) order by enterprise_id, found, id), '[]')
           from findings
          where ${sel.where('enterprise_id')} and found > ${from} and found <= ${last}) as findings,
        (select coalesce(json_agg(json_build_array(enterprise_id, days)), '[]')
           from (select enterprise_id, json_agg(day order by day) as days
                   from (select distinct enterprise_id, day from online_exceedances
                          where ${sel.where('enterprise_id')} and day > ${from} and day <= ${last}) d
                  group by enterprise_id) x) as exceedances,
        (select coalesce(json_agg(json_build_array(enterprise_id, start, "end", steward_org is not null)), '[]')
           from insurance_policies
          where ${sel.where('enterprise_id')} and start <= ${last} and "end" >= ${first}) as insurance,
        (select coalesce(json_agg(json_build_array(c.enterprise_id, d.agreed, d.paid, d.paid_date)), '[]')
           from damage_compensations d join violation_cases c on c.id = d.case_id
          where ${sel.where('c.enterprise_id')} and d.agreed <= ${last}
            and (not d.paid or d.paid_date is null or d.paid_date > ${first})) as compensations`),
  );
  for (const [e, id, date, severity] of parsed<[number, number, string, 'general' | 'major'][]>(row.cases)) {
    rows.get(e)?.cases.push({ id, date, severity });
  }
  for (const [e, id, date, verified] of parsed<[number, number, string, boolean][]>(row.complaints)) {
    rows.get(e)?.complaints.push({ id, date, verified });
  }
  for (const [e, id, found, deadline, rectified] of parsed<[number, number, string, string, string | null][]>(
    row.findings,
  )) {
    rows.get(e)?.findings.push({ id, found, deadline, rectified });
  }
  for (const [e, days] of parsed<[number, string[]][]>(row.exceedances)) {
    const r = rows.get(e);
    if (r) r.exceedanceDays = days;
  }
  for (const [e, start, end, steward] of parsed<[number, string, string, boolean][]>(row.insurance)) {
    rows.get(e)?.policies.push({ start, end, steward });
  }
  for (const [e, agreed, paid, paidDate] of parsed<[number, string, boolean, string | null][]>(row.compensations)) {
    rows.get(e)?.compensations.push({ agreed, paid, paidDate });
  }
  return rows;
}

/** The facts the rules need for one enterprise on one date (detail endpoint, what-if). */
export async function loadCodeFacts(db: Db, enterpriseId: number, asOf: string): Promise<CodeFacts> {
  const rows = await loadFactRows(db, selectorFor([enterpriseId]), [asOf]);
  return factsOn(rows.get(enterpriseId) as FactRows, windowOf(asOf)).facts;
}

/**
 * Evaluates one chunk on each of `dates` (ascending) from a single fact load (see evaluateChunk),
 * starting from the stored history before the first date. With `setCurrent`, the last date's
 * evaluation becomes the enterprises' current code unless a more recent one is already stored.
 */
async function assessChunk(
  db: Db,
  sel: Selector,
  dates: string[],
  evaluatedAtFor: (date: string) => string,
  setCurrent: boolean,
): Promise<number> {
  const rows = await loadFactRows(db, sel, dates);
  const [previousRow] = rowsOf<{ previous: unknown }>(
    await db.execute(sql`
      select coalesce(json_agg(json_build_array(e, colour, score)), '[]') as previous
        from (select distinct on (enterprise_id) enterprise_id as e, colour, score from code_assessments
               where ${sel.where('enterprise_id')} and as_of <= ${dates[0]}
               order by enterprise_id, as_of desc, id desc) p`),
  );
  const previous = new Map<number, { colour: string; score: number }>(
    parsed<[number, string, number][]>(previousRow.previous).map(([e, colour, score]) => [
      e,
      { colour, score: Number(score) },
    ]),
  );
  const last = dates[dates.length - 1];
  const { updates, history } = evaluateChunk(rows, dates, evaluatedAtFor, previous);
  if (updates.length > 0 && setCurrent) {
    await db.execute(sql`
      update enterprises e
         set colour = u.colour, score = u.score, insured = u.insured, code_evaluated_at = ${last}
        from json_to_recordset(${JSON.stringify(updates)}::json) as u(id integer, colour text, score integer, insured boolean)
       where e.id = u.id and (e.code_evaluated_at is null or e.code_evaluated_at <= ${last})`);
  }
  if (history.length > 0) {
    await db.execute(sql`
      insert into code_assessments (enterprise_id, as_of, colour, score, reasons, rules_version, evaluated_at)
      select "enterpriseId", "asOf", colour, score, reasons, "rulesVersion", "evaluatedAt"
        from json_to_recordset(${JSON.stringify(history)}::json)
          as h("enterpriseId" integer, "asOf" date, colour text, score integer, reasons jsonb, "rulesVersion" text, "evaluatedAt" timestamptz)`);
  }
  // Let signals and HTTP requests through between chunks (PGlite resolves in microtasks).
  await new Promise((resolve) => setImmediate(resolve));
  return history.length;
}

async function allEnterpriseIds(db: Db): Promise<number[]> {
  return rowsOf<{ id: number }>(await db.execute(sql`select id from enterprises order by id`)).map((r) => r.id);
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
    for (let i = 0; i < wanted.length; i += CODE_CHUNK) {
      const part = wanted.slice(i, i + CODE_CHUNK);
      const found = await db.execute(sql`select id from enterprises where id in ${part} order by id`);
      ids.push(...rowsOf<{ id: number }>(found).map((r) => r.id));
    }
  } else {
    ids = await allEnterpriseIds(db);
  }
  let changed = 0;
  for (let i = 0; i < ids.length; i += CODE_CHUNK) {
    changed += await assessChunk(
      db,
      selectorFor(ids.slice(i, i + CODE_CHUNK)),
      [asOf],
      () => evaluatedAt,
      !opts.historyOnly,
    );
  }
  return { assessed: ids.length, changed };
}

/**
 * Back-fills code history for every enterprise over `dates` (ascending; the last one also sets the
 * current code, as reassessEnterprises does). Same rows as reassessEnterprises date by date when
 * no history exists after the first date, but each chunk's facts are loaded once, not per date.
 */
export async function backfillCodeHistory(
  db: Db,
  opts: {
    dates: string[];
    /** Timestamp stored on the history rows of each date. */
    evaluatedAtFor: (date: string) => string;
    onChunk?: (done: number, total: number) => void;
  },
): Promise<{ assessed: number; changed: number }> {
  const { dates } = opts;
  checkHistoryDates(dates);
  const ids = dates.length > 0 ? await allEnterpriseIds(db) : [];
  let changed = 0;
  opts.onChunk?.(0, ids.length);
  for (let i = 0; i < ids.length; i += CODE_CHUNK) {
    const chunk = ids.slice(i, i + CODE_CHUNK);
    changed += await assessChunk(db, selectorFor(chunk), dates, opts.evaluatedAtFor, true);
    opts.onChunk?.(i + chunk.length, ids.length);
  }
  return { assessed: ids.length, changed };
}

/**
 * An enterprise's code as of its last evaluation (else the data's date) with its colour history,
 * newest first; null when there is no such enterprise.
 */
export async function enterpriseCode(db: Db, id: number) {
  const [e] = await db
    .select({ evaluatedAt: enterprises.codeEvaluatedAt })
    .from(enterprises)
    .where(eq(enterprises.id, id));
  if (!e) return null;
  const asOf = e.evaluatedAt ?? (await dataAsOf(db));
  const [result, history] = await Promise.all([
    loadCodeFacts(db, id, asOf).then((facts) => evaluateCode(facts)),
    db
      .select({ date: codeAssessments.asOf, colour: codeAssessments.colour, score: codeAssessments.score })
      .from(codeAssessments)
      .where(eq(codeAssessments.enterpriseId, id))
      .orderBy(desc(codeAssessments.asOf), desc(codeAssessments.id)),
  ]);
  return { ...result, evaluatedAt: asOf, history };
}

/**
 * Draws a double-random plan over the current red and yellow codes, plus every enterprise with open
 * monitoring-data flags, and records it with its seed.
 */
export async function drawInspectionPlan(
  db: Db,
  p: { period: string; yellowRate: number; seed: number; createdBy: number | null },
) {
  const candidates = await db
    .select({ id: enterprises.id, colour: enterprises.colour })
    .from(enterprises)
    .where(inArray(enterprises.colour, ['red', 'yellow']));
  const flagged = await flaggedEnterprises(db, await openSince(db, BUREAU_TZ));
  const plan = planInspections(candidates, p.yellowRate, p.seed, flagged);
  const [row] = await db
    .insert(inspectionPlans)
    .values({ ...p, red: plan.red, sampledYellow: plan.sampledYellow, flagged: plan.flagged })
    .returning({ id: inspectionPlans.id });
  // Flagged enterprises can be green, outside the red/yellow lists the dialog names: name them here.
  const names = plan.flagged.length
    ? await db
        .select({ id: enterprises.id, name: enterprises.name, uscc: enterprises.uscc, colour: enterprises.colour })
        .from(enterprises)
        .where(
          inArray(
            enterprises.id,
            plan.flagged.map((f) => f.id),
          ),
        )
    : [];
  const byId = new Map(names.map((n) => [n.id, n]));
  const named = plan.flagged.map((f) => ({
    ...f,
    name: byId.get(f.id)?.name ?? '',
    uscc: byId.get(f.id)?.uscc ?? '',
    colour: byId.get(f.id)?.colour ?? 'green',
  }));
  return { planId: row.id, ...plan, flagged: named };
}
