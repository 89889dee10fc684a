import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assessCompensation,
  baselineFromAnnualMeans,
  type CompensationInput,
  CompensationValidationError,
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
    // A→B: B (downstream) pays A 6M.  B→C: B (upstream) pays C 8M.
    // A: +6 received. B: paid 6 + 8 = 14, net −14. C: received 8.
    const s = settle([
      { upstream: 'A', downstream: 'B', direction: 'downstream_pays', amount: 6_000_000, status: 'assessed' },
      { upstream: 'B', downstream: 'C', direction: 'upstream_pays', amount: 8_000_000, status: 'projected' },
    ]);
    expect(s).toEqual([
      { countyCode: 'A', received: 6_000_000, paid: 0, net: 6_000_000 },
      { countyCode: 'B', received: 0, paid: 14_000_000, net: -14_000_000 },
      { countyCode: 'C', received: 8_000_000, paid: 0, net: 8_000_000 },
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
    expect(s).toEqual([
      { countyCode: '330802', received: 0, paid: 5_000_000, net: -5_000_000 },
      { countyCode: '330822', received: 5_000_000, paid: 0, net: 5_000_000 },
      { countyCode: '330825', received: 0, paid: 0, net: 0 },
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
