// Integrity flags (在线监测数据异常) over one outlet's hourly values: the data patterns of
// 《污染源自动监控设施现场监督检查技术指南》. The thresholds are data
// (data/rules/online-integrity.v1.json); every flag carries the parameters it was found with and
// bounded evidence (its span, summary figures and a sample of the values). Flags are evidence
// for inspectors, never points in the three-colour code.
//
// The engine is a pure function of a window of hours, so it can run incrementally: recompute an
// outlet's recent window after data arrives and upsert flags keyed by outlet, pollutant, kind and
// start (see services/online-flags).
import defaultRulesJson from '../../data/rules/online-integrity.v1.json';
import { addMonths, dayOf, formatInstant, startOfDay } from './dates';

export const FLAG_KINDS = [
  'constant',
  'narrow_band',
  'detection_limit',
  'parked_under_limit',
  'gap',
  'zero_flow',
] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];

type Label = { zh: string; en: string };
type KindText = { label: Label; rule: string };

export type IntegrityRules = {
  version: string;
  /** A flag is open while its span ended less than this many days before the data date. */
  openDays: number;
  /** At most this many [time, value] pairs in a flag's evidence. */
  evidenceValues: number;
  kinds: {
    constant: KindText & { minHours: number; tolerance: number };
    narrow_band: KindText & { minHours: number; rangeShare: number; maxGapHours: number };
    detection_limit: KindText & { minHours: number; multiple: number; maxGapHours: number };
    parked_under_limit: KindText & {
      bandFrom: number;
      baselineMonths: number;
      minBaselineHours: number;
      minCount: number;
      pValue: number;
    };
    gap: KindText & { minHours: number; excusedFlags: string[] };
    zero_flow: KindText & { minHours: number };
  };
};

export const DEFAULT_INTEGRITY_RULES: IntegrityRules = defaultRulesJson as IntegrityRules;

export const HOUR_MS = 3_600_000;

/** 'YYYY-MM' of an instant on the bureau's calendar. */
export const monthOf = (t: number, tz: string) => dayOf(t, tz).slice(0, 7);
/** The instant (epoch ms) a 'YYYY-MM' month starts on the bureau's calendar. */
export const monthStart = (month: string, tz: string) => startOfDay(`${month}-01`, tz).getTime();
/** 'YYYY-MM' plus n months. */
export const addMonthKey = (month: string, n: number) => addMonths(`${month}-01`, n).slice(0, 7);

export type PollutantMeta = {
  code: string;
  /** Permit limit; null when the permit sets none (pH is a range, flow has none). */
  limit: number | null;
  /** Instrument range (upper end of the span), same unit as the values. */
  range: number | null;
  detectionLimit: number | null;
};

/** One hourly value as stored: the hour's start, the HJ 212 data flag and its validity. */
export type HourValue = { time: number; pollutant: string; value: number | null; flag: string; valid: boolean };

export type FlagInput = {
  pollutants: PollutantMeta[];
  /** HJ 212 code of the outlet's flow (w00000 / a00000), null when it reports none. */
  flowCode: string | null;
  hours: HourValue[];
  /**
   * The window [from, to) the hours cover, in epoch ms on whole hours; `to` is usually "now".
   * Months at its start serve as the parked-under-limit baseline of the months after them.
   */
  from: number;
  to: number;
  timeZone: string;
};

export type FlagEvidence = {
  hours: number;
  count: number;
  min: number | null;
  max: number | null;
  mean: number | null;
  /** [ISO time, value] pairs, evenly sampled when the span holds more than the rule set's bound. */
  values: [string, number | null][];
  sampled: boolean;
  [extra: string]: unknown;
};

export type IntegrityFlag = {
  kind: FlagKind;
  pollutant: string;
  /** Span [from, to) in epoch ms: the first hour's start to the last hour's end. */
  from: number;
  to: number;
  parameters: Record<string, unknown>;
  evidence: FlagEvidence;
};

/** One pollutant's hours laid out densely over the window: index i is hour from + i·1h. */
type Dense = { code: string; value: Float64Array; valid: Uint8Array; flag: string[] };

function densify(input: FlagInput, hoursInWindow: number): Map<string, Dense> {
  const out = new Map<string, Dense>();
  const get = (code: string) => {
    let d = out.get(code);
    if (!d) {
      d = {
        code,
        value: new Float64Array(hoursInWindow).fill(Number.NaN),
        valid: new Uint8Array(hoursInWindow),
        flag: new Array<string>(hoursInWindow).fill(''),
      };
      out.set(code, d);
    }
    return d;
  };
  for (const p of input.pollutants) get(p.code);
  if (input.flowCode) get(input.flowCode);
  for (const h of input.hours) {
    const i = Math.floor((h.time - input.from) / HOUR_MS);
    if (i < 0 || i >= hoursInWindow) continue;
    const d = get(h.pollutant);
    d.value[i] = h.value ?? Number.NaN;
    d.valid[i] = h.valid && h.value != null && Number.isFinite(h.value) ? 1 : 0;
    d.flag[i] = h.flag;
  }
  return out;
}

