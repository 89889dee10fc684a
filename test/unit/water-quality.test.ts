import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import rulesJson from '../../data/rules/water-quality.gb3838-2002.json';
import {
  classifyIndicator,
  classifyPeriod,
  classifySample,
  classRank,
  DEFAULT_WATER_QUALITY_RULES,
  type Indicator,
  type Sample,
  WATER_CLASSES,
  type WaterClass,
} from '../../server/domain/water-quality';

describe('rules data', () => {
  it('carries the version and the GB 3838-2002 table', () => {
    expect(rulesJson.version).toBe('gb3838-2002.v2');
    expect(rulesJson.precision).toEqual({ ph: 2, do: 1, codmn: 1, cod: 0, bod5: 1, nh3n: 3, tp: 3, tn: 2 });
    expect(rulesJson.limits.do.river).toEqual([7.5, 6, 5, 3, 2]);
    expect(rulesJson.limits.codmn.river).toEqual([2, 4, 6, 10, 15]);
    expect(rulesJson.limits.cod.river).toEqual([15, 15, 20, 30, 40]);
    expect(rulesJson.limits.bod5.river).toEqual([3, 3, 4, 6, 10]);
    expect(rulesJson.limits.nh3n.river).toEqual([0.15, 0.5, 1.0, 1.5, 2.0]);
    expect(rulesJson.limits.tp.river).toEqual([0.02, 0.1, 0.2, 0.3, 0.4]);
    expect(rulesJson.limits.tp.lake).toEqual([0.01, 0.025, 0.05, 0.1, 0.2]);
    expect(rulesJson.limits.tn.lake).toEqual([0.2, 0.5, 1.0, 1.5, 2.0]);
    expect(rulesJson.ph).toEqual({ min: 6, max: 9 });
  });
});

