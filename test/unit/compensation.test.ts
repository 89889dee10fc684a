import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AgreementYearInput,
  assessAgreementYear,
  assessCompensation,
  assessFlow,
  assessWaterUse,
  baselineFromAnnualMeans,
  baselineYears,
  type CompensationInput,
  CompensationValidationError,
  coverageOf,
  expectedSamples,
  settle,
  validateCompensationInput,
} from '../../server/domain/compensation';

const baseline = { codmn: 4, nh3n: 0.5, tp: 0.1 };

function input(partial: Partial<CompensationInput> = {}): CompensationInput {
  return { baseline, means: { codmn: 4, nh3n: 0.5, tp: 0.1 }, amount: 8_000_000, ...partial };
}

function errorDetails(fn: () => unknown): { path: string; message: string }[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CompensationValidationError);
    return (e as CompensationValidationError).details;
  }
  throw new Error('expected a validation error');
}

describe('assessCompensation', () => {
  it('computes P with default K0 0.85 and equal weights', () => {
    // Ratios: codmn 3/4 = 0.75, nh3n 0.5/0.5 = 1, tp 0.12/0.1 = 1.2.
    // P = 0.85 × (0.75 + 1 + 1.2)/3 = 0.85 × 0.98333… = 0.835833…
    const r = assessCompensation(input({ means: { codmn: 3, nh3n: 0.5, tp: 0.12 } }));
    expect(r.ratios.codmn).toBe(0.75);
    expect(r.ratios.nh3n).toBe(1);
    expect(r.ratios.tp).toBeCloseTo(1.2, 12);
    expect(r.P).toBeCloseTo(0.8358333333, 9);
    expect(r).toMatchObject({ direction: 'downstream_pays', amount: 8_000_000, status: 'assessed' });
  });

  it('P exactly 1 → downstream pays upstream', () => {
    // K0 = 1, means = baseline → every ratio 1 → P = 1 × (1/3 + 1/3 + 1/3) = 1.
    const r = assessCompensation(input({ k0: 1 }));
    expect(r.P).toBe(1);
    expect(r.direction).toBe('downstream_pays');
    // Another exact 1: K0 0.5 with every ratio 2.
    const r2 = assessCompensation(input({ k0: 0.5, means: { codmn: 8, nh3n: 1, tp: 0.2 } }));
    expect(r2.P).toBe(1);
    expect(r2.direction).toBe('downstream_pays');
  });

  it('P just over 1 → upstream pays downstream', () => {
    const r = assessCompensation(input({ k0: 1, means: { codmn: 4 * (1 + 1e-9), nh3n: 0.5, tp: 0.1 } }));
    expect(r.P).toBeGreaterThan(1);
    expect(r.direction).toBe('upstream_pays');
    expect(r.amount).toBe(8_000_000);
  });

  it('uses the given weights', () => {
    // P = 0.85 × (0.5 × 2 + 0.25 × 1 + 0.25 × 1) = 0.85 × 1.5 = 1.275.
    const r = assessCompensation(
      input({ weights: { codmn: 0.5, nh3n: 0.25, tp: 0.25 }, means: { codmn: 8, nh3n: 0.5, tp: 0.1 } }),
    );
    expect(r.P).toBeCloseTo(1.275, 12);
    expect(r.direction).toBe('upstream_pays');
  });

  it('coverage 0.7499 → insufficient data, no payment; 0.75 → assessed', () => {
    const low = assessCompensation(input({ coverage: 0.7499 }));
    expect(low.status).toBe('insufficient_data');
    expect(low.direction).toBeNull();
    expect(low.amount).toBe(0);
    expect(low.P).toBeCloseTo(0.85, 12); // still computed: means exist
    const ok = assessCompensation(input({ coverage: 0.75 }));
    expect(ok.status).toBe('assessed');
    expect(ok.direction).toBe('downstream_pays');
    // 9 of 12 months is exactly 0.75.
    expect(assessCompensation(input({ coverage: 9 / 12 })).status).toBe('assessed');
  });

  it('a custom threshold applies', () => {
    expect(assessCompensation(input({ coverage: 0.8, coverageThreshold: 0.9 })).status).toBe('insufficient_data');
  });

  it('insufficient coverage tolerates missing means and leaves P null', () => {
    const r = assessCompensation(input({ coverage: 0.2, means: { codmn: 3 } }));
    expect(r).toEqual({
      P: null,
      ratios: { codmn: 0.75 },
      direction: null,
      amount: 0,
      status: 'insufficient_data',
    });
  });

  it('a projected year keeps its direction', () => {
    const r = assessCompensation(input({ projected: true, coverage: 0.9, means: { codmn: 6, nh3n: 0.8, tp: 0.2 } }));
    expect(r.status).toBe('projected');
    expect(r.direction).toBe('upstream_pays');
    expect(r.amount).toBe(8_000_000);
    // Insufficient coverage wins over projected.
    expect(assessCompensation(input({ projected: true, coverage: 0.5 })).status).toBe('insufficient_data');
  });

  it('throws with .details on invalid input', () => {
    const details = errorDetails(() => assessCompensation(input({ amount: 1 })));
    expect(details).toHaveLength(1);
    expect(details[0].path).toBe('amount');
    expect(details[0].message).toMatch(/500.*\(annual amount/);
  });
});

describe('validateCompensationInput', () => {
  const paths = (i: CompensationInput) => validateCompensationInput(i).map((e) => e.path);

  it('accepts a valid input', () => {
    expect(validateCompensationInput(input())).toEqual([]);
  });

  it('amount 4,999,999 and 10,000,001 are errors; 5,000,000 and 10,000,000 are fine', () => {
    expect(paths(input({ amount: 4_999_999 }))).toEqual(['amount']);
    expect(paths(input({ amount: 10_000_001 }))).toEqual(['amount']);
    expect(paths(input({ amount: 5_000_000 }))).toEqual([]);
    expect(paths(input({ amount: 10_000_000 }))).toEqual([]);
    expect(paths(input({ amount: Number.NaN }))).toEqual(['amount']);
  });

  it('weights must sum to 1 within 1e-6 and match the baseline keys', () => {
    expect(paths(input({ weights: { codmn: 0.5, nh3n: 0.3, tp: 0.3 } }))).toEqual(['weights']);
    expect(paths(input({ weights: { codmn: 0.5, nh3n: 0.25, tp: 0.2500005 } }))).toEqual([]);
    expect(paths(input({ weights: { codmn: 0.5, nh3n: 0.5 } }))).toEqual(['weights']);
    expect(paths(input({ weights: { codmn: 0.5, nh3n: 0.25, cod: 0.25 } }))).toEqual(['weights']);
    expect(paths(input({ weights: { codmn: 0.5, nh3n: 0.25, tp: Number.POSITIVE_INFINITY } }))).toEqual(['weights.tp']);
    const msg = validateCompensationInput(input({ weights: { codmn: 0.5, nh3n: 0.3, tp: 0.3 } }))[0].message;
    expect(msg).toContain('权重之和须为 1');
    expect(msg).toContain('(weights must sum to 1');
  });

  it('baseline must exist for every mean and be positive', () => {
    expect(paths(input({ baseline: { codmn: 4, nh3n: 0.5, tp: 0 } }))).toEqual(['baseline.tp']);
    expect(paths(input({ baseline: { codmn: 4, nh3n: -1, tp: 0.1 } }))).toEqual(['baseline.nh3n']);
    expect(paths(input({ means: { codmn: 4, nh3n: 0.5, tp: 0.1, cod: 15 } }))).toEqual(['baseline.cod']);
    expect(paths(input({ baseline: {}, means: {} }))).toEqual(['baseline']);
  });

  it('means must exist', () => {
    expect(paths(input({ means: { codmn: 4, nh3n: 0.5 } }))).toEqual(['means.tp']);
    expect(paths(input({ means: undefined as unknown as Record<string, number> }))).toEqual(['means']);
    expect(paths(input({ means: { codmn: 4, nh3n: Number.NaN, tp: 0.1 } }))).toEqual(['means.nh3n']);
  });

  it('k0 must be positive and finite', () => {
    expect(paths(input({ k0: 0 }))).toEqual(['k0']);
    expect(paths(input({ k0: -0.85 }))).toEqual(['k0']);
    expect(paths(input({ k0: Number.NaN }))).toEqual(['k0']);
  });

  it('coverage must be finite and non-negative', () => {
    expect(paths(input({ coverage: Number.NaN }))).toEqual(['coverage']);
    expect(paths(input({ coverage: -0.1 }))).toEqual(['coverage']);
    expect(paths(input({ coverage: null }))).toEqual([]);
  });
});

describe('baselineFromAnnualMeans', () => {
  it('averages the available calendar-year means per indicator', () => {
    const b = baselineFromAnnualMeans([
      { codmn: 3, tp: 0.1 },
      { codmn: 4, tp: 0.1 },
      { codmn: 5, tp: 0.1, nh3n: 0.6 },
    ]);
    // codmn (3+4+5)/3 = 4; tp (0.1×3)/3 = 0.1 (no float noise); nh3n only one year → 0.6.
    expect(b).toEqual({ codmn: 4, tp: 0.1, nh3n: 0.6 });
  });

  it('skips non-finite values', () => {
    expect(baselineFromAnnualMeans([{ tp: Number.NaN }, { tp: 0.2 }])).toEqual({ tp: 0.2 });
    expect(baselineFromAnnualMeans([])).toEqual({});
  });
});

describe('settle', () => {
  it('nets a chain A → B → C', () => {
    // A→B assessed: B (downstream) pays A 6M.  B→C projected: B (upstream) would pay C 8M.
    // Settled: A +6, B −6, C 0. The projection stays apart: B −8, C +8.
    const s = settle([
      { upstream: 'A', downstream: 'B', direction: 'downstream_pays', amount: 6_000_000, status: 'assessed' },
      { upstream: 'B', downstream: 'C', direction: 'upstream_pays', amount: 8_000_000, status: 'projected' },
    ]);
    const zero = { projectedReceived: 0, projectedPaid: 0, projectedNet: 0 };
    expect(s).toEqual([
      { countyCode: 'A', received: 6_000_000, paid: 0, net: 6_000_000, ...zero },
      {
        countyCode: 'B',
        received: 0,
        paid: 6_000_000,
        net: -6_000_000,
        projectedReceived: 0,
        projectedPaid: 8_000_000,
        projectedNet: -8_000_000,
      },
      {
        countyCode: 'C',
        received: 0,
        paid: 0,
        net: 0,
        projectedReceived: 8_000_000,
        projectedPaid: 0,
        projectedNet: 8_000_000,
      },
    ]);
  });

  it('ignores insufficient-data results but still lists the counties, sorted by code', () => {
    const s = settle([
      { upstream: '330825', downstream: '330822', direction: null, amount: 0, status: 'insufficient_data' },
      {
        upstream: '330822',
        downstream: '330802',
        direction: 'downstream_pays',
        amount: 5_000_000,
        status: 'assessed',
      },
    ]);
    const zero = { projectedReceived: 0, projectedPaid: 0, projectedNet: 0 };
    expect(s).toEqual([
      { countyCode: '330802', received: 0, paid: 5_000_000, net: -5_000_000, ...zero },
      { countyCode: '330822', received: 5_000_000, paid: 0, net: 5_000_000, ...zero },
      { countyCode: '330825', received: 0, paid: 0, net: 0, ...zero },
    ]);
  });

  it('nets sum to zero', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            upstream: fc.constantFrom('A', 'B', 'C', 'D'),
            downstream: fc.constantFrom('A', 'B', 'C', 'D'),
            direction: fc.constantFrom<'downstream_pays' | 'upstream_pays' | null>(
              'downstream_pays',
              'upstream_pays',
              null,
            ),
            amount: fc.integer({ min: 5_000_000, max: 10_000_000 }),
            status: fc.constantFrom<'assessed' | 'projected' | 'insufficient_data'>(
              'assessed',
              'projected',
              'insufficient_data',
            ),
          }),
        ),
        (results) => {
          expect(settle(results).reduce((s, x) => s + x.net, 0)).toBe(0);
          expect(settle(results).reduce((s, x) => s + x.projectedNet, 0)).toBe(0);
        },
      ),
    );
  });
});

