// 统一社会信用代码 (unified social credit code), GB 32100-2015:
// 1 registration authority + 1 entity type + 6 region code (GB/T 2260) + 9 organisation code
// (GB 11714) + 1 check character.

/** 31 characters: digits and capitals without I, O, Z, S, V (easily misread). Index = value. */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** 3^i mod 31 for i = 0…16. */
export const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

export function usccCheckChar(first17: string): string {
  if (typeof first17 !== 'string' || first17.length !== 17) {
    throw new RangeError('usccCheckChar needs exactly 17 characters');
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARSET.indexOf(first17[i]);
    if (v < 0) throw new RangeError(`character not allowed in a USCC: ${first17[i]}`);
    sum += v * USCC_WEIGHTS[i];
  }
  const check = 31 - (sum % 31);
  return USCC_CHARSET[check === 31 ? 0 : check];
}

/** Structure and check character only; it does not prove the code was ever issued. Upper case required. */
export function isValidUscc(code: string): boolean {
  if (typeof code !== 'string' || code.length !== 18) return false;
  for (const ch of code) if (!USCC_CHARSET.includes(ch)) return false;
  return usccCheckChar(code.slice(0, 17)) === code[17];
}

/**
 * GB 11714 organisation-code check character for an 8-character body. Letters are valued
 * A = 10 … Z = 35 (the full alphabet, unlike the USCC charset).
 */
export function orgCodeCheckChar(body8: string): string {
  if (body8.length !== 8) throw new RangeError('organisation code body must have 8 characters');
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const v = Number.parseInt(body8[i], 36);
    if (Number.isNaN(v)) throw new RangeError(`character not allowed in an organisation code: ${body8[i]}`);
    sum += v * ORG_WEIGHTS[i];
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/**
 * A synthetic but well-formed enterprise code: authority '9' (market regulation), type '1'
 * (enterprise), the region code, an organisation code with a valid GB 11714 check, then the
 * USCC check. For demo data only.
 */
export function makeUscc(rng: () => number, regionCode: string): string {
  if (!/^\d{6}$/.test(regionCode)) throw new RangeError('regionCode must be 6 digits');
  let body = '';
  for (let i = 0; i < 8; i++) body += USCC_CHARSET[Math.floor(rng() * USCC_CHARSET.length)];
  const first17 = `91${regionCode}${body}${orgCodeCheckChar(body)}`;
  return first17 + usccCheckChar(first17);
}
