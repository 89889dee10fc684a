// The README's benchmark section is generated from test/bench/results.json (never edited by hand),
// so the table always describes the commit, machine and scale that results.json records.
// `npm run bench:table` rewrites it; `npm run bench` does so at the end of a run; a unit test
// fails when the two disagree.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type BenchRow, fmtRatio, table } from './common';

export const BEGIN = '<!-- bench:begin (generated from test/bench/results.json by `npm run bench:table`) -->';
export const END = '<!-- bench:end -->';

export type BenchResults = {
  commit: { sha: string; dirty: boolean | null; note?: string };
  machine: {
    cpus: number;
    cpuModel?: string;
    memoryBytes: number;
    node: string;
    platform?: string;
    loadavg?: number[];
  };
  scale: { enterprises: number; scale: string; seed: string; asOf: string };
  environment?: { date?: string };
  rows: BenchRow[];
};

/** Why a goal can be missed and what would close it (measured reasons; see the row notes). */
const WHY: [RegExp, string][] = [
  [
    /layer bytes, gzip/,
    'gzip removes what makes GeoJSON big (repeated keys, decimal text) but not the entropy of the positions and ids. ENT2 sends rows along a Hilbert curve with delta-coded, byte-shuffled columns: measured at 200,000 enterprises, after gzip the positions cost 2.1 B, the ids 2.35 B, industry 0.57 B, flags 0.37 B and towns, parks and counties 0.03 B per enterprise. The ids are spatially random (in id order the positions cost the same 4.5 B instead), so a set of n ids over n places carries about log2(n) − 1.4 bits each and grows with n while the positions shrink with density. Closing the rest: Brotli (quality 11, about 7 % under gzip here, sent to clients that accept it), dropping ids from the layer (fetch the id of a clicked enterprise by position), or tiles aggregated on the server at low zoom.',
  ],
  [
    /layer server build/,
    'both sides are dominated by reading a million rows out of PGlite (single-threaded WASM). The layer is built once per data version and then served from memory (a request is the cache hit). Closing the rest: persist the encoded payload with the data version, or maintain the columns incrementally on writes.',
  ],
  [
    /req\/s/,
    'the cached path costs about the same as a bare handler in-process, so the gap is the process around it: the server shares 2 noisy cores with the load generator and carries PGlite (a large WASM heap) in the same event loop. Closing it: run the API on PostgreSQL, a reverse proxy honouring the ETag/Cache-Control, or cluster mode (one worker per core).',
  ],
  [
    /filter change, GPU filter/,
    'SwiftShader runs the vertex shader on the CPU, so drawing every point and discarding the filtered ones there costs more than drawing a small re-filtered subset; on a real GPU the uniform update is the cheap path. This is why the app does not draw every point above 150,000 enterprises but density cells, which is fast on both.',
  ],
];
const why = (name: string) => WHY.find(([re]) => re.test(name))?.[1] ?? 'see the row note.';
const gb = (b: number) => `${(b / 2 ** 30).toFixed(0)} GiB`;

/** The README section for these results: pure, so the unit test can regenerate and compare. */
export function renderBenchSection(r: BenchResults): string {
  const missed = r.rows.filter((row) => row.met === false);
  const sha = r.commit.sha.slice(0, 12);
  const dirty =
    r.commit.dirty === null ? ', working tree state unknown' : r.commit.dirty ? ', uncommitted changes' : '';
  return [
    `Measured at commit \`${sha}\`${dirty}${r.commit.note ? ` (${r.commit.note})` : ''}` +
      ` on ${r.environment?.date?.slice(0, 10) ?? 'an unknown date'}: ${r.machine.cpus} shared cores` +
      `${r.machine.cpuModel ? ` (${r.machine.cpuModel})` : ''}, ${gb(r.machine.memoryBytes)} memory, Node ${r.machine.node}` +
      `${r.machine.loadavg ? `, load average ${r.machine.loadavg[0].toFixed(1)}` : ''}.` +
      ` Scale: ${r.scale.enterprises.toLocaleString('en')} enterprises (\`npm run seed -- --scale ${r.scale.scale} --seed ${r.scale.seed} --as-of ${r.scale.asOf}\`).` +
      ' Ratios are measured in the same run; absolute times are context only.',
    '',
    table(r.rows),
    '',
    ...r.rows.map(
      (row) => `- **${row.name}** — ${row.note}${row.ratio !== null ? ` (ratio ${fmtRatio(row.ratio)})` : ''}`,
    ),
    '',
    missed.length ? '### Missed goals' : 'Every goal was met in this run.',
    ...missed.map((row) => `- **${row.name}** (${fmtRatio(row.ratio)} vs goal ${row.goal}): ${why(row.name)}`),
  ].join('\n');
}

/** The README with the text between the markers replaced; throws when the markers are missing. */
export function withBenchSection(readme: string, section: string): string {
  const a = readme.indexOf(BEGIN);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error(`README.md lacks the bench markers ${BEGIN} … ${END}`);
  return `${readme.slice(0, a + BEGIN.length)}\n${section}\n${readme.slice(b)}`;
}

const root = fileURLToPath(new URL('../..', import.meta.url));
export const RESULTS_PATH = `${root}test/bench/results.json`;
export const README_PATH = `${root}README.md`;

export function writeReadmeTable(): void {
  const results = JSON.parse(readFileSync(RESULTS_PATH, 'utf8')) as BenchResults;
  writeFileSync(README_PATH, withBenchSection(readFileSync(README_PATH, 'utf8'), renderBenchSection(results)));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeReadmeTable();
  console.log('README.md bench table regenerated from test/bench/results.json');
}
