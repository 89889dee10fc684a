// Shared helpers for `npm run bench`: rows, medians, timing, progress.
export type BenchRow = {
  name: string;
  scale: string;
  ours: string;
  baseline: string;
  /** How many times better ours is (baseline ÷ ours for costs, ours ÷ baseline for rates). */
  ratio: number | null;
  goal: string;
  met: boolean | null;
  note: string;
  /** Raw numbers for results.json. */
  data?: Record<string, unknown>;
};

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? Number.NaN : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export async function timeIt<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/** Median wall time of `runs` calls (after `warmup` unmeasured ones). */
export async function medianMs(fn: () => unknown, runs: number, warmup = 0): Promise<{ ms: number; all: number[] }> {
  for (let i = 0; i < warmup; i++) await fn();
  const all: number[] = [];
  for (let i = 0; i < runs; i++) all.push((await timeIt(fn)).ms);
  return { ms: median(all), all };
}

const started = performance.now();
export function log(message: string): void {
  const s = ((performance.now() - started) / 1000).toFixed(0).padStart(4);
  console.log(`[bench ${s}s] ${message}`);
}

export const fmtMs = (ms: number) =>
  ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
export const fmtBytes = (b: number) =>
  b >= 1e6 ? `${(b / 1e6).toFixed(1)} MB` : b >= 1e3 ? `${(b / 1e3).toFixed(1)} kB` : `${b} B`;
export const fmtRatio = (r: number | null) =>
  r === null || !Number.isFinite(r) ? '—' : `${r >= 100 ? r.toFixed(0) : r.toFixed(1)}×`;

export function table(rows: BenchRow[]): string {
  const head = ['benchmark', 'scale', 'ours', 'baseline', 'ratio', 'goal', 'met'];
  const body = rows.map((r) => [
    r.name,
    r.scale,
    r.ours,
    r.baseline,
    fmtRatio(r.ratio),
    r.goal,
    r.met === null ? '—' : r.met ? 'yes' : 'no',
  ]);
  const md = [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...body.map((cells) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`),
  ];
  return md.join('\n');
}

/** "median (min–max, n runs)": every timed row shows its spread, not one sample. */
export function fmtSpread(all: number[]): string {
  return `${fmtMs(median(all))} (${fmtMs(Math.min(...all))}–${fmtMs(Math.max(...all))}, ${all.length} runs)`;
}

/** The bench refuses to report a ratio between two sides that did not produce the same thing. */
export function assertSame(what: string, ours: unknown, baseline: unknown): void {
  const a = JSON.stringify(ours);
  const b = JSON.stringify(baseline);
  if (a !== b) throw new Error(`${what}: ours ${a.slice(0, 200)} ≠ baseline ${b.slice(0, 200)}`);
}
