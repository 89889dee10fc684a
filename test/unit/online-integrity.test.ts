import { describe, expect, it } from 'vitest';
import {
  binomialUpperTail,
  computeFlags,
  DEFAULT_INTEGRITY_RULES,
  type FlagInput,
  HOUR_MS,
  type HourValue,
  type PollutantMeta,
} from '../../server/domain/online-integrity';

const TZ = 'Asia/Shanghai';
const T0 = Date.parse('2026-01-01T00:00:00+08:00');
const COD: PollutantMeta = { code: 'w01018', limit: 100, range: 500, detectionLimit: 4 };
const FLOW: PollutantMeta = { code: 'w00000', limit: null, range: null, detectionLimit: null };

type Hour = { value: number | null; flag?: string };

/** Hours from T0: value per hour index, flag N (valid) unless given; null value = no row. */
function series(pollutant: string, hours: number, at: (i: number) => Hour | null): HourValue[] {
  const out: HourValue[] = [];
  for (let i = 0; i < hours; i++) {
    const h = at(i);
    if (!h) continue;
    const flag = h.flag ?? 'N';
    out.push({ time: T0 + i * HOUR_MS, pollutant, value: h.value, flag, valid: flag === 'N' && h.value != null });
  }
  return out;
}

/** Noise that no rule takes for a pattern: alternates 20 / 80 (80 − 20 > 2 % of 500). */
const noise = (i: number): Hour => ({ value: i % 2 ? 80 : 20 });
const steadyFlow = (hours: number) => series('w00000', hours, () => ({ value: 12.5 }));

function run(hours: HourValue[], total: number, extra: Partial<FlagInput> = {}) {
  return computeFlags({
    pollutants: [COD, FLOW],
    flowCode: 'w00000',
    hours,
    from: T0,
    to: T0 + total * HOUR_MS,
    timeZone: TZ,
    ...extra,
  });
}
const kinds = (flags: ReturnType<typeof run>, kind: string) => flags.filter((f) => f.kind === kind);

describe('constant', () => {
  const planted = (len: number) =>
    run(
      [...series('w01018', 100, (i) => (i >= 30 && i < 30 + len ? { value: 37.2 } : noise(i))), ...steadyFlow(100)],
      100,
    );

  it('flags 24 consecutive valid hours of one value, with the span and the parameters', () => {
    const flags = kinds(planted(24), 'constant');
    expect(flags).toHaveLength(1);
    const [f] = flags;
    expect(f.pollutant).toBe('w01018');
    expect(f.from).toBe(T0 + 30 * HOUR_MS);
    expect(f.to).toBe(T0 + 54 * HOUR_MS);
    expect(f.parameters).toEqual({ minHours: 24, tolerance: 0 });
    expect(f.evidence).toMatchObject({ hours: 24, count: 24, min: 37.2, max: 37.2, value: 37.2, sampled: false });
    expect(f.evidence.values[0]).toEqual(['2026-01-02T06:00:00+08:00', 37.2]);
    expect(f.evidence.values).toHaveLength(24);
  });

  it('does not flag 23 hours', () => {
    expect(kinds(planted(23), 'constant')).toEqual([]);
  });

  it('an invalid hour ends the run', () => {
    const hours = series('w01018', 100, (i) => {
      if (i === 42) return { value: 37.2, flag: 'C' };
      return i >= 30 && i < 60 ? { value: 37.2 } : noise(i);
    });
    expect(kinds(run([...hours, ...steadyFlow(100)], 100), 'constant')).toEqual([]);
  });

  it('bounds the evidence of a long span to an even sample with its ends', () => {
    const hours = series('w01018', 600, () => ({ value: 5 }));
    const [f] = kinds(run([...hours, ...steadyFlow(600)], 600), 'constant');
    expect(f.evidence.hours).toBe(600);
    expect(f.evidence.values).toHaveLength(DEFAULT_INTEGRITY_RULES.evidenceValues);
    expect(f.evidence.sampled).toBe(true);
    expect(f.evidence.values[0][0]).toBe('2026-01-01T00:00:00+08:00');
    expect(f.evidence.values.at(-1)?.[0]).toBe('2026-01-25T23:00:00+08:00');
  });
});

