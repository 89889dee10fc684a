import { describe, expect, it } from 'vitest';
import { readingDays, type SectionPlan, sectionReadings } from '../../server/db/seed/water';

const plan: SectionPlan = {
  code: 'T-1',
  name: '测试断面',
  river: '衢江',
  waterBody: 'river',
  targetClass: 'III',
  profile: 'moderate',
  near: [118.87, 28.94],
  id: 1,
  riverId: 1,
  lon: 118.87,
  lat: 28.94,
  countyCode: null,
};

const all = (until?: number) => [...sectionReadings(plan, readingDays('2026-06-10', 1), 7, 500, until)].flat();

describe('demo readings and the clock', () => {
  it('stop at the moment the demo is made: at 12:52 Beijing time the last reading is 12:00', () => {
    const rows = all(Date.parse('2026-06-10T12:52:00+08:00'));
    expect(rows.at(-1)?.time).toBe('2026-06-10T12:00:00+08:00');
    expect(rows.every((r) => Date.parse(r.time) <= Date.parse('2026-06-10T12:52:00+08:00'))).toBe(true);
  });

  it('are the same rows up to that moment as without the limit (the generator does not reshuffle)', () => {
    const full = all();
    expect(full.at(-1)?.time).toBe('2026-06-10T20:00:00+08:00');
    const cut = all(Date.parse('2026-06-10T12:00:00+08:00'));
    expect(cut).toEqual(full.slice(0, cut.length));
    expect(full.length - cut.length).toBe(2);
  });
});
