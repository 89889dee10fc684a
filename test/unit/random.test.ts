import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mulberry32, normal, pick, randInt, shuffle, weightedPick } from '../../server/domain/random';

describe('mulberry32', () => {
  it('is deterministic per seed and stays in [0, 1)', () => {
    const a = mulberry32(123);
    const b = mulberry32(123);
    const c = mulberry32(124);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 1000 }, () => c())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('matches the reference implementation for seed 1', () => {
    // First output of the canonical mulberry32 (Tommy Ettinger) with seed 1.
    const ref = (seed: number) => {
      let s = seed;
      return () => {
        s += 0x6d2b79f5;
        let t = s;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      };
    };
    const r1 = ref(1);
    const m1 = mulberry32(1);
    for (let i = 0; i < 100; i++) expect(m1()).toBe(r1());
  });

  it('is roughly uniform', () => {
    const rng = mulberry32(9);
    const bins = new Array(10).fill(0);
    for (let i = 0; i < 100_000; i++) bins[Math.floor(rng() * 10)]++;
    for (const b of bins) expect(Math.abs(b - 10_000)).toBeLessThan(500);
  });
});

describe('helpers', () => {
  it('randInt is inclusive at both ends', () => {
    const rng = mulberry32(3);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(randInt(rng, 1, 6));
    expect([...seen].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(randInt(rng, 4, 4)).toBe(4);
    expect(() => randInt(rng, 1.2, 1.8)).toThrow(RangeError);
  });

  it('pick returns an element; throws on empty', () => {
    const rng = mulberry32(3);
    fc.assert(
      fc.property(fc.array(fc.integer(), { minLength: 1 }), (arr) => {
        expect(arr).toContain(pick(rng, arr));
      }),
    );
    expect(() => pick(rng, [])).toThrow(RangeError);
  });

  it('normal has about the right mean and sd, never NaN', () => {
    const rng = mulberry32(11);
    const xs = Array.from({ length: 50_000 }, () => normal(rng, 10, 2));
    const m = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / xs.length);
    expect(m).toBeCloseTo(10, 1);
    expect(Math.abs(sd - 2)).toBeLessThan(0.05);
    expect(xs.every(Number.isFinite)).toBe(true);
    // A generator returning 0 must not produce log(0).
    expect(Number.isFinite(normal(() => 0))).toBe(true);
  });

  it('shuffle returns a new permutation and leaves the input alone', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.integer(), (arr, seed) => {
        const copy = arr.slice();
        const out = shuffle(mulberry32(seed), arr);
        expect(arr).toEqual(copy);
        expect(out).not.toBe(arr);
        expect([...out].sort((a, b) => a - b)).toEqual([...arr].sort((a, b) => a - b));
      }),
    );
  });

  it('weightedPick follows the weights and never picks a zero weight', () => {
    const rng = mulberry32(5);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 30_000; i++) counts[weightedPick(rng, ['a', 'b', 'c'] as const, [1, 0, 3])]++;
    expect(counts.b).toBe(0);
    expect(counts.c / counts.a).toBeGreaterThan(2.7);
    expect(counts.c / counts.a).toBeLessThan(3.3);
    // A generator at its upper end still lands on an item with weight.
    expect(weightedPick(() => 0.9999999999, ['a', 'b'], [1, 0])).toBe('a');
    expect(() => weightedPick(rng, ['a'], [0])).toThrow(RangeError);
    expect(() => weightedPick(rng, ['a'], [1, 2])).toThrow(RangeError);
    expect(() => weightedPick(rng, ['a'], [-1])).toThrow(RangeError);
  });
});
