import { mulberry32, normal } from '../../domain/random';

export type Rng = () => number;

/**
 * An independent stream per stage: each stage draws from its own generator so that a change in
 * how many numbers one stage consumes does not reshuffle every stage after it.
 */
export function stageRng(seed: number, stage: string): Rng {
  let h = 0x811c9dc5 ^ (seed | 0);
  for (let i = 0; i < stage.length; i++) {
    h ^= stage.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mulberry32(h ^ Math.imul(seed | 0, 0x9e3779b1));
}

export const chance = (rng: Rng, p: number) => rng() < p;

export const uniform = (rng: Rng, min: number, max: number) => min + (max - min) * rng();

/** Log-normal with the given median; sigma is the standard deviation of the log. */
export const logNormal = (rng: Rng, median: number, sigma: number) => median * Math.exp(normal(rng, 0, sigma));

export function poisson(rng: Rng, lambda: number): number {
  if (lambda <= 0) return 0;
  if (lambda > 30) return Math.max(0, Math.round(normal(rng, lambda, Math.sqrt(lambda))));
  // Knuth: multiply uniforms until the product drops below e^-λ.
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = rng();
  while (p > limit) {
    k++;
    p *= rng();
  }
  return k;
}

export const clamp = (x: number, min: number, max: number) => Math.min(max, Math.max(min, x));
