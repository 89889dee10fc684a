import { afterAll, describe, expect, it } from 'vitest';
import { quarterChoices, quarterOf } from '../../web/src/inspections/quarters';
import { fmtDateLong, fmtHm, fmtHms, isoDaysBefore } from '../../web/src/screen/screen-format';

const hostZone = process.env.TZ;
afterAll(() => {
  if (hostZone === undefined) delete process.env.TZ;
  else process.env.TZ = hostZone;
});

// The wall screen and the plan dialog show the bureau's clock even on a computer set to another zone.
describe.each(['UTC', 'America/New_York'])('the web app on a computer in %s', (zone) => {
  it('shows Beijing time and date on the screen clock', () => {
    process.env.TZ = zone;
    const t = new Date('2026-09-30T16:05:09Z'); // Beijing: Thursday 1 October 00:05:09
    expect(fmtHm(t)).toBe('00:05');
    expect(fmtHms(t)).toBe('00:05:09');
    expect(fmtDateLong(t)).toBe('2026年10月1日 星期四');
    expect(isoDaysBefore('2024-03-01', 1)).toBe('2024-02-29');
  });

  it('takes the current quarter on the bureau calendar', () => {
    process.env.TZ = zone;
    expect(quarterOf(new Date('2026-09-30T16:05:09Z'))).toBe('2026Q4');
    expect(quarterChoices(new Date('2025-12-31T16:00:00Z'))).toEqual(['2025Q4', '2026Q1', '2026Q2']);
  });
});
