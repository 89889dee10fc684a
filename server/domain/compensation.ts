// Basin horizontal ecological compensation between an upstream and a downstream county
// (Zhejiang 2018 opinion): P = K0 · Σ wᵢ · Cᵢ / C0ᵢ decides who pays whom the annual amount.
import { dayOfYear, daysInYear } from './dates';
import { isFiniteNumber, mean, roundTo } from './numeric';
import { expectedReadings } from './sampling';

export type CompensationInput = {
  /** Default 0.85. */
  k0?: number;
  /** Default: equal weights over the baseline indicators. */
  weights?: Record<string, number>;
  /** C0ᵢ: mean of the three calendar years before the first assessed year. */
  baseline: Record<string, number>;
  /** Cᵢ: mean of the valid readings in the assessed year. */
  means: Record<string, number>;
  /** Annual amount A in CNY. */
  amount: number;
  coverage?: number | null;
  /** Default 0.75. */
  coverageThreshold?: number;
  /** The year is not finished: the result is a projection from the data so far. */
  projected?: boolean;
};

export type CompensationDirection = 'downstream_pays' | 'upstream_pays';
export type CompensationStatus = 'assessed' | 'projected' | 'insufficient_data' | 'not_in_force';

export type CompensationResult = {
  P: number | null;
  ratios: Record<string, number>;
  direction: CompensationDirection | null;
  amount: number;
  status: CompensationStatus;
};

export type ValidationIssue = { path: string; message: string };

export const DEFAULT_K0 = 0.85;
export const DEFAULT_COVERAGE_THRESHOLD = 0.75;
export const AMOUNT_MIN = 5_000_000;
export const AMOUNT_MAX = 10_000_000;
const WEIGHT_TOLERANCE = 1e-6;

export class CompensationValidationError extends Error {
  readonly details: ValidationIssue[];
  constructor(details: ValidationIssue[]) {
    super(`补偿参数无效 (invalid compensation input): ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`);
    this.name = 'CompensationValidationError';
    this.details = details;
  }
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function coverageInsufficient(input: CompensationInput): boolean {
  const threshold = input.coverageThreshold ?? DEFAULT_COVERAGE_THRESHOLD;
  return isFiniteNumber(input.coverage) && input.coverage < threshold;
}

function effectiveWeights(input: CompensationInput): Record<string, number> {
  if (input.weights) return input.weights;
  const keys = Object.keys(input.baseline);
  return Object.fromEntries(keys.map((k) => [k, 1 / keys.length]));
}

/**
 * Everything wrong with an input, as a list (empty when valid). Means may be missing for an
 * indicator only when coverage is already below the threshold: there is nothing to assess then.
 */
export function validateCompensationInput(input: CompensationInput): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const issue = (path: string, message: string) => issues.push({ path, message });

  if (!isFiniteNumber(input.amount)) {
    issue('amount', '年度补偿金额必须是有限数值 (amount must be a finite number)');
  } else if (input.amount < AMOUNT_MIN || input.amount > AMOUNT_MAX) {
    issue(
      'amount',
      `年度补偿金额须在 ${AMOUNT_MIN} 至 ${AMOUNT_MAX} 元之间 (annual amount must be between 5,000,000 and 10,000,000 CNY)`,
    );
  }

  if (input.k0 !== undefined) {
    if (!isFiniteNumber(input.k0)) issue('k0', 'K0 必须是有限数值 (k0 must be a finite number)');
    else if (input.k0 <= 0) issue('k0', 'K0 必须大于 0 (k0 must be greater than 0)');
  }

  if (input.coverage !== undefined && input.coverage !== null) {
    if (!isFiniteNumber(input.coverage) || input.coverage < 0) {
      issue('coverage', '数据覆盖率必须是不小于 0 的有限数值 (coverage must be a finite number ≥ 0)');
    }
  }
  if (input.coverageThreshold !== undefined) {
    const t = input.coverageThreshold;
    if (!isFiniteNumber(t) || t <= 0 || t > 1) {
      issue('coverageThreshold', '覆盖率阈值须在 (0, 1] 之间 (coverage threshold must be in (0, 1])');
    }
  }

