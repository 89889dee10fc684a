// Three-colour supervision code (三色码). The points, window and thresholds are data
// (data/rules/supervision-code.v1.json); an assessment records the rules version it used.
import defaultRulesJson from '../../data/rules/supervision-code.v1.json';
import { addDays, addMonths, memoByDay, toDay } from './dates';
import { findingState } from './findings';
import { mulberry32 } from './random';

export type Colour = 'green' | 'yellow' | 'red';

type Label = { zh: string; en: string };
type PointRule = { points: number; label: Label };

export type SupervisionCodeRules = {
  version: string;
  windowMonths: number;
  start: number;
  max: number;
  min: number;
  points: {
    caseGeneral: PointRule;
    caseMajor: PointRule;
    verifiedComplaint: PointRule;
    findingOverdue: PointRule;
    findingOpen: PointRule;
    exceedanceDay: PointRule & { cap: number };
    insuredWithSteward: PointRule;
    rectificationBonus: PointRule & { minFindings: number; minRate: number };
  };
  thresholds: { green: number; yellow: number };
  hardRules: Record<HardRule, { maxColour: Colour; label: Label }>;
  colours: Record<Colour, Label>;
};

export type HardRule = 'majorCase' | 'unpaidDamageCompensation' | 'anyCase';
export type PointRuleName = keyof SupervisionCodeRules['points'];

export const DEFAULT_SUPERVISION_CODE_RULES: SupervisionCodeRules = defaultRulesJson as SupervisionCodeRules;

type Id = string | number;

export type CodeFacts = {
  /** YYYY-MM-DD */
  asOf: string;
  cases: { id?: Id; date: string; severity: 'general' | 'major' }[];
  complaints: { id?: Id; date: string; verified: boolean }[];
  /** `rectified` is the date the finding was rectified, if it was. */
  findings: { id?: Id; found: string; deadline: string; rectified?: string | null }[];
  /** Online-monitoring exceedance days within the window, counted by the caller. */
  exceedanceDays: number;
  insuredWithSteward: boolean;
  unpaidDamageCompensation: boolean;
};

export type CodeReason = { rule: string; label: string; points: number; evidence: Id[] };

/**
 * One step towards green, as data for the app to word in either language. The rule says what
 * the step is: pay the damage compensation (unpaidDamageCompensation), rectify a finding
 * (findingOverdue, findingOpen), insure with a steward (insuredWithSteward), earn the
 * rectification bonus, or wait until a case, complaint or exceedance days leave the window.
 */
export const PATH_STEP_RULES = [
  'unpaidDamageCompensation',
  'caseMajor',
  'caseGeneral',
  'findingOverdue',
  'findingOpen',
  'insuredWithSteward',
  'rectificationBonus',
  'verifiedComplaint',
  'exceedanceDay',
] as const satisfies readonly (PointRuleName | HardRule)[];

export type PathStep = {
  rule: (typeof PATH_STEP_RULES)[number];
  points: number;
  /** A finding's deadline to rectify by, or the day a case or complaint leaves the window. */
  date: string | null;
  /** The day of the fact concerned: a case's filing, a finding's or complaint's date. */
  factDate: string | null;
  /** Findings counted for the bonus, or exceedance days waiting to leave the window. */
  count: number | null;
  /** The fact's id (or its day when it has none); internal, so the public gets none. */
  evidence: Id[];
};

export type CodeResult = {
  colour: Colour;
  score: number;
  reasons: CodeReason[];
  hardRule: string | null;
  pathToGreen: PathStep[];
  rulesVersion: string;
};

/** Lower is better; used to combine score colour with hard-rule caps. */
export const COLOUR_RANK: Record<Colour, number> = { green: 0, yellow: 1, red: 2 };

function worseColour(a: Colour, b: Colour): Colour {
  return COLOUR_RANK[a] >= COLOUR_RANK[b] ? a : b;
}

export function colourForScore(score: number, rules: SupervisionCodeRules = DEFAULT_SUPERVISION_CODE_RULES): Colour {
  if (score >= rules.thresholds.green) return 'green';
  if (score >= rules.thresholds.yellow) return 'yellow';
  return 'red';
}

// Both depend only on the window length and the day, and a seed asks them millions of times.
const startByKey = memoByDay((key) => {
  const [months, asOf] = key.split('|');
  return addMonths(toDay(asOf), -Number(months));
});
const exitByKey = memoByDay((key) => {
  const [months, day] = key.split('|');
  const d = toDay(day);
  // Month-end clamping (a fact on 02-29) can keep a fact in for a day or two past +N months.
  let candidate = addMonths(d, Number(months));
  while (startByKey(`${months}|${candidate}`) < d) candidate = addDays(candidate, 1);
  return candidate;
});

/** First day of the window: facts must be dated strictly after it and not after asOf. */
export function windowStart(asOf: string, rules: SupervisionCodeRules = DEFAULT_SUPERVISION_CODE_RULES): string {
  return startByKey(`${rules.windowMonths}|${asOf}`);
}