describe('narrow_band (2 % of a 500 range = 10)', () => {
  const planted = (len: number, hi: number) =>
    run(
      [
        ...series('w01018', 400, (i) =>
          i >= 100 && i < 100 + len ? { value: i % 3 === 0 ? hi : i % 3 === 1 ? 50 : 55 } : noise(i),
        ),
        ...steadyFlow(400),
      ],
      400,
    );

  it('flags 168 hours whose values span exactly 2 % of the range', () => {
    const flags = kinds(planted(168, 60), 'narrow_band');
    expect(flags).toHaveLength(1);
    expect(flags[0].from).toBe(T0 + 100 * HOUR_MS);
    expect(flags[0].to).toBe(T0 + 268 * HOUR_MS);
    expect(flags[0].evidence).toMatchObject({ min: 50, max: 60, range: 500, band: 10, hours: 168 });
  });

  it('does not flag a span just wider than 2 % of the range', () => {
    expect(kinds(planted(168, 60.01), 'narrow_band')).toEqual([]);
  });

  it('does not flag 167 hours', () => {
    expect(kinds(planted(167, 60), 'narrow_band')).toEqual([]);
  });

  it('skips invalid hours inside the span, but a day without valid data ends it', () => {
    const withCalibration = series('w01018', 400, (i) => {
      if (i >= 100 && i < 280) return i % 24 === 3 ? { value: 300, flag: 'C' } : { value: 55 + (i % 2) };
      return noise(i);
    });
    expect(kinds(run([...withCalibration, ...steadyFlow(400)], 400), 'narrow_band')).toHaveLength(1);
    const withGap = series('w01018', 400, (i) => {
      if (i >= 180 && i < 204) return null;
      return i >= 100 && i < 290 ? { value: 55 + (i % 2) } : noise(i);
    });
    expect(kinds(run([...withGap, ...steadyFlow(400)], 400), 'narrow_band')).toEqual([]);
  });

  it('finds the band once the values settle after a wide start', () => {
    const hours = series('w01018', 400, (i) => (i < 50 ? noise(i) : { value: 100 + (i % 5) }));
    const flags = kinds(run([...hours, ...steadyFlow(400)], 400), 'narrow_band');
    expect(flags).toHaveLength(1);
    expect(flags[0].from).toBe(T0 + 50 * HOUR_MS);
    expect(flags[0].to).toBe(T0 + 400 * HOUR_MS);
  });
});

describe('detection_limit (2 × DL 4 = 8)', () => {
  const low = (i: number): Hour => ({ value: [5, 8, 6.5][i % 3] });
  const values = (len: number) => series('w01018', 300, (i) => (i >= 50 && i < 50 + len ? low(i) : noise(i)));

  it('flags 168 hours at or below twice the detection limit while flow is reported', () => {
    const flags = kinds(run([...values(168), ...steadyFlow(300)], 300), 'detection_limit');
    expect(flags).toHaveLength(1);
    expect(flags[0].evidence).toMatchObject({ detectionLimit: 4, bound: 8, max: 8, hours: 168 });
  });

  it('does not flag 167 hours', () => {
    expect(kinds(run([...values(167), ...steadyFlow(300)], 300), 'detection_limit')).toEqual([]);
  });

  it('needs flow: no flow series, or an hour of zero flow, breaks it', () => {
    expect(kinds(run(values(168), 300), 'detection_limit')).toEqual([]);
    const flow = series('w00000', 300, (i) => ({ value: i === 120 ? 0 : 12.5 }));
    expect(kinds(run([...values(168), ...flow], 300), 'detection_limit')).toEqual([]);
  });

  it('a value above twice the detection limit breaks it', () => {
    const hours = series('w01018', 300, (i) => (i === 120 ? { value: 8.01 } : i >= 50 && i < 218 ? low(i) : noise(i)));
    expect(kinds(run([...hours, ...steadyFlow(300)], 300), 'detection_limit')).toEqual([]);
  });
});

describe('gap', () => {
  const withHole = (len: number, hole: (i: number) => Hour | null) =>
    run(
      series('w01018', 100, (i) => (i >= 40 && i < 40 + len ? hole(i) : noise(i))),
      100,
      { pollutants: [COD], flowCode: null },
    );

  it('flags 24 hours without a row, with the flags seen', () => {
    const flags = kinds(
      withHole(24, () => null),
      'gap',
    );
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ pollutant: 'w01018', from: T0 + 40 * HOUR_MS, to: T0 + 64 * HOUR_MS });
    expect(flags[0].evidence).toMatchObject({ hours: 24, count: 0, flags: { missing: 24 } });
  });

  it('does not flag 23 hours', () => {
    expect(
      kinds(
        withHole(23, () => null),
        'gap',
      ),
    ).toEqual([]);
  });

  it('hours flagged fault count as a gap; a declared stop (F) or maintenance (M) does not', () => {
    expect(
      kinds(
        withHole(24, () => ({ value: 3, flag: 'D' })),
        'gap',
      ),
    ).toHaveLength(1);
    expect(
      kinds(
        withHole(30, () => ({ value: null, flag: 'F' })),
        'gap',
      ),
    ).toEqual([]);
    expect(
      kinds(
        withHole(30, (i) => ({ value: 3, flag: i < 55 ? 'M' : 'B' })),
        'gap',
      ),
    ).toEqual([]);
  });

  it('a gap running up to the end of the window is flagged up to it', () => {
    const flags = kinds(
      run(
        series('w01018', 100, (i) => (i < 70 ? noise(i) : null)),
        100,
        { pollutants: [COD], flowCode: null },
      ),
      'gap',
    );
    expect(flags.map((f) => [f.from, f.to])).toEqual([[T0 + 70 * HOUR_MS, T0 + 100 * HOUR_MS]]);
  });
});

