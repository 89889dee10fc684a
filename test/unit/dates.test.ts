import { afterAll, describe, expect, it } from 'vitest';
import {
  addMonths,
  BUREAU_TZ,
  checkTimeZone,
  dayOf,
  dayOfYear,
  daysInYear,
  formatInstant,
  monthBounds,
  offsetMinutes,
  startOfDay,
  today,
  toInstant,
  windowFrom,
  yearBounds,
} from '../../server/domain/dates';
import { backupFileName } from '../../server/services/backup';

const hostZone = process.env.TZ;
afterAll(() => {
  if (hostZone === undefined) delete process.env.TZ;
  else process.env.TZ = hostZone;
});

// Node applies a change of process.env.TZ at once, so each zone below is a different host clock.
describe.each(['UTC', 'America/New_York', 'Asia/Shanghai', 'Pacific/Kiritimati'])(
  'the bureau clock on a host in %s',
  (zone) => {
    it('is the bureau zone whatever the host says', () => {
      process.env.TZ = zone;
      expect(BUREAU_TZ).toBe('Asia/Shanghai');
      expect(offsetMinutes(new Date('2026-06-10T00:00:00Z'))).toBe(480);
    });

    it('puts 00:00, 04:00 and 23:59 Beijing time on the Beijing day', () => {
      process.env.TZ = zone;
      expect(dayOf('2026-01-31T00:00:00+08:00')).toBe('2026-01-31');
      expect(dayOf('2026-01-31T04:00:00+08:00')).toBe('2026-01-31');
      expect(dayOf('2026-01-31T23:59:00+08:00')).toBe('2026-01-31');
      expect(dayOf('2025-12-31T16:00:00Z')).toBe('2026-01-01');
      expect(dayOf('2024-02-29T23:59:59+08:00')).toBe('2024-02-29');
      expect(dayOf(new Date('2024-02-28T16:00:00Z'))).toBe('2024-02-29');
      expect(today(new Date('2026-11-01T17:30:00Z'))).toBe('2026-11-02');
    });

    it('writes instants as ISO 8601 with the bureau offset', () => {
      process.env.TZ = zone;
      expect(formatInstant('2026-11-01 00:00:00+00')).toBe('2026-11-01T08:00:00+08:00');
      expect(formatInstant(new Date('2026-06-10T00:00:00Z'))).toBe('2026-06-10T08:00:00+08:00');
      expect(formatInstant('2026-06-10 08:00:00+08')).toBe('2026-06-10T08:00:00+08:00');
      expect(formatInstant('2025-12-31T16:00:00.999Z')).toBe('2026-01-01T00:00:00+08:00');
      expect(formatInstant(Date.UTC(2024, 1, 29, 15, 59, 0))).toBe('2024-02-29T23:59:00+08:00');
    });

    it('starts bureau days, months and years at local midnight', () => {
      process.env.TZ = zone;
      expect(startOfDay('2024-02-29').toISOString()).toBe('2024-02-28T16:00:00.000Z');
      expect(yearBounds(2026)).toEqual({
        start: new Date('2025-12-31T16:00:00Z'),
        end: new Date('2026-12-31T16:00:00Z'),
      });
      expect(monthBounds(2024, 2)).toEqual({
        start: new Date('2024-01-31T16:00:00Z'),
        end: new Date('2024-02-29T16:00:00Z'),
      });
      expect(monthBounds(2025, 12).end).toEqual(new Date('2025-12-31T16:00:00Z'));
    });
  },
);

describe('calendar arithmetic', () => {
  it('12 months before 29 February is 28 February; month ends clamp', () => {
    expect(addMonths('2024-02-29', -12)).toBe('2023-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2025-03-31', -1)).toBe('2025-02-28');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
  });

  it('counts days of the year', () => {
    expect(daysInYear(2024)).toBe(366);
    expect(daysInYear(1900)).toBe(365);
    expect(daysInYear(2000)).toBe(366);
    expect(dayOfYear('2024-12-31')).toBe(366);
    expect(dayOfYear('2026-01-01')).toBe(1);
    expect(dayOfYear('2024-03-01')).toBe(61);
  });

  it('works in zones with daylight saving and negative offsets', () => {
    const ny = 'America/New_York';
    expect(formatInstant('2026-07-01T12:00:00Z', ny)).toBe('2026-07-01T08:00:00-04:00');
    expect(formatInstant('2026-01-01T12:00:00Z', ny)).toBe('2026-01-01T07:00:00-05:00');
    expect(startOfDay('2026-03-08', ny).toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(startOfDay('2026-03-09', ny).toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(formatInstant('2026-06-10T00:00:00Z', 'Asia/Kolkata')).toBe('2026-06-10T05:30:00+05:30');
  });

  it('rejects an unknown zone and a non-instant', () => {
    expect(() => checkTimeZone('Mars/Olympus')).toThrow(/BUREAU_TZ/);
    expect(() => toInstant('yesterday')).toThrow(RangeError);
  });
});

describe('calendar helpers outside the domain', () => {
  it('the 12-month window ending on a day starts the day after 12 months back (29 February too)', () => {
    expect(windowFrom('2026-06-30')).toBe('2025-07-01');
    expect(windowFrom('2024-02-29')).toBe('2023-03-01');
    expect(windowFrom('2025-02-28')).toBe('2024-02-29');
    expect(windowFrom('2026-03-31', 1)).toBe('2026-03-01');
  });

  it('names a backup on the bureau clock whatever the host zone', () => {
    // 23:30 UTC on 9 June is 07:30 on 10 June in Beijing.
    expect(backupFileName(new Date('2026-06-09T23:30:00Z'))).toBe('backup-20260610-073000.tar.gz');
    expect(backupFileName(new Date('2024-02-28T16:00:00Z'))).toBe('backup-20240229-000000.tar.gz');
  });
});
