import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundHalfEven } from '../../server/domain/numeric';

describe('roundHalfEven (GB/T 8170)', () => {
  it('rounds a decimal half to the even neighbour', () => {
    expect(roundHalfEven(0.1245, 3)).toBe(0.124);
    expect(roundHalfEven(0.1255, 3)).toBe(0.126);
    expect(roundHalfEven(0.1005, 3)).toBe(0.1);
    expect(roundHalfEven(2.5, 0)).toBe(2);
    expect(roundHalfEven(3.5, 0)).toBe(4);
    expect(roundHalfEven(0.5, 0)).toBe(0);
    expect(roundHalfEven(1.05, 1)).toBe(1);
    expect(roundHalfEven(1.15, 1)).toBe(1.2);
    expect(roundHalfEven(6.125, 2)).toBe(6.12);
    expect(roundHalfEven(6.135, 2)).toBe(6.14);
  });

  it('rounds more or less than a half by the usual rule', () => {
    expect(roundHalfEven(0.12451, 3)).toBe(0.125);
    expect(roundHalfEven(0.12449, 3)).toBe(0.124);
    expect(roundHalfEven(0.1256, 3)).toBe(0.126);
    expect(roundHalfEven(9.96, 1)).toBe(10);
    expect(roundHalfEven(0.0004, 3)).toBe(0);
    expect(roundHalfEven(123.456, 0)).toBe(123);
  });

  it('is symmetric for negative values and never answers -0', () => {
    expect(roundHalfEven(-0.1245, 3)).toBe(-0.124);
    expect(roundHalfEven(-0.1255, 3)).toBe(-0.126);
    expect(roundHalfEven(-2.5, 0)).toBe(-2);
    expect(Object.is(roundHalfEven(-0.0004, 3), 0)).toBe(true);
  });

  it('works from the decimal, not the binary double', () => {
    // Binary 1.015 is 1.01499999999999990230…: naive multiplying lands below the half and goes down.
    expect(1.015 * 100).toBeLessThan(101.5);
    expect(Math.round(1.015 * 100) / 100).toBe(1.01);
    expect(roundHalfEven(1.015, 2)).toBe(1.02);
    // Float noise from summing must not tip a half: (0.124 + 0.125) / 2 in binary.
    expect(roundHalfEven((0.124 + 0.125) / 2, 3)).toBe(0.124);
    expect(roundHalfEven(0.12450000000000001, 3)).toBe(0.124);
    // float4 0.1 read as a double: the migration's rounding must bring it back.
    expect(roundHalfEven(0.10000000149011612, 3)).toBe(0.1);
    expect(roundHalfEven(1.005, 2)).toBe(1);
  });

  it('handles tiny, large and integral values and leaves non-finite ones', () => {
    expect(roundHalfEven(1e-7, 3)).toBe(0);
    expect(roundHalfEven(5e-4, 3)).toBe(0);
    expect(roundHalfEven(1.5e-3, 3)).toBe(0.002);
    expect(roundHalfEven(123456789.125, 2)).toBe(123456789.12);
    expect(roundHalfEven(1e21, 2)).toBe(1e21);
    expect(roundHalfEven(7, 3)).toBe(7);
    expect(roundHalfEven(Number.NaN, 2)).toBeNaN();
    expect(roundHalfEven(Number.POSITIVE_INFINITY, 2)).toBe(Number.POSITIVE_INFINITY);
    expect(() => roundHalfEven(1, -1)).toThrow(RangeError);
    expect(() => roundHalfEven(1, 1.5)).toThrow(RangeError);
  });

  it('lands within half a unit of the value, on the grid', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 4 }), (x, d) => {
        const r = roundHalfEven(x, d);
        expect(Math.abs(r - x)).toBeLessThanOrEqual(0.5 * 10 ** -d + 1e-9 * Math.max(1, Math.abs(x)));
        expect(Number(r.toFixed(d))).toBe(r);
      }),
    );
  });
});
