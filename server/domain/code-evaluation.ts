// Three-colour code over many enterprises and dates, pure: one date's view of an enterprise's
// raw facts and a chunk's evaluation with its history. The service (services/codes.ts) feeds it
// facts read from the database, the demo generator (db/seed/codes.ts) facts it just generated.
import { damageUnpaidOn } from './damage-compensation';
import { toDay } from './dates';
import { type CodeFacts, type CodeResult, evaluateCode, windowStart } from './supervision-code';

/** Enterprises per evaluation chunk; history ids follow chunk order, so the seed reuses it. */
export const CODE_CHUNK = 5_000;

/**
 * An enterprise's raw facts for a range of evaluation dates; `factsOn` cuts out one date's view,
 * so the window rules live in one place. Cases, complaints and findings stay in date-then-id
 * order, which reasons' evidence lists follow.
 */
export type FactRows = {
  cases: CodeFacts['cases'];
  complaints: CodeFacts['complaints'];
  findings: CodeFacts['findings'];
  /** Distinct exceedance days, ascending. */
  exceedanceDays: string[];
  policies: { start: string; end: string; steward: boolean }[];
  compensations: { agreed: string; paid: boolean; paidDate: string | null }[];
};

export const emptyFactRows = (): FactRows => ({
  cases: [],
  complaints: [],
  findings: [],
  exceedanceDays: [],
  policies: [],
  compensations: [],
});

type DateWindow = { asOf: string; day: string; from: string };

/** Worked out once per date, not once per enterprise: date arithmetic shows up in profiles. */
export function windowOf(asOf: string): DateWindow {
  const day = toDay(asOf);
  return { asOf, day, from: windowStart(day) };
}

function datedIn<T extends { date: string }>(items: T[], from: string, day: string): T[] {
  const out: T[] = [];
  for (const x of items) if (x.date > from && x.date <= day) out.push(x);
  return out;
}

function foundIn<T extends { found: string }>(items: T[], from: string, day: string): T[] {
  const out: T[] = [];
  for (const x of items) if (x.found > from && x.found <= day) out.push(x);
  return out;
}

/**
 * One date's facts: dated strictly after the window's first day and not after asOf; insured by
 * a policy in force that day; unpaid compensation counts however old the case. Runs millions of
 * times in a seed, hence loops rather than closures (under tsx each named one costs a __name call).
 */
export function factsOn(rows: FactRows, { asOf, day, from }: DateWindow): { facts: CodeFacts; insured: boolean } {
  let insured = false;
  let insuredWithSteward = false;
  for (const p of rows.policies) {
    if (p.start <= day && p.end >= day) {
      insured = true;
      if (p.steward) insuredWithSteward = true;
    }
  }
  let exceedanceDays = 0;
  for (const d of rows.exceedanceDays) if (d > from && d <= day) exceedanceDays++;
  let unpaidDamageCompensation = false;
  for (const d of rows.compensations) {
    if (damageUnpaidOn(d, day)) unpaidDamageCompensation = true;
  }
  const { cases, complaints, findings } = rows;
  return {
    insured,
    facts: {
      asOf,
      cases: datedIn(cases, from, day),
      complaints: datedIn(complaints, from, day),
      findings: foundIn(findings, from, day),
      exceedanceDays,
      insuredWithSteward,
      unpaidDamageCompensation,
    },
  };
}

export type HistoryRow = {
  enterpriseId: number;
  asOf: string;
  colour: string;
  score: number;
  reasons: CodeResult['reasons'];
  rulesVersion: string;
  evaluatedAt: string;
};

export type CodeUpdate = { id: number; colour: string; score: number; insured: boolean };

/**
 * Evaluates a chunk's facts on each of `dates` (ascending), dates outer and enterprises inner in
 * `rows`' order (history ids follow it), appending history whenever colour or score differs from
 * the evaluation before it: `previous` (stored history) for the first date, the previous date's
 * result after that. `updates` holds the last date's evaluation.
 */
export function evaluateChunk(
  rows: Map<number, FactRows>,
  dates: string[],
  evaluatedAtFor: (date: string) => string,
  previous = new Map<number, { colour: string; score: number }>(),
): { updates: CodeUpdate[]; history: HistoryRow[] } {
  const last = dates[dates.length - 1];
  const updates: CodeUpdate[] = [];
  const history: HistoryRow[] = [];
  // By position rather than in a Map: millions of Map updates showed in seed profiles.
  const ids = [...rows.keys()];
  const factRows = [...rows.values()];
  const colours = ids.map((id) => previous.get(id)?.colour);
  const scores = ids.map((id) => previous.get(id)?.score);
  for (const date of dates) {
    const evaluatedAt = evaluatedAtFor(date);
    const window = windowOf(date);
    for (let i = 0; i < ids.length; i++) {
      const { facts, insured } = factsOn(factRows[i], window);
      const { colour, score, reasons, rulesVersion } = evaluateCode(facts);
      if (date === last) updates.push({ id: ids[i], colour, score, insured });
      if (colours[i] !== colour || scores[i] !== score) {
        history.push({ enterpriseId: ids[i], asOf: date, colour, score, reasons, rulesVersion, evaluatedAt });
      }
      colours[i] = colour;
      scores[i] = score;
    }
  }
  return { updates, history };
}

export function checkHistoryDates(dates: string[]): void {
  for (const [i, date] of dates.entries()) {
    if (toDay(date) !== date) throw new RangeError(`dates must be YYYY-MM-DD, got ${date}`);
    if (i > 0 && date <= dates[i - 1]) throw new RangeError(`dates must ascend strictly: ${dates[i - 1]}, ${date}`);
  }
}
