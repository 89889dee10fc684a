import { describe, expect, it } from 'vitest';
import { type DemoOutlet, outletHours, planPatterns } from '../../server/db/seed/online-demo';
import { OUTLET_POLLUTANTS } from '../../server/db/seed/outlets';
import { computeFlags, HOUR_MS } from '../../server/domain/online-integrity';

// The seed's own analysers (ranges, limits, detection limits): the demo's flags must come from them.
const outletOf = (id: number, medium: 'water' | 'gas'): DemoOutlet => ({
  id,
  medium,
  pollutants: OUTLET_POLLUTANTS[medium].map(({ code, limit, range, detectionLimit }) => ({
    code,
    limit,
    range,
    detectionLimit,
  })),
});

const to = Date.parse('2026-06-30T00:00:00+08:00');
const from = to - 365 * 24 * HOUR_MS;
const outlets = Array.from({ length: 20 }, (_, i) => outletOf(i + 1, i % 3 === 2 ? 'gas' : 'water'));

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
    const key = (x: { kind: string; outletId: number }) => `${x.kind} on outlet ${x.outletId}`;
    expect([...new Set(found.map(key))].sort()).toEqual(
      [...new Set(plants.filter((p) => p.kind !== 'exceedance').map(key))].sort(),
    );
  }, 120_000);
});
