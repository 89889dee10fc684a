// Small numeric helpers shared by the domain modules.

export function isFiniteNumber(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/**
 * Rounds half away from zero to `decimals` places. Goes through the decimal exponent
 * so that e.g. 1.005 rounds to 1.01 rather than 1.00 (binary 1.005 is 1.00499…).
 */
export function roundTo(x: number, decimals: number): number {
  if (!Number.isFinite(x)) return x;
  const sign = x < 0 ? -1 : 1;
  const shifted = Math.round(Number(`${Math.abs(x)}e${decimals}`));
  const r = sign * Number(`${shifted}e-${decimals}`);
  // -0 reads badly in JSON and tables.
  return r === 0 ? 0 : r;
}

/**
 * Drops binary noise below 12 significant digits. Averages of decimal readings
 * (0.1 + 0.1 + 0.1) / 3 = 0.10000000000000002 would otherwise fail a "≤ 0.1" limit.
 */
export function cleanFloat(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x === 0 ? 0 : x;
  return Number(x.toPrecision(12));
}

/** Arithmetic mean with float noise removed; null for an empty list. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  let c = 0;
  // Kahan summation: readings can number in the tens of thousands per year.
  for (const v of values) {
    const y = v - c;
    const t = sum + y;
    c = t - sum - y;
    sum = t;
  }
  return cleanFloat(sum / values.length);
}

/** Significant digits a float8 holds reliably (DBL_DIG); digits past them are binary noise. */
const RELIABLE_DIGITS = 15;

/**
 * Rounds to `decimals` places by GB/T 8170 (数值修约规则): round half to even ("四舍六入五成双").
 * Works on the decimal string of the value at 15 significant digits, so a mean that is a decimal
 * half (0.1245) is treated as one although its binary double is 0.12449999…, and float noise such
 * as 0.12450000000000001 from summing does not decide the direction.
 */
export function roundHalfEven(x: number, decimals: number): number {
  if (!Number.isFinite(x)) return x;
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 15)
    throw new RangeError(`decimals must be an integer 0–15, got ${decimals}`);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(x.toExponential(RELIABLE_DIGITS - 1));
  if (!m) throw new RangeError(`cannot round ${x}`);
  const negative = m[1] === '-';
  const digits = m[2] + (m[3] ?? '');
  // Digits before the decimal point; can be ≤ 0 for values below 1.
  const intDigits = Number(m[4]) + 1;
  const keep = intDigits + decimals;
  let kept: bigint;
  if (keep < 0) kept = 0n;
  else {
    const head = digits.slice(0, keep).padEnd(keep, '0');
    const rest = digits.slice(keep);
    kept = head === '' ? 0n : BigInt(head);
    const first = rest.charCodeAt(0) - 48;
    const tailNonZero = /[1-9]/.test(rest.slice(1));
    if (first > 5 || (first === 5 && (tailNonZero || kept % 2n === 1n))) kept += 1n;
  }
  const r = Number(`${negative ? '-' : ''}${kept}e-${decimals}`);
  return r === 0 ? 0 : r;
}
