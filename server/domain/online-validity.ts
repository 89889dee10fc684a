// Validity of online monitoring data (HJ 356-2019 water, HJ 75-2017 gas) and exceedance days.
// The flags that count as valid and the valid hours an effective daily mean needs are data
// (data/rules/online-validity.v1.json); results carry the rules version.
import rulesJson from '../../data/rules/online-validity.v1.json';

export type Medium = 'water' | 'gas';
type Label = { zh: string; en: string };

export type OnlineValidityRules = {
  version: string;
  flags: Record<string, { valid: boolean; label: Label }>;
  dailyMinValidHours: Record<Medium, number>;
};

export const DEFAULT_ONLINE_VALIDITY_RULES = rulesJson as OnlineValidityRules;

/** A value is valid when its flag is one the rules call valid; unknown flags are invalid. */
export function isValidFlag(flag: string, rules: OnlineValidityRules = DEFAULT_ONLINE_VALIDITY_RULES): boolean {
  return rules.flags[flag]?.valid === true;
}

/** The flags that count as valid, for SQL filters. */
export function validFlags(rules: OnlineValidityRules = DEFAULT_ONLINE_VALIDITY_RULES): string[] {
  return Object.entries(rules.flags)
    .filter(([, f]) => f.valid)
    .map(([flag]) => flag);
}

/**
 * The effective daily mean: the mean of the day's valid hourly values, valid only when there are
 * at least the medium's minimum number of them. `mean` is that of the valid values (null if none).
 */
export function effectiveDailyMean(
  validHours: number,
  mean: number | null,
  medium: Medium,
  rules: OnlineValidityRules = DEFAULT_ONLINE_VALIDITY_RULES,
): { value: number | null; valid: boolean } {
  const valid = mean !== null && Number.isFinite(mean) && validHours >= rules.dailyMinValidHours[medium];
  return { value: mean, valid };
}

export type DailyMean = {
  outletId: number;
  enterpriseId: number;
  medium: Medium;
  day: string;
  pollutant: string;
  /** Mean of the valid hourly values, null when there are none. */
  mean: number | null;
  validHours: number;
  /** Permit limit; null where the pollutant has none. */
  limit: number | null;
};

export type ExceedanceDay = {
  enterpriseId: number;
  day: string;
  pollutant: string;
  outletId: number;
  mean: number;
  limit: number;
};

/**
 * Exceedance days: a valid daily mean strictly above the permit limit. One per enterprise, day and
 * pollutant; where several outlets exceed, the one furthest above its limit (mean / limit) is kept.
 */
export function exceedanceDays(
  means: DailyMean[],
  rules: OnlineValidityRules = DEFAULT_ONLINE_VALIDITY_RULES,
): ExceedanceDay[] {
  const worst = new Map<string, ExceedanceDay>();
  for (const m of means) {
    if (m.limit === null || m.limit <= 0) continue;
    const daily = effectiveDailyMean(m.validHours, m.mean, m.medium, rules);
    if (!daily.valid || (daily.value as number) <= m.limit) continue;
    const key = `${m.enterpriseId}|${m.day}|${m.pollutant}`;
    const found = worst.get(key);
    const candidate = {
      enterpriseId: m.enterpriseId,
      day: m.day,
      pollutant: m.pollutant,
      outletId: m.outletId,
      mean: daily.value as number,
      limit: m.limit,
    };
    if (!found || candidate.mean / candidate.limit > found.mean / found.limit) worst.set(key, candidate);
  }
  return [...worst.values()].sort(
    (a, b) =>
      a.enterpriseId - b.enterpriseId || (a.day < b.day ? -1 : a.day > b.day ? 1 : a.pollutant < b.pollutant ? -1 : 1),
  );
}
