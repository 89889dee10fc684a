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