  const baseline: Record<string, unknown> = isRecord(input.baseline) ? input.baseline : {};
  if (!isRecord(input.baseline) || Object.keys(baseline).length === 0) {
    issue('baseline', '缺少基准值 (baseline is missing)');
  }
  for (const [k, v] of Object.entries(baseline)) {
    if (!isFiniteNumber(v))
      issue(`baseline.${k}`, `基准值 ${k} 必须是有限数值 (baseline ${k} must be a finite number)`);
    else if (v <= 0) issue(`baseline.${k}`, `基准值 ${k} 必须大于 0 (baseline ${k} must be greater than 0)`);
  }

  const insufficient = coverageInsufficient(input);
  if (!isRecord(input.means)) {
    if (!insufficient) issue('means', '缺少年度均值 (means are missing)');
  } else {
    for (const [k, v] of Object.entries(input.means)) {
      if (!(k in baseline)) {
        issue(`baseline.${k}`, `指标 ${k} 缺少基准值 (baseline missing for indicator ${k})`);
      }
      if (!isFiniteNumber(v)) issue(`means.${k}`, `年度均值 ${k} 必须是有限数值 (mean ${k} must be a finite number)`);
      else if (v < 0) issue(`means.${k}`, `年度均值 ${k} 不能为负 (mean ${k} must not be negative)`);
    }
    if (!insufficient) {
      for (const k of Object.keys(baseline)) {
        if (!(k in input.means)) issue(`means.${k}`, `缺少指标 ${k} 的年度均值 (mean missing for indicator ${k})`);
      }
    }
  }

  if (input.weights !== undefined) {
    if (!isRecord(input.weights)) {
      issue('weights', '权重必须是对象 (weights must be an object)');
    } else {
      const wKeys = Object.keys(input.weights).sort();
      const bKeys = Object.keys(baseline).sort();
      if (wKeys.length !== bKeys.length || wKeys.some((k, i) => k !== bKeys[i])) {
        issue(
          'weights',
          `权重指标 [${wKeys.join(', ')}] 与基准指标 [${bKeys.join(', ')}] 不一致 (weight keys must equal baseline keys)`,
        );
      }
      let sum = 0;
      let allFinite = true;
      for (const [k, w] of Object.entries(input.weights)) {
        if (!isFiniteNumber(w)) {
          allFinite = false;
          issue(`weights.${k}`, `权重 ${k} 必须是有限数值 (weight ${k} must be a finite number)`);
        } else if (w < 0) {
          issue(`weights.${k}`, `权重 ${k} 不能为负 (weight ${k} must not be negative)`);
        }
        sum += isFiniteNumber(w) ? w : 0;
      }
      if (allFinite && Math.abs(sum - 1) > WEIGHT_TOLERANCE) {
        issue('weights', `权重之和须为 1，当前为 ${sum} (weights must sum to 1, got ${sum})`);
      }
    }
  }
  return issues;
}

/**
 * Assessment for one agreement and year. P ≤ 1 (water no worse than K0 × baseline) means the
 * downstream county pays the upstream one; P > 1 the reverse. Throws a
 * CompensationValidationError (with `.details`) on invalid input.
 */
export function assessCompensation(input: CompensationInput): CompensationResult {
  const issues = validateCompensationInput(input);
  if (issues.length > 0) throw new CompensationValidationError(issues);

  const k0 = input.k0 ?? DEFAULT_K0;
  const weights = effectiveWeights(input);
  const means = input.means ?? {};
  const keys = Object.keys(input.baseline);

  const ratios: Record<string, number> = {};
  let P: number | null = null;
  if (keys.every((k) => isFiniteNumber(means[k]))) {
    let sum = 0;
    for (const k of keys) {
      ratios[k] = means[k] / input.baseline[k];
      sum += weights[k] * ratios[k];
    }
    P = k0 * sum;
  } else {
    for (const k of keys) if (isFiniteNumber(means[k])) ratios[k] = means[k] / input.baseline[k];
  }

  if (coverageInsufficient(input) || P === null) {
    return { P, ratios, direction: null, amount: 0, status: 'insufficient_data' };
  }
  const direction: CompensationDirection = P <= 1 ? 'downstream_pays' : 'upstream_pays';
  return { P, ratios, direction, amount: input.amount, status: input.projected ? 'projected' : 'assessed' };
}

/**
 * Baseline C0 per indicator: the mean of the calendar-year means that exist (normally three).
 * Indicators with no finite annual mean are left out, which validation then reports.
 */
