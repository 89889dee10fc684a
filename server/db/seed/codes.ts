// Three-colour codes for a freshly generated chunk, evaluated from the generated rows instead of
// reading them back out of the database: at province scale the read-back cost minutes. The rows
// fed to the rules mirror loadFactRows (services/codes.ts) so the result is the service's.

import { CODE_CHUNK, emptyFactRows, evaluateChunk, type FactRows, type HistoryRow } from '../../domain/code-evaluation';
import { windowStart } from '../../domain/supervision-code';
import type { EnterpriseRow } from './enterprises';
import type { FactRows as GeneratedFacts } from './facts';

export type CodeAssessmentRow = HistoryRow & { id: number };

/** Date-then-id order, as loadFactRows's json_agg(… order by date, id). */
function byDateThenId<T extends { id?: number | string }>(date: (row: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const da = date(a);
    const db = date(b);
    return da < db ? -1 : da > db ? 1 : Number(a.id) - Number(b.id);
  };
}
const caseOrder = byDateThenId<FactRows['cases'][number]>((c) => c.date);
const complaintOrder = byDateThenId<FactRows['complaints'][number]>((c) => c.date);
const findingOrder = byDateThenId<FactRows['findings'][number]>((f) => f.found);

/**
 * Per enterprise of `rows` (in their order), the facts loadFactRows would read for `dates`:
 * dated in (windowStart(first), last], policies overlapping [first, last], compensations agreed by
 * the last date and not paid by the first, attributed to the enterprise through their case.
 */
function factRowsOf(rows: EnterpriseRow[], f: GeneratedFacts, dates: string[]): Map<number, FactRows> {
  const first = dates[0];
  const last = dates[dates.length - 1];
  const from = windowStart(first);
  const inRange = (d: string) => d > from && d <= last;
  const out = new Map<number, FactRows>(rows.map((e) => [e.id, emptyFactRows()]));
  const of = (enterpriseId: number | null | undefined) =>
    enterpriseId === null || enterpriseId === undefined ? undefined : out.get(enterpriseId);

  // Collected in generation order, then sorted per enterprise: a few rows each, not a whole chunk.
  for (const c of f.cases) {
    const date = c.filed as string;
    if (inRange(date)) of(c.enterpriseId)?.cases.push({ id: c.id, date, severity: c.severity });
  }
  for (const c of f.complaints) {
    const date = c.received as string;
    if (inRange(date)) of(c.enterpriseId)?.complaints.push({ id: c.id, date, verified: c.verified ?? false });
  }
  for (const x of f.findings) {
    const found = x.found as string;
    if (inRange(found)) {
      of(x.enterpriseId)?.findings.push({
        id: x.id,
        found,
        deadline: x.deadline as string,
        rectified: (x.rectified as string | null | undefined) ?? null,
      });
    }
  }
  for (const r of out.values()) {
    if (r.cases.length > 1) r.cases.sort(caseOrder);
    if (r.complaints.length > 1) r.complaints.sort(complaintOrder);
    if (r.findings.length > 1) r.findings.sort(findingOrder);
  }
  const days = new Map<number, Set<string>>();
  for (const x of f.exceedances) {
    if (!inRange(x.day as string)) continue;
    const set = days.get(x.enterpriseId) ?? new Set<string>();
    set.add(x.day as string);
    days.set(x.enterpriseId, set);
  }
  for (const [enterpriseId, set] of days) {
    const r = of(enterpriseId);
    if (r) r.exceedanceDays = [...set].sort();
  }
  for (const p of f.insurance) {
    if ((p.start as string) <= last && (p.end as string) >= first) {
      of(p.enterpriseId)?.policies.push({
        start: p.start as string,
        end: p.end as string,
        steward: p.stewardOrg !== null && p.stewardOrg !== undefined,
      });
    }
  }
  const caseOwner = new Map(f.cases.map((c) => [c.id, c.enterpriseId]));
  for (const d of f.damage) {
    const paidDate = (d.paidDate as string | null | undefined) ?? null;
    const paid = d.paid ?? false;
    if ((d.agreed as string) <= last && (!paid || paidDate === null || paidDate > first)) {
      of(caseOwner.get(d.caseId))?.compensations.push({ agreed: d.agreed as string, paid, paidDate });
    }
  }
  return out;
}

/**
 * Sets the current code on `rows` (as backfillCodeHistory's update would) and returns their
 * history rows, ids from `nextId`. Evaluated in CODE_CHUNK slices of consecutive enterprises,
 * dates outer, so ids come out as the back-fill would number them, provided `rows` starts at a
 * CODE_CHUNK boundary of the whole id sequence.
 */
export function seedCodes(
  rows: EnterpriseRow[],
  facts: GeneratedFacts,
  dates: string[],
  evaluatedAtFor: (date: string) => string,
  nextId: () => number,
): CodeAssessmentRow[] {
  const last = dates[dates.length - 1];
  const all = factRowsOf(rows, facts, dates);
  const byId = new Map(rows.map((e) => [e.id, e]));
  const ids = [...all.keys()];
  const out: CodeAssessmentRow[] = [];
  for (let i = 0; i < ids.length; i += CODE_CHUNK) {
    const slice = new Map(ids.slice(i, i + CODE_CHUNK).map((id) => [id, all.get(id) as FactRows]));
    const { updates, history } = evaluateChunk(slice, dates, evaluatedAtFor);
    for (const u of updates) {
      const e = byId.get(u.id) as EnterpriseRow;
      e.colour = u.colour as EnterpriseRow['colour'];
      e.score = u.score;
      e.insured = u.insured;
      e.codeEvaluatedAt = last;
    }
    for (const h of history) out.push({ id: nextId(), ...h });
  }
  return out;
}
