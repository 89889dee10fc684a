import { describe, expect, it } from 'vitest';
import { type DemoOutlet, outletHours, planPatterns } from '../../server/db/seed/online-demo';
import { computeFlags, HOUR_MS } from '../../server/domain/online-integrity';

const water = (id: number): DemoOutlet => ({
  id,
  medium: 'water',
  pollutants: [
    { code: 'w01018', limit: 100, range: 500, detectionLimit: 4 },
    { code: 'w21003', limit: 15, range: 50, detectionLimit: 0.025 },
    { code: 'w00000', limit: null, range: 1000, detectionLimit: null },
  ],
});
const gas = (id: number): DemoOutlet => ({
  id,
  medium: 'gas',
  pollutants: [
    { code: 'a21026', limit: 200, range: 1000, detectionLimit: 3 },
    { code: 'a21002', limit: 200, range: 1000, detectionLimit: 3 },
    { code: 'a34013', limit: 20, range: 100, detectionLimit: 1 },
    { code: 'a00000', limit: null, range: 500_000, detectionLimit: null },
  ],
});

const to = Date.parse('2026-06-30T00:00:00+08:00');
const from = to - 365 * 24 * HOUR_MS;
const outlets = Array.from({ length: 12 }, (_, i) => (i % 3 === 2 ? gas(i + 1) : water(i + 1)));

describe('demo hourly data', () => {
  const plants = planPatterns(outlets, 20181, from, to);

  it('is deterministic from the seed', () => {
    expect(planPatterns(outlets, 20181, from, to)).toEqual(plants);
    const a = outletHours(outlets[0], plants, 20181, from, from + 200 * HOUR_MS);
    expect(outletHours(outlets[0], plants, 20181, from, from + 200 * HOUR_MS)).toEqual(a);
    expect(outletHours(outlets[0], plants, 20182, from, from + 200 * HOUR_MS)).not.toEqual(a);
  });

  it('the flag engine finds every planted pattern and nothing where none was planted', () => {
    const kinds = new Set(plants.map((p) => p.kind));
    expect([...kinds].sort()).toEqual(
      ['constant', 'detection_limit', 'exceedance', 'gap', 'narrow_band', 'parked_under_limit', 'zero_flow'].sort(),
    );
    const found: { kind: string; outletId: number; pollutant: string; from: number; to: number }[] = [];
    for (const o of outlets) {
      const rows = outletHours(o, plants, 20181, from, to);
      expect(rows.every((r) => Date.parse(r.time) < to)).toBe(true);
      const flags = computeFlags({
        pollutants: o.pollutants,
        flowCode: o.medium === 'water' ? 'w00000' : 'a00000',
        hours: rows.map((r) => ({
          time: Date.parse(r.time),
          pollutant: r.pollutant,
          value: r.avg,
          flag: r.flag,
          valid: r.flag === 'N',
        })),
        from,
        to,
        timeZone: 'Asia/Shanghai',
      });
      for (const f of flags)
        found.push({ kind: f.kind, outletId: o.id, pollutant: f.pollutant, from: f.from, to: f.to });
    }
    const overlaps = (p: { from: number; hours: number }, f: { from: number; to: number }) =>
      f.from < p.from + p.hours * HOUR_MS && p.from < f.to;
    for (const p of plants.filter((x) => x.kind !== 'exceedance')) {
      const hit = found.some(
        (f) =>
          f.kind === p.kind &&
          f.outletId === p.outletId &&
          (p.pollutant === '*' || f.pollutant === p.pollutant) &&
          overlaps(p, f),
      );
      expect(hit, `${p.kind} on outlet ${p.outletId} ${p.pollutant}`).toBe(true);
    }
    const unexplained = found.filter(
      (f) => !plants.some((p) => p.kind === f.kind && p.outletId === f.outletId && overlaps(p, f)),
    );
    expect(unexplained).toEqual([]);
  }, 120_000);
});
