/**
 * GB 3838-2002 class bands for the section charts, read from the rule set in data/rules (the
 * same file the server classifies with), so a chart band can never disagree with a class.
 */
import rules from '../../../../data/rules/water-quality.gb3838-2002.json';
import { WATER_CLASSES, type WaterClass } from '../../map/palette';

export const CHART_INDICATORS = ['do', 'codmn', 'nh3n', 'tp'] as const;
export type ChartIndicator = (typeof CHART_INDICATORS)[number];
export type WaterBody = 'river' | 'lake';

export const INDICATOR_SYMBOLS: Record<ChartIndicator, string> = {
  do: 'DO',
  codmn: 'CODMn',
  nh3n: 'NH₃-N',
  tp: 'TP',
};

export type Band = { cls: WaterClass; from: number; to: number };

export const RULES_VERSION = rules.version;

export function limitsOf(indicator: ChartIndicator, body: WaterBody): { direction: 'min' | 'max'; limits: number[] } {
  const rule = rules.limits[indicator];
  return { direction: rule.direction as 'min' | 'max', limits: rule[body] };
}

/** The limit of a class (I…V) for an indicator, or null for 劣V / unknown. */
export function classLimit(indicator: ChartIndicator, body: WaterBody, cls: WaterClass): number | null {
  const i = (rules.classes as readonly string[]).indexOf(cls);
  return i < 0 ? null : limitsOf(indicator, body).limits[i];
}

/**
 * Bands from 0 to `top`. "max" indicators: I is [0, l1], II (l1, l2] … 劣V above l5. "min"
 * indicators (DO): I is ≥ l1, II [l2, l1) … 劣V below l5. Classes that share a limit with the
 * better class (empty bands) are left out, as the better class wins at a shared limit.
 */
export function classBands(indicator: ChartIndicator, body: WaterBody, top: number): Band[] {
  const { direction, limits } = limitsOf(indicator, body);
  const bands: Band[] = [];
  const clip = (x: number) => Math.min(x, top);
  if (direction === 'max') {
    const edges = [0, ...limits, Math.max(top, limits[limits.length - 1])];
    for (let i = 0; i < WATER_CLASSES.length; i++) {
      const from = clip(edges[i]);
      const to = clip(edges[i + 1]);
      if (to > from) bands.push({ cls: WATER_CLASSES[i], from, to });
    }
  } else {
    const edges = [Math.max(top, limits[0]), ...limits, 0];
    for (let i = 0; i < WATER_CLASSES.length; i++) {
      const to = clip(edges[i]);
      const from = clip(edges[i + 1]);
      if (to > from) bands.push({ cls: WATER_CLASSES[i], from, to });
    }
  }
  return bands;
}

/** A y-axis top that shows the data and the target limit with some headroom, on a round number. */
export function axisTop(
  indicator: ChartIndicator,
  body: WaterBody,
  dataMax: number,
  target: WaterClass | null,
): number {
  const { direction, limits } = limitsOf(indicator, body);
  const targetLimit = (target && classLimit(indicator, body, target)) ?? limits[2];
  const want =
    direction === 'max' ? Math.max(dataMax * 1.12, targetLimit * 1.6) : Math.max(dataMax * 1.08, limits[0] * 1.15);
  return niceCeil(want);
}

export function niceCeil(x: number): number {
  if (!(x > 0)) return 1;
  const step = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * step >= x) return m * step;
  return 10 * step;
}