export function baselineFromAnnualMeans(annual: Record<string, number>[]): Record<string, number> {
  const byKey = new Map<string, number[]>();
  for (const year of annual) {
    for (const [k, v] of Object.entries(year)) {
      if (!isFiniteNumber(v)) continue;
      const list = byKey.get(k) ?? [];
      list.push(v);
      byKey.set(k, list);
    }
  }
  const out: Record<string, number> = {};
  for (const [k, values] of byKey) {
    const m = mean(values);
    if (m !== null) out[k] = m;
  }
  return out;
}

export type SettlementInput = {
  upstream: string;
  downstream: string;
  direction: CompensationDirection | null;
  amount: number;
  status: CompensationStatus;
};

export type Settlement = {
  countyCode: string;
  received: number;
  paid: number;
  net: number;
  /** What the county would receive, pay and net if this year's projections held: never in `net`. */
  projectedReceived: number;
  projectedPaid: number;
  projectedNet: number;
};

/**
 * Net position of each county over a set of agreements (normally one year). Only assessed results
 * are settled money; projections are summed apart. Every county that appears is listed, so a
 * county with only insufficient-data or not-in-force agreements shows 0 rather than vanishing.
 */
export function settle(results: SettlementInput[]): Settlement[] {
  type Acc = { received: number; paid: number; projectedReceived: number; projectedPaid: number };
  const acc = new Map<string, Acc>();
  const get = (code: string) => {
    let a = acc.get(code);
    if (!a) {
      a = { received: 0, paid: 0, projectedReceived: 0, projectedPaid: 0 };
      acc.set(code, a);
    }
    return a;
  };
  for (const r of results) {
    const up = get(r.upstream);
    const down = get(r.downstream);
    if (r.status !== 'assessed' && r.status !== 'projected') continue;
    if (r.direction === null || !isFiniteNumber(r.amount)) continue;
    const [payer, payee] = r.direction === 'downstream_pays' ? [down, up] : [up, down];
    if (r.status === 'assessed') {
      payer.paid += r.amount;
      payee.received += r.amount;
    } else {
      payer.projectedPaid += r.amount;
      payee.projectedReceived += r.amount;
    }
  }
  return [...acc.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([countyCode, a]) => ({
      countyCode,
      received: a.received,
      paid: a.paid,
      net: a.received - a.paid,
      projectedReceived: a.projectedReceived,
      projectedPaid: a.projectedPaid,
      projectedNet: a.projectedReceived - a.projectedPaid,
    }));
}

// ---------------------------------------------------------------------------------------------
// An agreement's year, by its own terms: the term, per-indicator coverage and the conditions.

export type AgreementTerm = { startYear: number; endYear: number | null };

/** Baseline years: the three calendar years before the first assessed year. */
export function baselineYears(startYear: number): number[] {
  return [startYear - 3, startYear - 2, startYear - 1];
}

/** Whether the agreement assesses and settles this year (its baseline years never are). */
export function inForce(year: number, term: AgreementTerm): boolean {
  return year >= term.startYear && (term.endYear === null || year <= term.endYear);
}

/**
 * Samples a station owes over a year at its sampling interval: the whole year once it is over;
 * for the as-of year its elapsed part, 1 January to the end of the as-of day (bureau calendar);
 * none for a later year (expectedReadings: the same rule as the section chart).
 */
export function expectedSamples(year: number, asOf: string, intervalHours: number): number {
  const asOfYear = Number(asOf.slice(0, 4));
  if (year > asOfYear) return 0;
  return expectedReadings(year < asOfYear ? daysInYear(year) : dayOfYear(asOf), intervalHours);
}

/**
 * Coverage per indicator: valid readings ÷ expected samples (at most 1). The year's coverage is
 * the worst indicator's, so a year in which one indicator was measured for a month is thin
 * however complete the others are.
 */
export function coverageOf(
  indicators: readonly string[],
  validCounts: Record<string, number>,
  expected: number,
): { coverage: number; coverageByIndicator: Record<string, number> } {
  const coverageByIndicator = Object.fromEntries(
    indicators.map((k) => [k, expected > 0 ? Math.min(1, (validCounts[k] ?? 0) / expected) : 0]),
  );
  const values = Object.values(coverageByIndicator);
  return { coverage: values.length > 0 ? Math.min(...values) : 0, coverageByIndicator };
}

