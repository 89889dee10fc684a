// Surface-water quality class by the GB 3838-2002 single-factor method.
// The limits live in data/rules so that an admin can version them; this module only applies them.
import defaultRulesJson from '../../data/rules/water-quality.gb3838-2002.json';
import { cleanFloat, isFiniteNumber, mean, roundHalfEven, roundTo } from './numeric';

export type Indicator = 'ph' | 'do' | 'codmn' | 'cod' | 'bod5' | 'nh3n' | 'tp' | 'tn';
export type WaterClass = 'I' | 'II' | 'III' | 'IV' | 'V' | '劣V';
export type WaterBody = 'river' | 'lake';
export type Sample = Partial<Record<Indicator, number | null>>;

/** Best to worst. */
export const WATER_CLASSES: WaterClass[] = ['I', 'II', 'III', 'IV', 'V', '劣V'];

/** Indicators in the order they are evaluated and reported. */
export const INDICATORS: Indicator[] = ['ph', 'do', 'codmn', 'cod', 'bod5', 'nh3n', 'tp', 'tn'];

type LimitedIndicator = Exclude<Indicator, 'ph'>;

export type IndicatorLimits = {
  label?: string;
  /** 'min': the value must be at least the limit (DO); 'max': at most. */
  direction: 'min' | 'max';
  /** Limits for classes I…V. */
  river: number[];
  lake: number[];
};

export type WaterQualityRules = {
  version: string;
  ph: { min: number; max: number };
  /** Reporting precision (decimals) per indicator; period means are rounded to it before classing. */
  precision: Partial<Record<Indicator, number>>;
  limits: Record<LimitedIndicator, IndicatorLimits>;
};

export const DEFAULT_WATER_QUALITY_RULES: WaterQualityRules = defaultRulesJson as WaterQualityRules;

export type IndicatorResult = { value: number; class: WaterClass };

export type MainPollutant = {
  indicator: Indicator;
  class: WaterClass;
  /** (C − limit_III) / limit_III rounded to 2 decimals; null for pH and DO, which have no multiple. */
  multiple: number | null;
};

export type SampleResult = {
  class: WaterClass;
  indicators: Partial<Record<Indicator, IndicatorResult>>;
  mainPollutants: MainPollutant[];
  tnClass?: WaterClass;
};

export type PeriodResult = {
  class: WaterClass | null;
  means: Partial<Record<Indicator, number>>;
  mainPollutants: MainPollutant[];
  tnClass?: WaterClass;
  coverage: number | null;
  validCount: number;
};

const CLASS_III_INDEX = 2;
const MAX_MAIN_POLLUTANTS = 3;

export function classRank(c: WaterClass): number {
  const i = WATER_CLASSES.indexOf(c);
  if (i < 0) throw new RangeError(`unknown water class: ${String(c)}`);
  return i + 1;
}

export function worseClass(a: WaterClass, b: WaterClass): WaterClass {
  return classRank(a) >= classRank(b) ? a : b;
}

function limitsFor(indicator: LimitedIndicator, waterBody: WaterBody, rules: WaterQualityRules) {
  const l = rules.limits[indicator];
  if (!l) throw new RangeError(`no limits for indicator ${indicator} in rules ${rules.version}`);
  return { direction: l.direction, values: waterBody === 'lake' ? l.lake : l.river };
}

/**
 * Class of one indicator value. TN is classed from its (lake) column for rivers too, because
 * its class is reported on its own even though it never enters the overall class.
 */
export function classifyIndicator(
  indicator: Indicator,
  value: number,
  waterBody: WaterBody,
  rules: WaterQualityRules = DEFAULT_WATER_QUALITY_RULES,
): WaterClass {
  if (!isFiniteNumber(value)) throw new RangeError(`${indicator}: value must be a finite number`);
  if (indicator === 'ph') {
    return value >= rules.ph.min && value <= rules.ph.max ? 'I' : '劣V';
  }
  const { direction, values } = limitsFor(indicator, waterBody, rules);
  // Scanning best to worst makes the better class win where two classes share a limit.
  for (let i = 0; i < values.length; i++) {
    const meets = direction === 'min' ? value >= values[i] : value <= values[i];
    if (meets) return WATER_CLASSES[i];
  }
  return '劣V';
}

/** (C − limit_III) / limit_III, unrounded; null for DO and for indicators without limits. */
function exceedanceMultiple(
  indicator: Indicator,
  value: number,
  waterBody: WaterBody,
  rules: WaterQualityRules,
): number | null {
  if (indicator === 'ph' || indicator === 'do') return null;
  const limit = limitsFor(indicator, waterBody, rules).values[CLASS_III_INDEX];
  return (value - limit) / limit;
}

