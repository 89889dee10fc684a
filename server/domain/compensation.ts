// Basin horizontal ecological compensation between an upstream and a downstream county
// (Zhejiang 2018 opinion): P = K0 · Σ wᵢ · Cᵢ / C0ᵢ decides who pays whom the annual amount.
import { isFiniteNumber, mean } from './numeric';

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
export type CompensationStatus = 'assessed' | 'projected' | 'insufficient_data';

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

export type Settlement = { countyCode: string; received: number; paid: number; net: number };

/**
 * Net position of each county over a set of agreements (normally one year). Every county that
 * appears is listed, so a county with only insufficient-data agreements shows 0 rather than vanishing.
 */
export function settle(results: SettlementInput[]): Settlement[] {
  const acc = new Map<string, { received: number; paid: number }>();
  const get = (code: string) => {
    let a = acc.get(code);
    if (!a) {
      a = { received: 0, paid: 0 };
      acc.set(code, a);
    }
    return a;
  };
  for (const r of results) {
    const up = get(r.upstream);
    const down = get(r.downstream);
    if (r.status !== 'assessed' && r.status !== 'projected') continue;
    if (r.direction === null || !isFiniteNumber(r.amount)) continue;
    if (r.direction === 'downstream_pays') {
      down.paid += r.amount;
      up.received += r.amount;
    } else {
      up.paid += r.amount;
      down.received += r.amount;
    }
  }
  return [...acc.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([countyCode, a]) => ({ countyCode, received: a.received, paid: a.paid, net: a.received - a.paid }));
}