/** The rule's numbers without its prose, as stored with each flag. */
function parametersOf(rule: KindText & Record<string, unknown>): Record<string, unknown> {
  const { label: _label, rule: _rule, ...numbers } = rule;
  return numbers;
}

export function computeFlags(input: FlagInput, rules: IntegrityRules = DEFAULT_INTEGRITY_RULES): IntegrityFlag[] {
  const n = Math.max(0, Math.floor((input.to - input.from) / HOUR_MS));
  const dense = densify(input, n);
  const flow = input.flowCode ? (dense.get(input.flowCode) ?? null) : null;
  const evidence = evidenceMaker(input, rules.evidenceValues);
  const out: IntegrityFlag[] = [];
  const emit = (kind: FlagKind, pollutant: string, first: number, last: number, ev: FlagEvidence) =>
    out.push({
      kind,
      pollutant,
      from: input.from + first * HOUR_MS,
      to: input.from + (last + 1) * HOUR_MS,
      parameters: parametersOf(rules.kinds[kind] as KindText & Record<string, unknown>),
      evidence: ev,
    });

  const concentrations = input.pollutants.filter((p) => p.code !== input.flowCode);
  for (const meta of concentrations) {
    const d = dense.get(meta.code) as Dense;
    for (const [a, b] of constantRuns(d, rules.kinds.constant))
      emit('constant', meta.code, a, b, evidence(d, a, b, { value: d.value[a] }));
    if (meta.range != null && meta.range > 0) {
      const band = rules.kinds.narrow_band.rangeShare * meta.range;
      // A band at the detection limit is the detection_limit pattern: one span, one flag.
      const atDetection = meta.detectionLimit != null ? rules.kinds.detection_limit.multiple * meta.detectionLimit : -1;
      for (const [a, b] of narrowBandRuns(d, band, rules.kinds.narrow_band)) {
        const ev = evidence(d, a, b, { range: meta.range, band });
        if ((ev.max ?? 0) > atDetection) emit('narrow_band', meta.code, a, b, ev);
      }
    }
    if (meta.detectionLimit != null && meta.detectionLimit > 0 && flow) {
      const bound = rules.kinds.detection_limit.multiple * meta.detectionLimit;
      for (const [a, b] of detectionLimitRuns(d, flow, bound, rules.kinds.detection_limit))
        emit('detection_limit', meta.code, a, b, evidence(d, a, b, { detectionLimit: meta.detectionLimit, bound }));
    }
  }
  for (const d of dense.values()) {
    for (const [a, b] of gapRuns(d, rules.kinds.gap)) emit('gap', d.code, a, b, evidence(d, a, b, gapFlags(d, a, b)));
  }
  if (flow) {
    for (const [a, b, reported] of zeroFlowRuns(
      flow,
      concentrations.map((p) => dense.get(p.code) as Dense),
      rules,
    )) {
      emit('zero_flow', flow.code, a, b, evidence(flow, a, b, { concentrations: reported }));
    }
  }
  out.push(...parkedUnderLimit(input, dense, rules, evidence));
  return out.sort((x, y) => x.from - y.from || x.kind.localeCompare(y.kind) || x.pollutant.localeCompare(y.pollutant));
}

type Run = [first: number, last: number];

/** Same value (within tolerance) for ≥ minHours consecutive valid hours. */
function constantRuns(d: Dense, rule: IntegrityRules['kinds']['constant']): Run[] {
  const runs: Run[] = [];
  let start = -1;
  const close = (end: number) => {
    if (start >= 0 && end - start + 1 >= rule.minHours) runs.push([start, end]);
    start = -1;
  };
  for (let i = 0; i < d.valid.length; i++) {
    if (!d.valid[i]) {
      close(i - 1);
      continue;
    }
    if (start >= 0 && Math.abs(d.value[i] - d.value[start]) > rule.tolerance) close(i - 1);
    if (start < 0) start = i;
  }
  close(d.valid.length - 1);
  return runs;
}

/**
 * Longest spans whose valid values stay within `band` (max − min ≤ band), found left to right
 * without overlap: two pointers with monotone queues for the window's min and max.
 */
