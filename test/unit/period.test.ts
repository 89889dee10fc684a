import { describe, expect, it } from 'vitest';
import { parseScreenParams } from '../../web/src/screen/screen-params';
import { convertPeriod, periodBounds, periodOptions, periodWindow } from '../../web/src/state/period';

const AS_OF = '2026-06-30';

describe('the period control', () => {
  it('bounds years, quarters and months, including February of a leap year', () => {
    expect(periodBounds('2025')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(periodBounds('2025Q4')).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(periodBounds('2026Q1')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(periodBounds('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(periodBounds('2025-02')).toEqual({ from: '2025-02-01', to: '2025-02-28' });
  });

  it('no period: the 12 months up to the data date, current codes, this year', () => {
    expect(periodWindow(null, AS_OF)).toEqual({ from: '2025-07-01', to: AS_OF, year: 2026, codesAsOf: null });
    // 29 February a year back is 28 February, so the window starts on 1 March.
    expect(periodWindow(null, '2024-02-29').from).toBe('2023-03-01');
    expect(periodWindow(null, '2025-12-31').from).toBe('2025-01-01');
  });

  it('a past period reads codes at its end; one reaching past the data stops at the data date', () => {
    expect(periodWindow('2025Q3', AS_OF)).toEqual({
      from: '2025-07-01',
      to: '2025-09-30',
      year: 2025,
      codesAsOf: '2025-09-30',
    });
    expect(periodWindow('2026', AS_OF)).toEqual({ from: '2026-01-01', to: AS_OF, year: 2026, codesAsOf: null });
    // A period ending exactly on the data date is the current assessment.
    expect(periodWindow('2026Q2', AS_OF).codesAsOf).toBeNull();
    expect(periodWindow('2026-05', AS_OF).codesAsOf).toBe('2026-05-31');
  });

  it('offers only periods that have data, newest first', () => {
    expect(periodOptions('year', AS_OF, 2024)).toEqual(['2026', '2025', '2024']);
    expect(periodOptions('quarter', AS_OF, 2025)).toEqual(['2026Q2', '2026Q1', '2025Q4', '2025Q3', '2025Q2', '2025Q1']);
    const months = periodOptions('month', AS_OF, 2026);
    expect(months[0]).toBe('2026-06');
    expect(months).toHaveLength(6);
  });

  it('changing granularity keeps the moment', () => {
    expect(convertPeriod('2025Q3', 'month', AS_OF)).toBe('2025-09');
    expect(convertPeriod('2025-08', 'quarter', AS_OF)).toBe('2025Q3');
    expect(convertPeriod('2026', 'quarter', AS_OF)).toBe('2026Q2');
    expect(convertPeriod('2026', 'month', AS_OF)).toBe('2026-06');
  });
});

describe('the wall screen takes the same period text', () => {
  it('accepts a year, a quarter and a month, and ignores anything else', () => {
    expect(parseScreenParams('?period=2025').period).toBe('2025');
    expect(parseScreenParams('?period=2025Q3').period).toBe('2025Q3');
    expect(parseScreenParams('?period=2024-02').period).toBe('2024-02');
    for (const bad of ['2025Q5', '2025-13', '2025-2', 'latest', "2025'; drop", ''])
      expect(parseScreenParams(`?period=${encodeURIComponent(bad)}`).period, bad).toBeNull();
    expect(parseScreenParams('').period).toBeNull();
  });
});
