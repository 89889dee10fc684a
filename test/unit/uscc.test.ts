import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../server/domain/random';
import { isValidUscc, makeUscc, orgCodeCheckChar, USCC_CHARSET, usccCheckChar } from '../../server/domain/uscc';

describe('usccCheckChar', () => {
  it('computes the example code of GB 32100-2015, 91350100M000100Y43', () => {
    // Values: 0–9 are themselves, A=10 … M=21 … Y=30 (charset without I O S V Z).
    // chars   9  1  3  5  0  1  0  0  M   0  0  0  1  0  0  Y   4
    // weights 1  3  9 27 19 26 16 17 20  29 25 13  8 24 10 30  28
    // Σ = 9 + 3 + 27 + 135 + 0 + 26 + 0 + 0 + 420 + 0 + 0 + 0 + 8 + 0 + 0 + 900 + 112 = 1640.
    // 1640 mod 31 = 28 (31 × 52 = 1612); 31 − 28 = 3 → '3'.
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
    expect(isValidUscc('91350100M000100Y43')).toBe(true);
  });

  it('computes a hand-made vector, including the 31 → 0 case', () => {
    // 17 zeros: Σ = 0, 0 mod 31 = 0, 31 − 0 = 31 → 0 → '0'.
    expect(usccCheckChar('00000000000000000')).toBe('0');
    // '1' followed by 16 zeros: Σ = 1·1 = 1; 31 − 1 = 30 → 'Y'.
    expect(usccCheckChar('10000000000000000')).toBe('Y');
    // 16 zeros then '1': Σ = 1·28 = 28; 31 − 28 = 3 → '3'.
    expect(usccCheckChar('00000000000000001')).toBe('3');
    // 9, 1, then zeros: Σ = 9·1 + 1·3 = 12; 31 − 12 = 19 → 'K' (A10 B11 C12 D13 E14 F15 G16 H17 J18 K19).
    expect(usccCheckChar('91000000000000000')).toBe('K');
  });

  it('rejects bad input', () => {
    expect(() => usccCheckChar('123')).toThrow(RangeError);
    expect(() => usccCheckChar('9135010OM000100Y4')).toThrow(RangeError); // letter O is not allowed
  });
});

describe('isValidUscc', () => {
  it('rejects wrong length, wrong check, lower case and excluded letters', () => {
    expect(isValidUscc('91350100M000100Y4')).toBe(false);
    expect(isValidUscc('91350100M000100Y44')).toBe(false);
    expect(isValidUscc('91350100m000100Y43')).toBe(false);
    expect(isValidUscc('91350100M000100Z43')).toBe(false);
  });

  it('detects every single-character substitution', () => {
    // The weights are 3^i mod 31 with 31 prime, so any one changed character changes Σ mod 31.
    const code = '91350100M000100Y43';
    for (let i = 0; i < 18; i++) {
      for (const ch of USCC_CHARSET) {
        if (ch === code[i]) continue;
        expect(isValidUscc(code.slice(0, i) + ch + code.slice(i + 1))).toBe(false);
      }
    }
  });
});

describe('orgCodeCheckChar', () => {
  it('matches the organisation code inside the standard example (M000100Y-4)', () => {
    // GB 11714 values: M = 22, Y = 34. Weights 3 7 9 10 5 8 4 2.
    // Σ = 22·3 + 0 + 0 + 0 + 1·5 + 0 + 0 + 34·2 = 66 + 5 + 68 = 139; 139 mod 11 = 7; 11 − 7 = 4.
    expect(orgCodeCheckChar('M000100Y')).toBe('4');
  });
});

describe('makeUscc', () => {
  it('builds valid codes with authority 9, type 1 and the region code', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const code = makeUscc(mulberry32(seed), '330802');
        expect(code).toMatch(/^91330802[0-9A-HJ-NP-RTUWXY]{10}$/);
        expect(isValidUscc(code)).toBe(true);
        expect(orgCodeCheckChar(code.slice(8, 16))).toBe(code[16]);
      }),
    );
  });

  it('is deterministic for a seed and rejects bad region codes', () => {
    expect(makeUscc(mulberry32(5), '330881')).toBe(makeUscc(mulberry32(5), '330881'));
    expect(() => makeUscc(mulberry32(5), '3308')).toThrow(RangeError);
  });
});