function narrowBandRuns(d: Dense, band: number, rule: IntegrityRules['kinds']['narrow_band']): Run[] {
  const runs: Run[] = [];
  const eps = band * 1e-9;
  const idx: number[] = []; // valid hours in the window, in order (head at `head`)
  let head = 0;
  let mins: number[] = [];
  let maxs: number[] = [];
  const reset = () => {
    idx.length = 0;
    head = 0;
    mins = [];
    maxs = [];
  };
  const emitIfLong = () => {
    if (head < idx.length) {
      const a = idx[head];
      const b = idx[idx.length - 1];
      if (b - a + 1 >= rule.minHours) {
        runs.push([a, b]);
        return true;
      }
    }
    return false;
  };
  for (let i = 0; i < d.valid.length; i++) {
    if (!d.valid[i]) continue;
    const last = idx.length > head ? idx[idx.length - 1] : -1;
    if (last >= 0 && i - last - 1 > rule.maxGapHours) {
      emitIfLong();
      reset();
    }
    const v = d.value[i];
    while (mins.length && d.value[mins[mins.length - 1]] >= v) mins.pop();
    while (maxs.length && d.value[maxs[maxs.length - 1]] <= v) maxs.pop();
    mins.push(i);
    maxs.push(i);
    idx.push(i);
    while (d.value[maxs[0]] - d.value[mins[0]] > band + eps) {
      // The window without i was within the band: keep it if it is long enough, else slide.
      idx.pop();
      if (emitIfLong()) {
        reset();
        idx.push(i);
        mins = [i];
        maxs = [i];
        break;
      }
      idx.push(i);
      head++;
      const from = idx[head];
      while (mins[0] < from) mins.shift();
      while (maxs[0] < from) maxs.shift();
    }
  }
  emitIfLong();
  return runs;
}

/** Valid values ≤ bound for ≥ minHours, counted over hours whose valid flow is > 0. */
function detectionLimitRuns(
  d: Dense,
  flow: Dense,
  bound: number,
  rule: IntegrityRules['kinds']['detection_limit'],
): Run[] {
  const runs: Run[] = [];
  let first = -1;
  let last = -1;
  const close = () => {
    if (first >= 0 && last - first + 1 >= rule.minHours) runs.push([first, last]);
    first = -1;
    last = -1;
  };
  for (let i = 0; i < d.valid.length; i++) {
    // An hour without a valid flow says nothing about the flow: skipped like an invalid value.
    if (!d.valid[i] || !flow.valid[i]) continue;
    if (last >= 0 && i - last - 1 > rule.maxGapHours) close();
    if (flow.value[i] <= 0 || d.value[i] > bound) {
      close();
      continue;
    }
    if (first < 0) first = i;
    last = i;
  }
  close();
  return runs;
}

/** ≥ minHours in a row without a valid value and without a declared stop or maintenance. */
function gapRuns(d: Dense, rule: IntegrityRules['kinds']['gap']): Run[] {
  const runs: Run[] = [];
  const excused = new Set(rule.excusedFlags);
  let start = -1;
  const close = (end: number) => {
    if (start >= 0 && end - start + 1 >= rule.minHours) runs.push([start, end]);
    start = -1;
  };
  for (let i = 0; i < d.valid.length; i++) {
    if (d.valid[i] || excused.has(d.flag[i])) close(i - 1);
    else if (start < 0) start = i;
  }
  close(d.valid.length - 1);
  return runs;
}

function gapFlags(d: Dense, a: number, b: number): { flags: Record<string, number> } {
  const flags: Record<string, number> = {};
  for (let i = a; i <= b; i++) {
    const f = d.flag[i] || 'missing';
    flags[f] = (flags[f] ?? 0) + 1;
  }
  return { flags };
}

/** ≥ minHours in a row of valid zero flow while some concentration is valid and above 0. */
function zeroFlowRuns(flow: Dense, concentrations: Dense[], rules: IntegrityRules): [number, number, string[]][] {
  const runs: [number, number, string[]][] = [];
  let start = -1;
  let reported = new Set<string>();
  const close = (end: number) => {
    if (start >= 0 && end - start + 1 >= rules.kinds.zero_flow.minHours) runs.push([start, end, [...reported].sort()]);
    start = -1;
    reported = new Set();
  };
  for (let i = 0; i < flow.valid.length; i++) {
    const zero = flow.valid[i] === 1 && flow.value[i] <= 0;
    const withValues = zero ? concentrations.filter((c) => c.valid[i] === 1 && c.value[i] > 0) : [];
    if (withValues.length === 0) {
      close(i - 1);
      continue;
    }
    if (start < 0) start = i;
    for (const c of withValues) reported.add(c.code);
  }
  close(flow.valid.length - 1);
  return runs;
}

/**
 * Months with far more values in [bandFrom · limit, limit) than the outlet's own earlier months
 * predict: one-sided binomial test of this month's count against the baseline share.
 */