/** The Zhejiang opinion's quantity condition at the hand-over section. */
export type FlowTerm = {
  /** Agreed minimum annual mean flow, m³/s. */
  minimum: number;
  /** Default: the amount due to the upstream county shrinks by mean / minimum. */
  effect: 'proportional' | 'report';
};

/** The upstream county's 双控 (total water use and use per 10,000 CNY of GDP). */
export type WaterUseTerm = {
  /** Cap on the upstream county's total water use, 万m³ a year; null: no total condition. */
  cap: number | null;
  /** Whether water use per 10,000 CNY of GDP must fall from the year before. */
  efficiency: boolean;
  /** Default: a failed condition forfeits what the upstream county would receive that year. */
  effect: 'forfeit' | 'report';
};

/** One county-year of water statistics: total use 万m³, GDP 万元 (comparable prices). */
export type CountyWaterUse = { totalUse: number; gdp: number };

export type ConditionKind = 'flow' | 'water_use_total' | 'water_use_efficiency';
export type ConditionOutcome = 'pass' | 'fail' | 'no_data';
/**
 * What the condition did to the amount: none (passed, no data, or the upstream county pays
 * anyway), reduced (flow, in proportion), forfeited (water use), reported (failed, but the
 * agreement only reports it).
 */
export type ConditionEffect = 'none' | 'reduced' | 'forfeited' | 'reported';

export type ConditionResult = {
  kind: ConditionKind;
  outcome: ConditionOutcome;
  effect: ConditionEffect;
  /** Multiplier on the amount due to the upstream county (1: unchanged). */
  factor: number;
  /** The figures it was decided on; null where there is no data. */
  value: number | null;
  limit: number | null;
  unit: string;
  /** flow: coverage of the flow readings; efficiency: last year's total and GDP behind `limit`. */
  coverage?: number | null;
};

/** Annual mean flow as reported (0.01 m³/s): the figure shown is the figure used. */
export const roundFlow = (x: number) => roundTo(x, 2);
/** Water use per 10,000 CNY of GDP in m³, as reported (0.01 m³). */
export const perGdp = (w: CountyWaterUse) => roundTo((w.totalUse * 10_000) / w.gdp, 2);

/**
 * The section's annual mean flow against the agreed minimum. Below it, the upstream county's
 * receipt is multiplied by mean / minimum. A flow record thinner than the water-quality coverage
 * threshold decides nothing (no data): the station's gap is not the county's shortfall.
 */
export function assessFlow(
  term: FlowTerm,
  meanFlow: number | null,
  flowCoverage: number,
  threshold: number,
): ConditionResult {
  const base = { kind: 'flow' as const, limit: term.minimum, unit: 'm³/s', coverage: flowCoverage };
  if (meanFlow === null || flowCoverage < threshold)
    return {
      ...base,
      outcome: 'no_data',
      effect: 'none',
      factor: 1,
      value: meanFlow === null ? null : roundFlow(meanFlow),
    };
  const value = roundFlow(meanFlow);
  if (value >= term.minimum) return { ...base, outcome: 'pass', effect: 'none', factor: 1, value };
  return term.effect === 'report'
    ? { ...base, outcome: 'fail', effect: 'reported', factor: 1, value }
    : { ...base, outcome: 'fail', effect: 'reduced', factor: value / term.minimum, value };
}

/**
 * The upstream county's total water use against its cap, and its water use per 10,000 CNY of GDP
 * against the year before (must fall). Missing statistics decide nothing (no data).
 */
export function assessWaterUse(
  term: WaterUseTerm,
  year: CountyWaterUse | null,
  previous: CountyWaterUse | null,
): ConditionResult[] {
  const failed = (): Pick<ConditionResult, 'effect' | 'factor'> =>
    term.effect === 'forfeit' ? { effect: 'forfeited', factor: 0 } : { effect: 'reported', factor: 1 };
  const out: ConditionResult[] = [];
  if (term.cap !== null) {
    const base = { kind: 'water_use_total' as const, limit: term.cap, unit: '万m³' };
    if (!year) out.push({ ...base, outcome: 'no_data', effect: 'none', factor: 1, value: null });
    else if (year.totalUse <= term.cap)
      out.push({ ...base, outcome: 'pass', effect: 'none', factor: 1, value: year.totalUse });
    else out.push({ ...base, outcome: 'fail', ...failed(), value: year.totalUse });
  }
  if (term.efficiency) {
    const base = { kind: 'water_use_efficiency' as const, unit: 'm³/万元' };
    const value = year ? perGdp(year) : null;
    const limit = previous ? perGdp(previous) : null;
    if (value === null || limit === null)
      out.push({ ...base, outcome: 'no_data', effect: 'none', factor: 1, value, limit });
    else if (value < limit) out.push({ ...base, outcome: 'pass', effect: 'none', factor: 1, value, limit });
    else out.push({ ...base, outcome: 'fail', ...failed(), value, limit });
  }
  return out;
}