function mainPollutantsOf(
  evaluated: { indicator: Indicator; value: number; class: WaterClass }[],
  waterBody: WaterBody,
  rules: WaterQualityRules,
): MainPollutant[] {
  const candidates = evaluated
    .filter((e) => e.indicator !== 'tn' && classRank(e.class) > CLASS_III_INDEX + 1)
    .map((e, order) => ({ ...e, order, raw: exceedanceMultiple(e.indicator, e.value, waterBody, rules) }));
  candidates.sort((a, b) => {
    const byClass = classRank(b.class) - classRank(a.class);
    if (byClass !== 0) return byClass;
    // pH and DO have no multiple, so within their class they follow the indicators that have one.
    if (a.raw === null || b.raw === null) {
      if (a.raw === null && b.raw === null) return a.order - b.order;
      return a.raw === null ? 1 : -1;
    }
    return b.raw - a.raw || a.order - b.order;
  });
  return candidates.slice(0, MAX_MAIN_POLLUTANTS).map((c) => ({
    indicator: c.indicator,
    class: c.class,
    multiple: c.raw === null ? null : roundTo(c.raw, 2),
  }));
}

/**
 * Class of one sample. Missing, null and NaN values are skipped (never read as zero); null when
 * nothing that counts towards the class is left. TN never enters the class (rivers: not in the
 * standard's river scheme; lakes: reported separately by the evaluation rules) and is given as
 * `tnClass` instead.
 */
export function classifySample(
  sample: Sample,
  waterBody: WaterBody,
  rules: WaterQualityRules = DEFAULT_WATER_QUALITY_RULES,
): SampleResult | null {
  const evaluated: { indicator: Indicator; value: number; class: WaterClass }[] = [];
  let tnClass: WaterClass | undefined;
  for (const indicator of INDICATORS) {
    const value = sample[indicator];
    if (!isFiniteNumber(value)) continue;
    const cls = classifyIndicator(indicator, value, waterBody, rules);
    if (indicator === 'tn') tnClass = cls;
    else evaluated.push({ indicator, value, class: cls });
  }
  if (evaluated.length === 0) return null;

  let overall: WaterClass = 'I';
  const indicators: Partial<Record<Indicator, IndicatorResult>> = {};
  for (const e of evaluated) {
    overall = worseClass(overall, e.class);
    indicators[e.indicator] = { value: e.value, class: e.class };
  }
  const result: SampleResult = {
    class: overall,
    indicators,
    mainPollutants: mainPollutantsOf(evaluated, waterBody, rules),
  };
  if (tnClass !== undefined) result.tnClass = tnClass;
  return result;
}

/**
 * A period mean as reported: rounded by GB/T 8170 to the indicator's precision in the rule set
 * (unchanged when the rule set gives none).
 */
export function reportedMean(
  indicator: Indicator,
  value: number,
  rules: WaterQualityRules = DEFAULT_WATER_QUALITY_RULES,
): number {
  const decimals = rules.precision?.[indicator];
  return decimals === undefined ? value : roundHalfEven(value, decimals);
}

/**
 * Class of a period (day, month, year) from the mean of each indicator's valid readings, each mean
 * rounded to its reporting precision first (so TP means of exactly 0.1 are class II, and 0.1004
 * reports as 0.100). `means` holds the rounded values.
 * A reading counts towards `validCount` when it is not flagged invalid and carries at least one
 * value; `coverage` = validCount / expectedCount, capped at 1, null when no expectation is given.
 */
export function classifyPeriod(
  samples: (Sample & { valid?: boolean })[],
  waterBody: WaterBody,
  expectedCount?: number,
  rules: WaterQualityRules = DEFAULT_WATER_QUALITY_RULES,
): PeriodResult {
  const values: Partial<Record<Indicator, number[]>> = {};
  let validCount = 0;
  for (const s of samples) {
    if (s.valid === false) continue;
    let any = false;
    for (const indicator of INDICATORS) {
      const v = s[indicator];
      if (!isFiniteNumber(v)) continue;
      any = true;
      const list = values[indicator] ?? [];
      list.push(v);
      values[indicator] = list;
    }
    if (any) validCount++;
  }

  const means: Partial<Record<Indicator, number>> = {};
  for (const indicator of INDICATORS) {
    const m = mean(values[indicator] ?? []);
    if (m !== null) means[indicator] = reportedMean(indicator, m, rules);
  }

  const sampleResult = classifySample(means, waterBody, rules);
  const coverage =
    expectedCount !== undefined && isFiniteNumber(expectedCount) && expectedCount > 0
      ? Math.min(1, cleanFloat(validCount / expectedCount))
      : null;
  const tnClass =
    sampleResult?.tnClass ?? (means.tn !== undefined ? classifyIndicator('tn', means.tn, waterBody, rules) : undefined);

  const result: PeriodResult = {
    class: sampleResult?.class ?? null,
    means,
    mainPollutants: sampleResult?.mainPollutants ?? [],
    coverage,
    validCount,
  };
  if (tnClass !== undefined) result.tnClass = tnClass;
  return result;
}