function parkedUnderLimit(
  input: FlagInput,
  dense: Map<string, Dense>,
  rules: IntegrityRules,
  evidence: EvidenceMaker,
): IntegrityFlag[] {
  const rule = rules.kinds.parked_under_limit;
  const out: IntegrityFlag[] = [];
  const months = monthIndex(input, d0Length(dense));
  for (const meta of input.pollutants) {
    if (meta.limit == null || meta.limit <= 0 || meta.code === input.flowCode) continue;
    const d = dense.get(meta.code) as Dense;
    const lo = rule.bandFrom * meta.limit;
    const counts = new Map<string, { n: number; k: number; first: number; last: number }>();
    for (let i = 0; i < d.valid.length; i++) {
      if (!d.valid[i]) continue;
      const month = months.keys[months.index[i]];
      let c = counts.get(month);
      if (!c) {
        c = { n: 0, k: 0, first: i, last: i };
        counts.set(month, c);
      }
      c.n++;
      c.last = i;
      if (d.value[i] >= lo && d.value[i] < meta.limit) c.k++;
    }
    for (const [month, c] of counts) {
      if (c.k < rule.minCount) continue;
      let n0 = 0;
      let k0 = 0;
      for (let m = 1; m <= rule.baselineMonths; m++) {
        const b = counts.get(addMonthKey(month, -m));
        if (b) {
          n0 += b.n;
          k0 += b.k;
        }
      }
      if (n0 < rule.minBaselineHours) continue;
      const p0 = (k0 + 0.5) / (n0 + 1);
      const p = binomialUpperTail(c.k, c.n, p0);
      if (p >= rule.pValue) continue;
      const from = monthStart(month, input.timeZone);
      const to = Math.min(monthStart(addMonthKey(month, 1), input.timeZone), input.to);
      const ev = evidence(d, c.first, c.last, {
        limit: meta.limit,
        band: [lo, meta.limit],
        k: c.k,
        n: c.n,
        share: c.k / c.n,
        baselineK: k0,
        baselineN: n0,
        baselineShare: p0,
        pValue: p,
      });
      ev.hours = Math.round((to - from) / HOUR_MS);
      out.push({
        kind: 'parked_under_limit',
        pollutant: meta.code,
        from,
        to,
        parameters: parametersOf(rule),
        evidence: ev,
      });
    }
  }
  return out;
}

const d0Length = (dense: Map<string, Dense>) => dense.values().next().value?.valid.length ?? 0;

/** The bureau month of each hour of the window, as an index into `keys`. */
function monthIndex(input: FlagInput, n: number): { keys: string[]; index: Uint16Array } {
  const index = new Uint16Array(n);
  const keys: string[] = [];
  if (n === 0) return { keys, index };
  let month = monthOf(input.from, input.timeZone);
  let end = monthStart(addMonthKey(month, 1), input.timeZone);
  keys.push(month);
  for (let i = 0; i < n; i++) {
    const t = input.from + i * HOUR_MS;
    while (t >= end) {
      month = addMonthKey(month, 1);
      end = monthStart(addMonthKey(month, 1), input.timeZone);
      keys.push(month);
    }
    index[i] = keys.length - 1;
  }
  return { keys, index };
}

const logFactorials: number[] = [0];
function logFactorial(n: number): number {
  for (let i = logFactorials.length; i <= n; i++) logFactorials.push(logFactorials[i - 1] + Math.log(i));
  return logFactorials[n];
}

/** P(X ≥ k) for X ~ Binomial(n, p), summed in log space from k upwards. */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  const lp = Math.log(p);
  const lq = Math.log1p(-p);
  let sum = 0;
  for (let i = k; i <= n; i++) {
    const term = Math.exp(logFactorial(n) - logFactorial(i) - logFactorial(n - i) + i * lp + (n - i) * lq);
    sum += term;
    if (i > n * p && term < sum * 1e-15) break;
  }
  return Math.min(1, sum);
}

type EvidenceMaker = (d: Dense, a: number, b: number, extra: Record<string, unknown>) => FlagEvidence;

function evidenceMaker(input: FlagInput, bound: number): EvidenceMaker {
  return (d, a, b, extra) => {
    let count = 0;
    let sum = 0;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (let i = a; i <= b; i++) {
      if (!d.valid[i]) continue;
      const v = d.value[i];
      count++;
      sum += v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    const span = b - a + 1;
    const picks: number[] = [];
    if (span <= bound) for (let i = a; i <= b; i++) picks.push(i);
    else for (let j = 0; j < bound; j++) picks.push(a + Math.round((j * (span - 1)) / (bound - 1)));
    const values: [string, number | null][] = picks.map((i) => [
      formatInstant(input.from + i * HOUR_MS, input.timeZone),
      Number.isNaN(d.value[i]) ? null : d.value[i],
    ]);
    return {
      hours: span,
      count,
      min: count ? min : null,
      max: count ? max : null,
      mean: count ? sum / count : null,
      values,
      sampled: span > bound,
      ...extra,
    };
  };
}