/** The first evaluation date on which a fact dated `day` is no longer in the window. */
export function leavesWindowOn(day: string, rules: SupervisionCodeRules = DEFAULT_SUPERVISION_CODE_RULES): string {
  return exitByKey(`${rules.windowMonths}|${day}`);
}

// evaluateCode's helpers live out here rather than as closures in it: under tsx (esbuild
// keepNames) every named closure costs a __name call per evaluation, which made a seed's
// millions of evaluations several times slower.
function addReason(
  reasons: CodeReason[],
  rules: SupervisionCodeRules,
  rule: PointRuleName,
  points: number,
  evidence: Id[],
): void {
  if (points !== 0) reasons.push({ rule, label: rules.points[rule].label.zh, points, evidence });
}

/** Strictly after the window's first day and not after asOf. */
function inWindow(day: string, start: string, asOf: string): boolean {
  return day > start && day <= asOf;
}

function clampScore(x: number, rules: SupervisionCodeRules): number {
  return Math.min(rules.max, Math.max(rules.min, x));
}

function bonusEarned(rules: SupervisionCodeRules, findings: number, rectified: number): boolean {
  const bonus = rules.points.rectificationBonus;
  return findings >= bonus.minFindings && rectified / findings >= bonus.minRate;
}

export function evaluateCode(
  facts: CodeFacts,
  rules: SupervisionCodeRules = DEFAULT_SUPERVISION_CODE_RULES,
): CodeResult {
  const asOf = toDay(facts.asOf);
  const start = windowStart(asOf, rules);
  const P = rules.points;

  if (!Number.isFinite(facts.exceedanceDays) || facts.exceedanceDays < 0) {
    throw new RangeError('exceedanceDays must be a finite number ≥ 0');
  }

  const cases = facts.cases
    .map((c) => ({ ...c, day: toDay(c.date) }))
    .filter((c) => inWindow(c.day, start, asOf))
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const complaints = facts.complaints
    .map((c) => ({ ...c, day: toDay(c.date) }))
    .filter((c) => c.verified && inWindow(c.day, start, asOf))
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const findings = facts.findings
    .map((f) => {
      const found = toDay(f.found);
      const deadline = toDay(f.deadline);
      return { id: f.id, found, deadline, state: findingState(f, asOf) };
    })
    .filter((f) => inWindow(f.found, start, asOf))
    .sort((a, b) => (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : 0));

  const reasons: CodeReason[] = [];

  const general = cases.filter((c) => c.severity !== 'major');
  const major = cases.filter((c) => c.severity === 'major');
  addReason(
    reasons,
    rules,
    'caseMajor',
    major.length * P.caseMajor.points,
    major.map((c) => c.id ?? c.day),
  );
  addReason(
    reasons,
    rules,
    'caseGeneral',
    general.length * P.caseGeneral.points,
    general.map((c) => c.id ?? c.day),
  );
  addReason(
    reasons,
    rules,
    'verifiedComplaint',
    complaints.length * P.verifiedComplaint.points,
    complaints.map((c) => c.id ?? c.day),
  );

  const overdue = findings.filter((f) => f.state === 'overdue');
  const open = findings.filter((f) => f.state === 'open');
  const rectifiedCount = findings.length - overdue.length - open.length;
  addReason(
    reasons,
    rules,
    'findingOverdue',
    overdue.length * P.findingOverdue.points,
    overdue.map((f) => f.id ?? f.found),
  );
  addReason(
    reasons,
    rules,
    'findingOpen',
    open.length * P.findingOpen.points,
    open.map((f) => f.id ?? f.found),
  );

  const days = Math.floor(facts.exceedanceDays);
  const exceedancePoints = Math.max(days * P.exceedanceDay.points, P.exceedanceDay.cap);
  addReason(reasons, rules, 'exceedanceDay', exceedancePoints, days > 0 ? [days] : []);

  if (facts.insuredWithSteward) addReason(reasons, rules, 'insuredWithSteward', P.insuredWithSteward.points, []);

  const bonus = P.rectificationBonus;
  const hasBonus = bonusEarned(rules, findings.length, rectifiedCount);
  if (hasBonus) {
    addReason(
      reasons,
      rules,
      'rectificationBonus',
      bonus.points,
      findings.filter((f) => f.state === 'rectified').map((f) => f.id ?? f.found),
    );
  }

  const raw = rules.start + reasons.reduce((s, r) => s + r.points, 0);
  const score = clampScore(raw, rules);

  const triggered: HardRule[] = [];
  if (major.length > 0) triggered.push('majorCase');
  if (facts.unpaidDamageCompensation) triggered.push('unpaidDamageCompensation');
  if (cases.length > 0) triggered.push('anyCase');

  let colour = colourForScore(score, rules);
  for (const h of triggered) colour = worseColour(colour, rules.hardRules[h].maxColour);
  // Report the most restrictive hard rule that applies, whether or not the score alone agrees.
  let hardRule: HardRule | null = null;
  for (const h of triggered) {
    if (
      hardRule === null ||
      COLOUR_RANK[rules.hardRules[h].maxColour] > COLOUR_RANK[rules.hardRules[hardRule].maxColour]
    ) {
      hardRule = h;
    }
  }

  const pathToGreen: PathStep[] = [];
  if (colour !== 'green') {
    let projected = raw;
    const push = (rule: PathStep['rule'], points: number, more: Partial<PathStep> = {}) => {
      pathToGreen.push({ rule, points, date: null, factDate: null, count: null, evidence: [], ...more });
      projected += points;
    };

    // Hard rules first: without them gone no score is enough.
    if (facts.unpaidDamageCompensation) push('unpaidDamageCompensation', 0);
    const casesByExit = cases
      .map((c) => ({ ...c, exit: leavesWindowOn(c.day, rules) }))
      .sort((a, b) => (a.exit < b.exit ? -1 : a.exit > b.exit ? 1 : 0));
    for (const c of casesByExit) {
      const rule = c.severity === 'major' ? 'caseMajor' : 'caseGeneral';
      push(rule, -P[rule].points, { date: c.exit, factDate: c.day, evidence: [c.id ?? c.day] });
    }

    // Then what the enterprise can do now, then what only time cures.
    let rectifiedSoFar = rectifiedCount;
    let bonusPlanned = hasBonus;
    const rectify = (rule: 'findingOverdue' | 'findingOpen', f: (typeof findings)[number]) => {
      push(rule, -P[rule].points, { date: f.deadline, factDate: f.found, evidence: [f.id ?? f.found] });
      rectifiedSoFar++;
      if (!bonusPlanned && bonusEarned(rules, findings.length, rectifiedSoFar)) {
        bonusPlanned = true;
        push('rectificationBonus', bonus.points, { count: findings.length });
      }
    };
    const green = rules.thresholds.green;
    for (const f of overdue) {
      if (clampScore(projected, rules) >= green) break;
      rectify('findingOverdue', f);
    }
    if (clampScore(projected, rules) < green && !facts.insuredWithSteward) {
      push('insuredWithSteward', P.insuredWithSteward.points);
    }
    for (const f of open) {
      if (clampScore(projected, rules) >= green) break;
      rectify('findingOpen', f);
    }
    for (const c of complaints) {
      if (clampScore(projected, rules) >= green) break;
      push('verifiedComplaint', -P.verifiedComplaint.points, {
        date: leavesWindowOn(c.day, rules),
        factDate: c.day,
        evidence: [c.id ?? c.day],
      });
    }
    if (clampScore(projected, rules) < green && exceedancePoints < 0) {
      push('exceedanceDay', -exceedancePoints, { count: days });
    }
  }

  return { colour, score, reasons, hardRule, pathToGreen, rulesVersion: rules.version };
}