describe('zero_flow', () => {
  const planted = (len: number, cod: (i: number) => Hour) =>
    run(
      [
        ...series('w01018', 48, (i) => (i >= 10 && i < 10 + len ? cod(i) : noise(i))),
        ...series('w00000', 48, (i) => ({ value: i >= 10 && i < 10 + len ? 0 : 12.5 })),
      ],
      48,
    );

  it('flags hours of zero flow with concentrations reported, on the flow code', () => {
    const flags = kinds(
      planted(3, () => ({ value: 31 })),
      'zero_flow',
    );
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ pollutant: 'w00000', from: T0 + 10 * HOUR_MS, to: T0 + 13 * HOUR_MS });
    expect(flags[0].evidence).toMatchObject({ concentrations: ['w01018'], max: 0 });
  });

  it('does not flag a shorter stop, nor zero flow with the analyser stopped', () => {
    expect(
      kinds(
        planted(2, () => ({ value: 31 })),
        'zero_flow',
      ),
    ).toEqual([]);
    expect(
      kinds(
        planted(10, () => ({ value: 31, flag: 'F' })),
        'zero_flow',
      ),
    ).toEqual([]);
    expect(
      kinds(
        planted(10, () => ({ value: 0 })),
        'zero_flow',
      ),
    ).toEqual([]);
  });
});

describe('parked_under_limit (band [90, 100) of limit 100)', () => {
  // Baseline months: values spread 30–99 with about 3 % of hours in the band.
  const month = (t: number) => new Date(t + 8 * HOUR_MS).toISOString().slice(0, 7);
  const end = Date.parse('2026-05-01T00:00:00+08:00');
  const total = (end - T0) / HOUR_MS;
  const spread = (i: number): Hour => ({ value: i % 33 === 0 ? 95 : 30 + ((i * 7) % 55) });

  function planted(parked: (i: number) => boolean) {
    const hours = series('w01018', total, (i) => (parked(i) ? { value: 97.5 } : spread(i)));
    return kinds(run([...hours, ...series('w00000', total, () => ({ value: 12.5 }))], total), 'parked_under_limit');
  }

  it('flags the month whose share in the band far exceeds the earlier months, on the Beijing calendar', () => {
    const april = (i: number) => month(T0 + i * HOUR_MS) === '2026-04' && i % 4 === 0;
    const flags = planted(april);
    expect(flags).toHaveLength(1);
    const [f] = flags;
    expect(f.from).toBe(Date.parse('2026-04-01T00:00:00+08:00'));
    expect(f.to).toBe(end);
    const ev = f.evidence as Record<string, number>;
    expect(ev.n).toBe(720);
    expect(ev.k).toBeGreaterThanOrEqual(180);
    expect(ev.baselineN).toBe(2160);
    expect(ev.baselineShare).toBeLessThan(0.05);
    expect(ev.pValue).toBeLessThan(0.001);
  });

  it('does not flag months like the earlier ones, nor values at the limit (an exceedance, not parking)', () => {
    expect(planted(() => false)).toEqual([]);
    const atLimit = series('w01018', total, (i) =>
      month(T0 + i * HOUR_MS) === '2026-04' && i % 4 === 0 ? { value: 100 } : spread(i),
    );
    expect(kinds(run(atLimit, total), 'parked_under_limit')).toEqual([]);
  });

  it('needs a month of baseline: the first month is never flagged', () => {
    expect(planted((i) => month(T0 + i * HOUR_MS) === '2026-01' && i % 4 === 0)).toEqual([]);
  });
});

describe('binomialUpperTail', () => {
  it('matches hand-worked tails', () => {
    expect(binomialUpperTail(10, 10, 0.5)).toBeCloseTo(1 / 1024, 12);
    expect(binomialUpperTail(9, 10, 0.5)).toBeCloseTo(11 / 1024, 12);
    expect(binomialUpperTail(0, 10, 0.3)).toBe(1);
    expect(binomialUpperTail(11, 10, 0.3)).toBe(0);
    // 1 − P(X ≤ 1) for n = 20, p = 0.1
    expect(binomialUpperTail(2, 20, 0.1)).toBeCloseTo(1 - 0.9 ** 20 - 20 * 0.1 * 0.9 ** 19, 12);
  });
});

describe('one span, one flag', () => {
  it('a band at the detection limit is flagged as detection_limit only', () => {
    const hours = series('w01018', 300, (i) => (i >= 50 && i < 250 ? { value: 5 + (i % 3) } : noise(i)));
    const flags = run([...hours, ...steadyFlow(300)], 300).filter((f) => f.kind !== 'gap');
    expect(flags.map((f) => f.kind)).toEqual(['detection_limit']);
  });
});
