// Seeded pseudo-random helpers. Demo data and inspection draws must be reproducible from a
// seed, so nothing here may touch Math.random.

/** Mulberry32: a tiny 32-bit PRNG, uniform in [0, 1). Good enough for simulation, not crypto. */
export function mulberry32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Integer uniform in [min, max], both inclusive. */
export function randInt(rng: () => number, min: number, max: number): number {
  const lo = Math.ceil(Math.min(min, max));
  const hi = Math.floor(Math.max(min, max));
  if (hi < lo) throw new RangeError(`randInt: no integer in [${min}, ${max}]`);
  return lo + Math.floor(rng() * (hi - lo + 1));
}

export function pick<T>(rng: () => number, arr: readonly T[]): T {
  if (arr.length === 0) throw new RangeError('pick: empty array');
  return arr[Math.floor(rng() * arr.length)];
}

/** Normal deviate by Box–Muller. Uses 1 − u so that log never sees 0. */
export function normal(rng: () => number, mean = 0, sd = 1): number {
  const u1 = 1 - rng();
  const u2 = rng();
  return mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** Fisher–Yates on a copy; the input is left untouched. */
export function shuffle<T>(rng: () => number, arr: readonly T[]): T[] {
  const out = arr.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = out[i];
    out[i] = out[j];
    out[j] = tmp;
  }
  return out;
}

/** Picks one item with probability proportional to its (non-negative) weight. */
export function weightedPick<T>(rng: () => number, items: readonly T[], weights: readonly number[]): T {
  if (items.length === 0 || items.length !== weights.length) {
    throw new RangeError('weightedPick: items and weights must be non-empty and of equal length');
  }
  let total = 0;
  for (const w of weights) {
    if (!Number.isFinite(w) || w < 0) throw new RangeError('weightedPick: weights must be finite and ≥ 0');
    total += w;
  }
  if (total <= 0) throw new RangeError('weightedPick: weights sum to zero');
  let r = rng() * total;
  for (let i = 0; i < items.length; i++) {
    r -= weights[i];
    if (r < 0) return items[i];
  }
  // Rounding can leave r a hair above 0 at the end; fall back to the last item with weight.
  for (let i = items.length - 1; i >= 0; i--) if (weights[i] > 0) return items[i];
  return items[items.length - 1];
}