/** An enterprise with open online-monitoring integrity flags, and the kinds (the reason it is planned). */
export type FlaggedForPlan = { id: number; kinds: string[] };

/**
 * Inspection plan for a period: every red enterprise, no green one, and a seeded random share of
 * the yellow ones (双随机). Enterprises with open monitoring-data flags always enter, whatever
 * their colour, listed apart with their flag kinds as the reason; they are not drawn again from
 * the yellow pool. The same seed and the same set of enterprises always give the same plan,
 * whatever order the input comes in.
 */
export function planInspections(
  enterprises: { id: number; colour: Colour }[],
  yellowRate: number,
  seed: number,
  flaggedInput: FlaggedForPlan[] = [],
): { seed: number; red: number[]; sampledYellow: number[]; flagged: FlaggedForPlan[] } {
  if (!Number.isFinite(yellowRate)) throw new RangeError('yellowRate must be a finite number');
  const rate = Math.min(1, Math.max(0, yellowRate));
  const sorted = enterprises.slice().sort((a, b) => a.id - b.id);
  const flagged = flaggedInput
    .map((f) => ({ id: f.id, kinds: [...new Set(f.kinds)].sort() }))
    .sort((a, b) => a.id - b.id);
  const flaggedIds = new Set(flagged.map((f) => f.id));
  const red = sorted.filter((e) => e.colour === 'red').map((e) => e.id);
  const yellow = sorted.filter((e) => e.colour === 'yellow' && !flaggedIds.has(e.id)).map((e) => e.id);
  // The epsilon keeps 0.1 × 30 = 3.0000000000000004 from becoming 4.
  const k = Math.min(yellow.length, Math.ceil(rate * yellow.length - 1e-9));
  const rng = mulberry32(seed);
  // Partial Fisher–Yates: the first k slots are a uniform sample without replacement.
  const pool = yellow.slice();
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rng() * (pool.length - i));
    const tmp = pool[i];
    pool[i] = pool[j];
    pool[j] = tmp;
  }
  const sampledYellow = pool.slice(0, k).sort((a, b) => a - b);
  return { seed, red, sampledYellow, flagged };
}