describe('classRank', () => {
  it('ranks I=1 … 劣V=6 in WATER_CLASSES order', () => {
    expect(WATER_CLASSES.map(classRank)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('classifyIndicator', () => {
  it('a value equal to a limit meets it', () => {
    expect(classifyIndicator('codmn', 2, 'river')).toBe('I');
    expect(classifyIndicator('codmn', 4, 'river')).toBe('II');
    expect(classifyIndicator('codmn', 6, 'river')).toBe('III');
    expect(classifyIndicator('codmn', 10, 'river')).toBe('IV');
    expect(classifyIndicator('codmn', 15, 'river')).toBe('V');
    expect(classifyIndicator('codmn', 15.01, 'river')).toBe('劣V');
    expect(classifyIndicator('nh3n', 0.15, 'river')).toBe('I');
    expect(classifyIndicator('nh3n', 0.5, 'river')).toBe('II');
    expect(classifyIndicator('nh3n', 1.0, 'river')).toBe('III');
    expect(classifyIndicator('nh3n', 2.0, 'river')).toBe('V');
  });

  it('DO is a lower bound: equal to the limit meets it', () => {
    expect(classifyIndicator('do', 7.5, 'river')).toBe('I');
    expect(classifyIndicator('do', 7.49, 'river')).toBe('II');
    expect(classifyIndicator('do', 5, 'river')).toBe('III');
    expect(classifyIndicator('do', 2, 'river')).toBe('V');
    expect(classifyIndicator('do', 1.99, 'river')).toBe('劣V');
  });

  it('shared I/II limits go to the better class', () => {
    // COD: I and II both ≤ 15, so 15 is I; 15.1 is III (≤ 20).
    expect(classifyIndicator('cod', 15, 'river')).toBe('I');
    expect(classifyIndicator('cod', 15.1, 'river')).toBe('III');
    // BOD5: I and II both ≤ 3.
    expect(classifyIndicator('bod5', 3, 'river')).toBe('I');
    expect(classifyIndicator('bod5', 3.1, 'river')).toBe('III');
  });

  it('TP uses the river or lake column', () => {
    // TP 0.05: river column 0.02 < 0.05 ≤ 0.1 → II; lake column 0.025 < 0.05 ≤ 0.05 → III.
    expect(classifyIndicator('tp', 0.05, 'river')).toBe('II');
    expect(classifyIndicator('tp', 0.05, 'lake')).toBe('III');
  });

  it('TN is classed from the lake column for rivers too', () => {
    expect(classifyIndicator('tn', 1.0, 'river')).toBe('III');
    expect(classifyIndicator('tn', 3, 'river')).toBe('劣V');
  });

  it('pH: inside [6, 9] is I, outside is 劣V', () => {
    expect(classifyIndicator('ph', 6, 'river')).toBe('I');
    expect(classifyIndicator('ph', 9, 'river')).toBe('I');
    expect(classifyIndicator('ph', 5.9, 'river')).toBe('劣V');
    expect(classifyIndicator('ph', 9.1, 'river')).toBe('劣V');
  });

  it('rejects non-finite values', () => {
    expect(() => classifyIndicator('cod', Number.NaN, 'river')).toThrow(RangeError);
  });
});

describe('classifySample', () => {
  it('is the worst class among the evaluated indicators', () => {
    const r = classifySample({ ph: 7.2, do: 8, codmn: 3, nh3n: 0.8, tp: 0.05 }, 'river');
    // do 8 → I, codmn 3 → II, nh3n 0.8 → III, tp 0.05 → II, pH in range → I.
    expect(r?.class).toBe('III');
    expect(r?.indicators).toEqual({
      ph: { value: 7.2, class: 'I' },
      do: { value: 8, class: 'I' },
      codmn: { value: 3, class: 'II' },
      nh3n: { value: 0.8, class: 'III' },
      tp: { value: 0.05, class: 'II' },
    });
    expect(r?.mainPollutants).toEqual([]);
  });

  it('pH 5.9 and 9.1 make the sample 劣V; pH 6 and 9 do not', () => {
    expect(classifySample({ ph: 5.9, codmn: 1 }, 'river')?.class).toBe('劣V');
    expect(classifySample({ ph: 9.1, codmn: 1 }, 'river')?.class).toBe('劣V');
    expect(classifySample({ ph: 6, codmn: 1 }, 'river')?.class).toBe('I');
    expect(classifySample({ ph: 9, codmn: 1 }, 'river')?.class).toBe('I');
    expect(classifySample({ ph: 9.1, codmn: 1 }, 'river')?.indicators.ph).toEqual({
      value: 9.1,
      class: '劣V',
    });
  });

  it('pH outside 6–9 is a main pollutant (劣V, no multiple); inside it is not', () => {
    expect(classifySample({ ph: 5.5 }, 'river')).toMatchObject({
      class: '劣V',
      mainPollutants: [{ indicator: 'ph', class: '劣V', multiple: null }],
    });
    expect(classifySample({ ph: 9.5, codmn: 1 }, 'river')?.mainPollutants).toEqual([
      { indicator: 'ph', class: '劣V', multiple: null },
    ]);
    expect(classifySample({ ph: 9, codmn: 1 }, 'river')?.mainPollutants).toEqual([]);
    // Within 劣V, indicators with a multiple come first; pH follows them, ahead of a V-class one.
    const r = classifySample({ ph: 5.5, tp: 0.5, nh3n: 3, codmn: 12 }, 'river');
    expect(r?.mainPollutants).toEqual([
      { indicator: 'nh3n', class: '劣V', multiple: 2 },
      { indicator: 'tp', class: '劣V', multiple: 1.5 },
      { indicator: 'ph', class: '劣V', multiple: null },
    ]);
    // pH is a main pollutant of a period too when its mean lies outside 6–9.
    expect(classifyPeriod([{ ph: 5.4 }, { ph: 5.6 }], 'river').mainPollutants).toEqual([
      { indicator: 'ph', class: '劣V', multiple: null },
    ]);
  });

  it('river vs lake TP', () => {
    expect(classifySample({ tp: 0.05 }, 'river')?.class).toBe('II');
    expect(classifySample({ tp: 0.05 }, 'lake')?.class).toBe('III');
  });

  it('TN is reported separately and never changes the class', () => {
    const river = classifySample({ codmn: 3, tn: 3 }, 'river');
    expect(river?.class).toBe('II');
    expect(river?.tnClass).toBe('劣V');
    expect(river?.indicators.tn).toBeUndefined();
    expect(river?.mainPollutants).toEqual([]);
    const lake = classifySample({ codmn: 3, tp: 0.02, tn: 1.2 }, 'lake');
    // lake TP 0.02 → II (0.01 < 0.02 ≤ 0.025); TN 1.2 → IV reported alone.
    expect(lake?.class).toBe('II');
    expect(lake?.tnClass).toBe('IV');
  });

  it('leaves tnClass out when there is no TN', () => {
    expect(classifySample({ codmn: 3 }, 'river')).not.toHaveProperty('tnClass');
  });

  it('skips missing, null and NaN values (never read as zero)', () => {
    const r = classifySample({ do: Number.NaN, codmn: null, cod: undefined, nh3n: 1.2 }, 'river');
    // If DO NaN were read as 0 the sample would be 劣V; it is IV from NH3-N alone.
    expect(r?.class).toBe('IV');
    expect(Object.keys(r?.indicators ?? {})).toEqual(['nh3n']);
  });

  it('returns null when nothing is evaluable', () => {
    expect(classifySample({}, 'river')).toBeNull();
    expect(classifySample({ do: null, cod: Number.NaN }, 'river')).toBeNull();
    // TN alone does not class a sample.
    expect(classifySample({ tn: 0.4 }, 'river')).toBeNull();
  });

  it('main pollutants: worst class first, then by multiple', () => {
    // CODMn 8: IV (6 < 8 ≤ 10), multiple (8 − 6)/6 = 0.333… → 0.33.
    // NH3-N 1.8: V (1.5 < 1.8 ≤ 2.0), multiple (1.8 − 1.0)/1.0 = 0.8.
    // V comes before IV although 0.8 > 0.33 would not decide it anyway.
    const r = classifySample({ codmn: 8, nh3n: 1.8 }, 'river');
    expect(r?.class).toBe('V');
    expect(r?.mainPollutants).toEqual([
      { indicator: 'nh3n', class: 'V', multiple: 0.8 },
      { indicator: 'codmn', class: 'IV', multiple: 0.33 },
    ]);
  });

  it('within one class the larger multiple comes first', () => {
    // CODMn 9: IV, (9 − 6)/6 = 0.5. COD 28: IV, (28 − 20)/20 = 0.4. BOD5 5.5: IV, (5.5 − 4)/4 = 0.375 → 0.38.
    const r = classifySample({ bod5: 5.5, cod: 28, codmn: 9 }, 'river');
    expect(r?.mainPollutants.map((p) => [p.indicator, p.multiple])).toEqual([
      ['codmn', 0.5],
      ['cod', 0.4],
      ['bod5', 0.38],
    ]);
  });

  it('lists at most three main pollutants', () => {
    // All IV: codmn (9−6)/6 = 0.5, cod (28−20)/20 = 0.4, bod5 (5−4)/4 = 0.25, nh3n (1.4−1)/1 = 0.4 (tie with cod).
    // TP 0.25 river: IV, (0.25−0.2)/0.2 = 0.25.
    const r = classifySample({ codmn: 9, cod: 28, bod5: 5, nh3n: 1.4, tp: 0.25 }, 'river');
    expect(r?.mainPollutants).toHaveLength(3);
    expect(r?.mainPollutants[0]).toEqual({ indicator: 'codmn', class: 'IV', multiple: 0.5 });
    expect(
      r?.mainPollutants
        .slice(1)
        .map((p) => p.indicator)
        .sort(),
    ).toEqual(['cod', 'nh3n']);
  });

  it('DO gets a null multiple', () => {
    const r = classifySample({ do: 2.5, codmn: 12 }, 'river');
    // CODMn 12: V (10 < 12 ≤ 15), multiple (12 − 6)/6 = 1.
    // DO 2.5: below IV's 3 but at least V's 2 → V; no multiple, so listed after CODMn.
    expect(r?.mainPollutants).toEqual([
      { indicator: 'codmn', class: 'V', multiple: 1 },
      { indicator: 'do', class: 'V', multiple: null },
    ]);
  });

  it('lake TP multiple uses the lake class III limit', () => {
    // Lake TP 0.15: V (0.1 < 0.15 ≤ 0.2); multiple (0.15 − 0.05)/0.05 = 2.
    expect(classifySample({ tp: 0.15 }, 'lake')?.mainPollutants).toEqual([
      { indicator: 'tp', class: 'V', multiple: 2 },
    ]);
  });

  it('劣V main pollutants come before V', () => {
    // NH3-N 2.5: 劣V, (2.5 − 1)/1 = 1.5. CODMn 14: V, (14 − 6)/6 = 1.33.
    const r = classifySample({ codmn: 14, nh3n: 2.5 }, 'river');
    expect(r?.mainPollutants).toEqual([
      { indicator: 'nh3n', class: '劣V', multiple: 1.5 },
      { indicator: 'codmn', class: 'V', multiple: 1.33 },
    ]);
  });
});

describe('classifyPeriod', () => {
  it('classes the means of valid readings and reports coverage', () => {
    const r = classifyPeriod(
      [
        { codmn: 4, nh3n: 0.4 },
        { codmn: 6, nh3n: 0.6, valid: true },
        { codmn: 40, nh3n: 9, valid: false },
        { codmn: null, nh3n: Number.NaN },
      ],
      'river',
      4,
    );
    // Means over the two valid readings: codmn (4+6)/2 = 5 → III, nh3n (0.4+0.6)/2 = 0.5 → II.
    expect(r.means).toEqual({ codmn: 5, nh3n: 0.5 });
    expect(r.class).toBe('III');
    expect(r.validCount).toBe(2);
    expect(r.coverage).toBe(0.5);
  });

  it('means of decimal readings are not pushed over a limit by float noise', () => {
    // (0.1 + 0.1 + 0.1) / 3 is 0.10000000000000002 in binary; it must still meet TP ≤ 0.1 (river II).
    const r = classifyPeriod([{ tp: 0.1 }, { tp: 0.1 }, { tp: 0.1 }], 'river');
    expect(r.means.tp).toBe(0.1);
    expect(r.class).toBe('II');
  });

  it('rounds each mean to its reporting precision by GB/T 8170 before classing', () => {
    // TP 0.1004 reports as 0.100 (river II, not III); 0.1005 is a half: 0 is even, so 0.100 too.
    expect(classifyPeriod([{ tp: 0.1004 }], 'river')).toMatchObject({ class: 'II', means: { tp: 0.1 } });
    expect(classifyPeriod([{ tp: 0.1 }, { tp: 0.101 }], 'river')).toMatchObject({ class: 'II', means: { tp: 0.1 } });
    expect(classifyPeriod([{ tp: 0.1 }, { tp: 0.103 }], 'river')).toMatchObject({ class: 'III', means: { tp: 0.102 } });
    // NH3-N 3 decimals, CODMn 1, DO 1, pH 2: 1.0005 → 1.000 (III), 6.05 → 6.0 (III), 4.95 → 5.0 (III), 5.995 → 6.00.
    expect(classifyPeriod([{ nh3n: 1.0005 }], 'river').means.nh3n).toBe(1);
    expect(classifyPeriod([{ nh3n: 1.0015 }], 'river').means.nh3n).toBe(1.002);
    expect(classifyPeriod([{ codmn: 6.05 }], 'river')).toMatchObject({ class: 'III', means: { codmn: 6 } });
    expect(classifyPeriod([{ do: 4.95 }], 'river')).toMatchObject({ class: 'III', means: { do: 5 } });
    expect(classifyPeriod([{ ph: 5.995, codmn: 1 }], 'river')).toMatchObject({ class: 'I', means: { ph: 6 } });
    expect(classifyPeriod([{ ph: 5.994, codmn: 1 }], 'river').class).toBe('劣V');
    // TN 2 decimals: 1.505 → 1.50 (IV, reported alone).
    expect(classifyPeriod([{ codmn: 1, tn: 1.505 }], 'lake')).toMatchObject({ tnClass: 'IV', means: { tn: 1.5 } });
    // A rule set without precision classes the raw mean.
    const { precision: _, ...bare } = DEFAULT_WATER_QUALITY_RULES;
    expect(classifyPeriod([{ tp: 0.1004 }], 'river', undefined, bare as never).class).toBe('III');
  });

  it('coverage is null without an expected count; class null without data', () => {
    const r = classifyPeriod([{ valid: false, codmn: 3 }], 'lake');
    expect(r.coverage).toBeNull();
    expect(r.class).toBeNull();
    expect(r.validCount).toBe(0);
    expect(r.mainPollutants).toEqual([]);
  });

  it('reports the TN class of the mean separately', () => {
    const r = classifyPeriod(
      [
        { codmn: 3, tn: 1.4 },
        { codmn: 3, tn: 1.6 },
      ],
      'lake',
      2,
    );
    expect(r.tnClass).toBe('IV');
    expect(r.class).toBe('II');
    expect(r.coverage).toBe(1);
  });
});

describe('properties', () => {
  const indicators: Exclude<Indicator, 'ph'>[] = ['do', 'codmn', 'cod', 'bod5', 'nh3n', 'tp', 'tn'];
  const sampleArb = fc.record(
    {
      ph: fc.double({ min: 4, max: 11, noNaN: true }),
      do: fc.double({ min: 0, max: 12, noNaN: true }),
      codmn: fc.double({ min: 0, max: 30, noNaN: true }),
      cod: fc.double({ min: 0, max: 80, noNaN: true }),
      bod5: fc.double({ min: 0, max: 20, noNaN: true }),
      nh3n: fc.double({ min: 0, max: 4, noNaN: true }),
      tp: fc.double({ min: 0, max: 1, noNaN: true }),
      tn: fc.double({ min: 0, max: 5, noNaN: true }),
    },
    { requiredKeys: ['codmn'] },
  );
  const rank = (c: WaterClass | undefined) => (c ? classRank(c) : 0);

  it('worsening any indicator never improves the class', () => {
    fc.assert(
      fc.property(
        sampleArb,
        fc.constantFrom(...indicators),
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.constantFrom<'river' | 'lake'>('river', 'lake'),
        (sample, indicator, delta, body) => {
          const base = sample[indicator] ?? 0;
          // DO is better when higher, so worsening it means lowering it.
          const worse: Sample = {
            ...sample,
            [indicator]: indicator === 'do' ? Math.max(0, base - delta) : base + delta,
          };
          const a = classifySample(sample, body);
          const b = classifySample(worse, body);
          expect(rank(b?.class)).toBeGreaterThanOrEqual(rank(a?.class));
          if (a?.tnClass && b?.tnClass) expect(classRank(b.tnClass)).toBeGreaterThanOrEqual(classRank(a.tnClass));
        },
      ),
    );
  });

  it('the class equals the worst indicator class and main pollutants are worse than III', () => {
    fc.assert(
      fc.property(sampleArb, fc.constantFrom<'river' | 'lake'>('river', 'lake'), (sample, body) => {
        const r = classifySample(sample, body);
        expect(r).not.toBeNull();
        if (!r) return;
        const worst = Math.max(...Object.values(r.indicators).map((i) => classRank(i.class)));
        expect(classRank(r.class)).toBe(worst);
        expect(r.mainPollutants.length).toBeLessThanOrEqual(3);
        for (const p of r.mainPollutants) expect(classRank(p.class)).toBeGreaterThan(3);
      }),
    );
  });
});