describe('properties', () => {
  it('raising any Ci never lowers P', () => {
    const keys = ['codmn', 'nh3n', 'tp'] as const;
    const pos = fc.double({ min: 0.001, max: 100, noNaN: true });
    fc.assert(
      fc.property(
        fc.tuple(pos, pos, pos),
        fc.tuple(pos, pos, pos),
        fc.constantFrom(0, 1, 2),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0.1, max: 2, noNaN: true }),
        (b, m, i, delta, k0) => {
          const base = Object.fromEntries(keys.map((k, j) => [k, b[j]]));
          const means = Object.fromEntries(keys.map((k, j) => [k, m[j]]));
          const raised = { ...means, [keys[i]]: means[keys[i]] + delta };
          const p1 = assessCompensation({ baseline: base, means, amount: 5_000_000, k0 }).P ?? 0;
          const p2 = assessCompensation({ baseline: base, means: raised, amount: 5_000_000, k0 }).P ?? 0;
          expect(p2).toBeGreaterThanOrEqual(p1);
        },
      ),
    );
  });
});

describe('an agreement year by its own terms', () => {
  // 2025 is a whole past year: 365 days × 6 samples a day at the default 4 h = 2,190 owed.
  const FULL_2025 = 2190;
  const full = { codmn: FULL_2025, nh3n: FULL_2025, tp: FULL_2025, flow: FULL_2025 };
  const year = (partial: Partial<AgreementYearInput> = {}): AgreementYearInput => ({
    year: 2025,
    asOf: '2026-06-30',
    term: { startYear: 2025, endYear: 2027 },
    indicators: ['codmn', 'nh3n', 'tp'],
    amount: 6_000_000,
    baseline,
    // Means equal to the baseline: P = 0.85 × 1 = 0.85 → downstream pays.
    means: { codmn: 4, nh3n: 0.5, tp: 0.1 },
    validCounts: full,
    expected: FULL_2025,
    ...partial,
  });

  it('baseline years are the three before the first assessed year', () => {
    expect(baselineYears(2025)).toEqual([2022, 2023, 2024]);
  });

  it('P exactly 1 in force → downstream pays the full amount', () => {
    const r = assessAgreementYear(year({ k0: 1 }));
    expect(r).toMatchObject({ P: 1, direction: 'downstream_pays', amount: 6_000_000, status: 'assessed' });
  });

  it('a baseline year is not in force: no P, no direction, no amount', () => {
    for (const y of [2022, 2023, 2024]) {
      const r = assessAgreementYear(year({ year: y }));
      expect(r).toMatchObject({ status: 'not_in_force', P: null, direction: null, amount: 0, grossAmount: 0 });
      expect(r.conditions).toEqual([]);
    }
  });

  it('the year after endYear is not in force; an open end runs on', () => {
    expect(assessAgreementYear(year({ year: 2028, asOf: '2029-06-30' })).status).toBe('not_in_force');
    expect(assessAgreementYear(year({ year: 2027, asOf: '2028-06-30' })).status).toBe('assessed');
    const open = assessAgreementYear(
      year({ year: 2040, asOf: '2041-01-01', term: { startYear: 2025, endYear: null } }),
    );
    expect(open.status).toBe('assessed');
  });

  it('the as-of year is projected', () => {
    const r = assessAgreementYear(
      year({ year: 2026, expected: 1086, validCounts: { codmn: 1086, nh3n: 1086, tp: 1086 } }),
    );
    expect(r).toMatchObject({ status: 'projected', direction: 'downstream_pays', amount: 6_000_000 });
  });

  it('samples owed: a whole year, a leap year, the elapsed part, a later year, another interval', () => {
    expect(expectedSamples(2025, '2026-06-30', 4)).toBe(2190);
    expect(expectedSamples(2024, '2026-06-30', 4)).toBe(2196);
    // 1 January … 30 June 2026 = 181 days.
    expect(expectedSamples(2026, '2026-06-30', 4)).toBe(1086);
    expect(expectedSamples(2026, '2026-01-01', 4)).toBe(6);
    expect(expectedSamples(2024, '2024-02-29', 4)).toBe(60 * 6);
    expect(expectedSamples(2027, '2026-06-30', 4)).toBe(0);
    expect(expectedSamples(2025, '2026-06-30', 1 / 3)).toBe(365 * 72);
    expect(expectedSamples(2025, '2026-06-30', 6)).toBe(365 * 4);
  });

  it('coverage exactly 75 % is assessed; one reading less is insufficient', () => {
    // 2024: 366 × 6 = 2,196 owed; 75 % = 1,647 readings exactly.
    const at = (n: number) =>
      assessAgreementYear(
        year({
          year: 2024,
          term: { startYear: 2024, endYear: null },
          expected: 2196,
          validCounts: { codmn: 2196, nh3n: n, tp: 2196 },
        }),
      );
    expect(at(1647).coverage).toBe(0.75);
    expect(at(1647).status).toBe('assessed');
    expect(at(1646).status).toBe('insufficient_data');
    expect(at(1646)).toMatchObject({ direction: null, amount: 0 });
  });

  it('one indicator measured only in January makes the year insufficient, however complete the others', () => {
    // TP: 31 days × 6 = 186 of 2,190 → 0.0849.
    const r = assessAgreementYear(year({ validCounts: { codmn: 2190, nh3n: 2190, tp: 186 } }));
    expect(r.coverageByIndicator).toEqual({ codmn: 1, nh3n: 1, tp: 186 / 2190 });
    expect(r.coverage).toBe(186 / 2190);
    expect(r).toMatchObject({ status: 'insufficient_data', direction: null, amount: 0 });
  });

  it('coverage is the worst indicator and never above 1', () => {
    expect(coverageOf(['a', 'b'], { a: 3000, b: 1095 }, 2190)).toEqual({
      coverage: 0.5,
      coverageByIndicator: { a: 1, b: 0.5 },
    });
    expect(coverageOf(['a'], {}, 0).coverage).toBe(0);
  });

  it('flow below the minimum reduces the upstream county’s amount in proportion', () => {
    // Mean 34 m³/s against 42.5 → factor 0.8 → 6,000,000 × 0.8 = 4,800,000.
    const r = assessAgreementYear(year({ flow: { term: { minimum: 42.5, effect: 'proportional' }, mean: 34 } }));
    expect(r.grossAmount).toBe(6_000_000);
    expect(r.amount).toBe(4_800_000);
    expect(r.conditions).toEqual([
      {
        kind: 'flow',
        outcome: 'fail',
        effect: 'reduced',
        factor: 0.8,
        value: 34,
        limit: 42.5,
        unit: 'm³/s',
        coverage: 1,
      },
    ]);
    // Exactly the minimum passes; an agreement that only reports keeps the amount.
    expect(
      assessAgreementYear(year({ flow: { term: { minimum: 42.5, effect: 'proportional' }, mean: 42.5 } })).amount,
    ).toBe(6_000_000);
    const reported = assessAgreementYear(year({ flow: { term: { minimum: 42.5, effect: 'report' }, mean: 34 } }));
    expect(reported.amount).toBe(6_000_000);
    expect(reported.conditions[0]).toMatchObject({ outcome: 'fail', effect: 'reported', factor: 1 });
  });

  it('flow does not touch what the upstream county pays', () => {
    // Means twice the baseline: P = 0.85 × 2 = 1.7 → upstream pays the full amount.
    const r = assessAgreementYear(
      year({
        means: { codmn: 8, nh3n: 1, tp: 0.2 },
        flow: { term: { minimum: 42.5, effect: 'proportional' }, mean: 34 },
      }),
    );
    expect(r).toMatchObject({ direction: 'upstream_pays', amount: 6_000_000 });
    expect(r.conditions[0]).toMatchObject({ outcome: 'fail', effect: 'none', factor: 1 });
  });

  it('a thin flow record decides nothing', () => {
    // 1,000 of 2,190 flow readings (45.7 %) is below the 75 % threshold.
    const c = assessFlow({ minimum: 42.5, effect: 'proportional' }, 30, 1000 / 2190, 0.75);
    expect(c).toMatchObject({ outcome: 'no_data', effect: 'none', factor: 1, value: 30 });
    expect(assessFlow({ minimum: 42.5, effect: 'proportional' }, null, 0, 0.75)).toMatchObject({
      outcome: 'no_data',
      value: null,
    });
  });

  it('water use: total against the cap, use per 10,000 CNY of GDP against the year before', () => {
    const term = { cap: 29_000, efficiency: true, effect: 'forfeit' as const };
    // 2024: 12,000 万m³ / 1,500,000 万元 = 80 m³/万元; 2025: 12,000 / 1,600,000 = 75 → falls, passes.
    const pass = assessWaterUse(term, { totalUse: 12_000, gdp: 1_600_000 }, { totalUse: 12_000, gdp: 1_500_000 });
    expect(pass).toEqual([
      {
        kind: 'water_use_total',
        outcome: 'pass',
        effect: 'none',
        factor: 1,
        value: 12_000,
        limit: 29_000,
        unit: '万m³',
      },
      {
        kind: 'water_use_efficiency',
        outcome: 'pass',
        effect: 'none',
        factor: 1,
        value: 75,
        limit: 80,
        unit: 'm³/万元',
      },
    ]);
    // Equal to last year is no fall: fails. The cap itself is met.
    const flat = assessWaterUse(term, { totalUse: 29_000, gdp: 1_450_000 }, { totalUse: 12_000, gdp: 600_000 });
    expect(flat[0]).toMatchObject({ outcome: 'pass', value: 29_000 });
    expect(flat[1]).toMatchObject({ outcome: 'fail', effect: 'forfeited', factor: 0, value: 200, limit: 200 });
    // No statistics: no data, no effect.
    expect(assessWaterUse(term, null, null).map((c) => c.outcome)).toEqual(['no_data', 'no_data']);
  });

  it('a failed water-use condition forfeits the upstream county’s receipt, unless only reported', () => {
    const waterUse = (effect: 'forfeit' | 'report') => ({
      term: { cap: 29_000, efficiency: false, effect },
      year: { totalUse: 29_001, gdp: 1_600_000 },
      previous: null,
    });
    const r = assessAgreementYear(year({ waterUse: waterUse('forfeit') }));
    expect(r).toMatchObject({ status: 'assessed', direction: 'downstream_pays', grossAmount: 6_000_000, amount: 0 });
    expect(r.conditions[0]).toMatchObject({ kind: 'water_use_total', outcome: 'fail', effect: 'forfeited' });
    expect(assessAgreementYear(year({ waterUse: waterUse('report') })).amount).toBe(6_000_000);
  });

  it('projections are kept out of the settled net', () => {
    const projected = assessAgreementYear(
      year({ year: 2026, expected: 1086, validCounts: { codmn: 1086, nh3n: 1086, tp: 1086 } }),
    );
    const settled = assessAgreementYear(year());
    const s = settle([
      { upstream: 'KH', downstream: 'CS', ...settled },
      { upstream: 'CS', downstream: 'KC', ...projected },
    ]);
    expect(s.find((x) => x.countyCode === 'CS')).toEqual({
      countyCode: 'CS',
      received: 0,
      paid: 6_000_000,
      net: -6_000_000,
      projectedReceived: 6_000_000,
      projectedPaid: 0,
      projectedNet: 6_000_000,
    });
    expect(s.find((x) => x.countyCode === 'KC')).toMatchObject({ net: 0, projectedNet: -6_000_000 });
  });
});