export type AgreementYearInput = {
  year: number;
  /** The data's as-of date (bureau calendar): its year is projected, later years have no data. */
  asOf: string;
  term: AgreementTerm;
  indicators: string[];
  weights?: Record<string, number>;
  k0?: number;
  amount: number;
  coverageThreshold?: number;
  baseline: Record<string, number>;
  /** Cᵢ of the year from valid readings. */
  means: Record<string, number>;
  /** Valid readings per indicator in the year (and `flow` for the flow condition). */
  validCounts: Record<string, number>;
  /** Samples owed over the year (see expectedSamples). */
  expected: number;
  flow?: { term: FlowTerm; mean: number | null } | null;
  waterUse?: { term: WaterUseTerm; year: CountyWaterUse | null; previous: CountyWaterUse | null } | null;
};

export type AgreementYearResult = CompensationResult & {
  coverage: number;
  coverageByIndicator: Record<string, number>;
  /** Amount before the conditions: A when a direction was found, else 0. */
  grossAmount: number;
  conditions: ConditionResult[];
};

/**
 * One agreement's year by its own terms. Outside the term (baseline years included) → not in
 * force: no P, no direction, no amount. Otherwise P decides the direction; the worst indicator's
 * coverage below the threshold → insufficient data. The conditions act only on money due to the
 * upstream county (downstream pays): flow below the minimum reduces it in proportion, a failed
 * water-use condition forfeits it, unless the agreement only reports them. The as-of year is
 * projected from the data so far.
 */
export function assessAgreementYear(x: AgreementYearInput): AgreementYearResult {
  const threshold = x.coverageThreshold ?? DEFAULT_COVERAGE_THRESHOLD;
  const none = { P: null, ratios: {}, direction: null, amount: 0, grossAmount: 0, conditions: [] };
  if (!inForce(x.year, x.term)) {
    return { ...none, status: 'not_in_force', coverage: 0, coverageByIndicator: {} };
  }
  const { coverage, coverageByIndicator } = coverageOf(x.indicators, x.validCounts, x.expected);
  const complete = x.indicators.every((i) => isFiniteNumber(x.means[i]) && isFiniteNumber(x.baseline[i]));
  const projected = x.year >= Number(x.asOf.slice(0, 4));
  const core: CompensationResult = complete
    ? assessCompensation({
        k0: x.k0,
        weights: x.weights,
        baseline: x.baseline,
        means: x.means,
        amount: x.amount,
        coverage,
        coverageThreshold: threshold,
        projected,
      })
    : { P: null, ratios: {}, direction: null, amount: 0, status: 'insufficient_data' };

  const conditions: ConditionResult[] = [];
  if (x.flow) {
    const flowCoverage = coverageOf(['flow'], x.validCounts, x.expected).coverage;
    conditions.push(assessFlow(x.flow.term, x.flow.mean, flowCoverage, threshold));
  }
  if (x.waterUse) conditions.push(...assessWaterUse(x.waterUse.term, x.waterUse.year, x.waterUse.previous));

  if (core.direction !== 'downstream_pays') {
    // Nothing due to the upstream county: the conditions are reported, the amount stands.
    const reported = conditions.map((c) => (c.factor === 1 ? c : { ...c, effect: 'none' as const, factor: 1 }));
    return { ...core, coverage, coverageByIndicator, grossAmount: core.amount, conditions: reported };
  }
  const factor = conditions.reduce((f, c) => f * c.factor, 1);
  return {
    ...core,
    coverage,
    coverageByIndicator,
    grossAmount: core.amount,
    amount: roundTo(core.amount * factor, 2),
    conditions,
  };
}
