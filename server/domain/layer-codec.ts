/**
 * Pure helpers of the ENT2 enterprise layer encoding (server/services/enterprise-layer.ts).
 * Positions are integers in units of 2^-17 degree (0.85 m of latitude). Every such value below
 * 128° is exactly a float32 (the client's position type), so the decoded error is the rounding
 * alone: half a unit per axis, under 0.6 m. From 128° float32 holds only even units, so there
 * positions round to the nearest even unit and stay exact: at most one unit of longitude (0.85 m
 * at the equator, less further north) and half of latitude, under 1 m everywhere.
 */
export const UNITS_PER_DEGREE = 131_072;
/** From here float32 steps by two units; the SQL encoder uses the same threshold. */
export const EVEN_UNITS_FROM_DEGREES = 128;

export const toUnits = (degrees: number): number =>
  Math.abs(degrees) >= EVEN_UNITS_FROM_DEGREES
    ? 2 * Math.round((degrees * UNITS_PER_DEGREE) / 2)
    : Math.round(degrees * UNITS_PER_DEGREE);

/**
 * Index along a Hilbert curve of order `bits` (x, y < 2^bits, bits ≤ 26): nearby points get
 * nearby indexes, so positions sorted by it differ little from one to the next.
 */
export function hilbertIndex(x: number, y: number, bits: number): number {
  let d = 0;
  for (let s = 2 ** (bits - 1); s >= 1; s /= 2) {
    const rx = x & s ? 1 : 0;
    const ry = y & s ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      if (rx === 1) {
        x = s - 1 - (x & (s - 1));
        y = s - 1 - (y & (s - 1));
      } else {
        x &= s - 1;
        y &= s - 1;
      }
      const t = x;
      x = y;
      y = t;
    } else {
      x &= s - 1;
      y &= s - 1;
    }
  }
  return d;
}

/** The permutation sorting `keys` (non-negative integers < 2^48) ascending: LSD radix, 16 bits a pass. */
export function radixOrder(keys: Float64Array): Uint32Array {
  const n = keys.length;
  let order = Uint32Array.from({ length: n }, (_, i) => i);
  let next = new Uint32Array(n);
  const digit = new Uint16Array(n);
  let max = 0;
  for (let i = 0; i < n; i++) if (keys[i] > max) max = keys[i];
  for (let shift = 1; shift <= max; shift *= 65_536) {
    for (let i = 0; i < n; i++) digit[i] = Math.floor(keys[i] / shift) % 65_536;
    const count = new Uint32Array(65_537);
    for (let i = 0; i < n; i++) count[digit[i] + 1]++;
    for (let b = 1; b <= 65_536; b++) count[b] += count[b - 1];
    for (let i = 0; i < n; i++) {
      const j = order[i];
      next[count[digit[j]]++] = j;
    }
    [order, next] = [next, order];
  }
  return order;
}

export const zigzag = (v: number): number => (v >= 0 ? v * 2 : -v * 2 - 1);

/** Bytes needed for the largest value (at least 1, at most 4). */
export function byteWidth(values: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) if (values[i] > max) max = values[i];
  return max < 0x100 ? 1 : max < 0x10000 ? 2 : max < 0x1000000 ? 3 : 4;
}

/**
 * Byte-shuffled: the `width` low bytes of every value as planes (all first bytes, then all
 * second bytes…). The high planes of small numbers are runs of zeros, which gzip and Brotli
 * shrink to almost nothing, where interleaved they would not.
 */
export function shuffle(values: ArrayLike<number>, width: number, out: Uint8Array, offset: number): number {
  const n = values.length;
  for (let b = 0; b < width; b++) {
    const plane = offset + b * n;
    const shift = 8 * b;
    for (let i = 0; i < n; i++) out[plane + i] = (values[i] >>> shift) & 0xff;
  }
  return offset + width * n;
}
