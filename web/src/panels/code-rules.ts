/**
 * English labels for the supervision-code rules come from the rule set itself (data, not
 * code): the API reports reasons in Chinese with a rule key, and the same versioned JSON the
 * server evaluates with carries the English text.
 */
import rules from '../../../data/rules/supervision-code.v1.json';
import type { Lang } from '../state/view-state';

type Label = { zh: string; en: string };
const points = rules.points as Record<string, { label: Label }>;
const hardRules = rules.hardRules as Record<string, { label: Label }>;

export function reasonLabel(rule: string, fallback: string, lang: Lang): string {
  return lang === 'en' ? (points[rule]?.label.en ?? fallback) : fallback;
}

export function hardRuleLabel(rule: string, lang: Lang): string {
  const label = hardRules[rule]?.label;
  return label ? label[lang] : rule;
}

export const THRESHOLDS = rules.thresholds as { green: number; yellow: number };

export const WINDOW_MONTHS = rules.windowMonths;
export const BONUS_MIN_RATE = rules.points.rectificationBonus.minRate;
