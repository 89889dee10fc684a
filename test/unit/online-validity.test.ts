import { describe, expect, it } from 'vitest';
import {
  type DailyMean,
  DEFAULT_ONLINE_VALIDITY_RULES,
  effectiveDailyMean,
  exceedanceDays,
  isValidFlag,
  validFlags,
} from '../../server/domain/online-validity';

const mean = (over: Partial<DailyMean>): DailyMean => ({
  outletId: 1,
  enterpriseId: 10,
  medium: 'water',
  day: '2026-06-10',
  pollutant: 'w01018',
  mean: 60,
  validHours: 24,
  limit: 50,
  ...over,
});

describe('online data validity (HJ 356-2019 / HJ 75-2017 rule set)', () => {
  it('counts only N as valid by default; every other flag and unknown flags are invalid', () => {
    expect(validFlags()).toEqual(['N']);
    for (const f of ['F', 'M', 'S', 'D', 'C', 'T', 'B', 'X', '']) expect(isValidFlag(f)).toBe(false);
    expect(isValidFlag('N')).toBe(true);
  });

  it('needs 20 valid hourly values for an effective daily mean, water and gas alike', () => {
    expect(DEFAULT_ONLINE_VALIDITY_RULES.dailyMinValidHours).toEqual({ water: 20, gas: 20 });
    expect(effectiveDailyMean(19, 30, 'water')).toEqual({ value: 30, valid: false });
    expect(effectiveDailyMean(20, 30, 'water')).toEqual({ value: 30, valid: true });
    expect(effectiveDailyMean(19, 30, 'gas').valid).toBe(false);
    expect(effectiveDailyMean(24, null, 'gas').valid).toBe(false);
  });

  it('makes an exceedance day of a valid daily mean strictly above the limit', () => {
    expect(exceedanceDays([mean({ mean: 50 })])).toEqual([]);
    expect(exceedanceDays([mean({ mean: 50.01 })])).toHaveLength(1);
    expect(exceedanceDays([mean({ mean: 80, validHours: 19 })])).toEqual([]);
    expect(exceedanceDays([mean({ mean: 80, validHours: 20 })])).toEqual([
      { enterpriseId: 10, day: '2026-06-10', pollutant: 'w01018', outletId: 1, mean: 80, limit: 50 },
    ]);
    expect(exceedanceDays([mean({ limit: null })])).toEqual([]);
  });

  it('keeps one day per enterprise and pollutant: the outlet furthest above its limit', () => {
    const days = exceedanceDays([
      mean({ outletId: 1, mean: 60, limit: 50 }),
      mean({ outletId: 2, mean: 45, limit: 30 }),
      mean({ outletId: 2, pollutant: 'w21003', mean: 6, limit: 5 }),
      mean({ enterpriseId: 11, outletId: 3, mean: 51 }),
    ]);
    expect(days.map((d) => [d.enterpriseId, d.pollutant, d.outletId])).toEqual([
      [10, 'w01018', 2],
      [10, 'w21003', 2],
      [11, 'w01018', 3],
    ]);
  });
});
