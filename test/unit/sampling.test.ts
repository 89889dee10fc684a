import { describe, expect, it } from 'vitest';
import { expectedSamples } from '../../server/domain/compensation';
import { bucketDays, daysSpanned, expectedInBucket, expectedReadings } from '../../server/domain/sampling';

// One rule for "readings owed": the section chart's coverage and compensation's coverage.
describe('readings an automatic station owes', () => {
  it('counts whole days at the interval, sampling from 00:00', () => {
    expect(expectedReadings(1, 4)).toBe(6);
    expect(expectedReadings(365, 4)).toBe(2190);
    expect(expectedReadings(366, 4)).toBe(2196);
    expect(expectedReadings(1, 1 / 3)).toBe(72); // not 73 from binary noise
    expect(expectedReadings(1, 5)).toBe(5); // 00, 05, 10, 15, 20
    expect(expectedReadings(0, 4)).toBe(0);
    expect(expectedReadings(10, 0)).toBe(0);
    expect(expectedReadings(10, Number.NaN)).toBe(0);
  });

  it('spans bureau days inclusively, across 29 February', () => {
    expect(daysSpanned('2024-02-28', '2024-03-01')).toBe(3);
    expect(daysSpanned('2023-02-28', '2023-03-01')).toBe(2);
    expect(daysSpanned('2024-01-01', '2024-12-31')).toBe(366);
    expect(daysSpanned('2024-03-01', '2024-02-29')).toBe(0);
    expect(bucketDays('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(bucketDays('2023-02')).toEqual({ from: '2023-02-01', to: '2023-02-28' });
    expect(bucketDays('2024')).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    expect(bucketDays('2024-02-29')).toEqual({ from: '2024-02-29', to: '2024-02-29' });
  });

  it('owes a bucket only its days inside the window (a partial month or year)', () => {
    expect(expectedInBucket('2024-02', '2020-01-01', '2030-12-31', 4)).toBe(29 * 6);
    expect(expectedInBucket('2024-02', '2024-02-10', '2024-02-29', 4)).toBe(20 * 6);
    // The year of the data date owes 1 January … the data date: 60 days to 29 February 2024.
    expect(expectedInBucket('2024', '2023-01-01', '2024-02-29', 4)).toBe(60 * 6);
    expect(expectedInBucket('2024', '2024-01-01', '2024-12-31', 2)).toBe(366 * 12);
    expect(expectedInBucket('2024-03', '2024-04-01', '2024-04-30', 4)).toBe(0);
  });

  it('gives compensation and the section chart the same year at any interval', () => {
    for (const h of [1, 2, 4, 6, 1 / 3, 5]) {
      for (const [year, asOf] of [
        [2024, '2026-06-30'],
        [2023, '2026-06-30'],
        [2024, '2024-02-29'],
        [2026, '2026-06-30'],
      ] as const) {
        expect(expectedSamples(year, asOf, h), `${year} ${asOf} ${h}`).toBe(
          expectedInBucket(String(year), `${year}-01-01`, asOf, h),
        );
      }
    }
    expect(expectedSamples(2027, '2026-06-30', 4)).toBe(0);
  });
});
