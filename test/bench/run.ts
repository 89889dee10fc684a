// `npm run bench`: every benchmark of issue 7, ours vs a baseline doing the same work in the same
// run. Prints a table, writes test/bench/results.json and test/bench/README-section.md.
// Env: BENCH_DATA_DIR (province database, default /tmp/eco-bench-province, built once and reused),
// BENCH_ONLY=layer,browser,analysis,server,import (subset), BENCH_IMPORT_READINGS (default 1,000,000).
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { openDb } from '../../server/db/client';
import { compensationRows, hotspotRows } from './analysis';
import { serverRows } from './api';
import { browserRows } from './browser';
import { type BenchRow, fmtMs, fmtRatio, log, table } from './common';
import { ensureProvinceDb, PROVINCE } from './db';
import { importRows } from './import';
import { layerServerRows } from './layer';

const here = fileURLToPath(new URL('.', import.meta.url));
const only = new Set((process.env.BENCH_ONLY ?? 'layer,browser,analysis,server,import').split(','));
const t0 = performance.now();
const phases: Record<string, number> = {};
const rows: BenchRow[] = [];
const phase = async <T>(name: string, fn: () => Promise<T>): Promise<T | undefined> => {
  if (!only.has(name)) return undefined;
  const s = performance.now();
  log(`── ${name}`);
  try {
    return await fn();
  } catch (e) {
    log(`${name} failed: ${(e as Error).stack ?? e}`);
    rows.push({
      name: `${name} (failed)`,
      scale: '—',
      ours: '—',
      baseline: '—',
      ratio: null,
      goal: '—',
      met: false,
      note: String((e as Error).message).slice(0, 200),
    });
    return undefined;
  } finally {
    phases[name] = performance.now() - s;
  }
};

const db = await ensureProvinceDb();
phases.seed = db.seedMs;
const work = mkdtempSync(`${tmpdir()}/eco-bench-work-`);
let files: Awaited<ReturnType<typeof layerServerRows>> | undefined;

const needsDb = only.has('layer') || only.has('analysis') || only.has('browser');
if (needsDb) {
  const h = await openDb({ dataDir: db.dataDir });
  try {
    files = await phase('layer', async () => {
      const r = await layerServerRows(h.db, work);
      rows.push(...r.rows);
      return r;
    });
    if (!files && only.has('browser')) {
      // Browser rows alone still need the layer files.
      const saved = [...rows];
      files = await layerServerRows(h.db, work);
      rows.length = 0;
      rows.push(...saved);
    }
    await phase('analysis', async () => {
      rows.push(...(await hotspotRows(h.db, PROVINCE.asOf)));
      rows.push(...(await compensationRows(h.db, PROVINCE.asOf)));
    });
  } finally {
    await h.close();
  }
}
const layerFiles = files;
if (layerFiles) await phase('browser', async () => rows.push(...(await browserRows(layerFiles))));
const server = await phase('server', async () => {
  const r = await serverRows(db.dataDir, { screenshots: process.env.BENCH_SCREENSHOTS !== '0' });
  rows.push(...r.rows);
  return r;
});
await phase('import', async () =>
  rows.push(
    ...(await importRows({ enterprises: 100_000, readings: Number(process.env.BENCH_IMPORT_READINGS ?? 1_000_000) })),
  ),
);

// A partial run (BENCH_ONLY) keeps the other rows of the last results.json.
if (process.env.BENCH_ONLY) {
  try {
    const previous = JSON.parse(readFileSync(`${here}results.json`, 'utf8')) as { rows: BenchRow[] };
    const fresh = new Set(rows.map((r) => r.name));
    const failedPhases = new Set(rows.filter((r) => r.name.endsWith('(failed)')).map((r) => r.name));
    const kept = previous.rows.filter(
      (r) => !fresh.has(r.name) && !(r.name.endsWith('(failed)') && !failedPhases.has(r.name)),
    );
    rows.unshift(...kept);
  } catch {}
}
const total = performance.now() - t0;
const md = table(rows);
console.log(`\n${md}\n`);
for (const r of rows) console.log(`- ${r.name}: ${r.note}`);
console.log(
  `\nphases: ${Object.entries(phases)
    .map(([k, v]) => `${k} ${fmtMs(v)}`)
    .join(', ')}; total ${fmtMs(total)}`,
);

const environment = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model,
  loadavg: loadavg(),
  dataDir: db.dataDir,
  province: PROVINCE,
};
mkdirSync(here, { recursive: true });
writeFileSync(
  `${here}results.json`,
  `${JSON.stringify({ environment, phasesMs: phases, totalMs: total, serverStartMs: server?.startMs, endpointChecks: server?.checks, screenshots: server?.shots, rows }, null, 2)}\n`,
);
const missed = rows.filter((r) => r.met === false);
/** Why a goal can be missed and what would close it (measured reasons; see the notes above). */
const WHY: [RegExp, string][] = [
  [
    /layer bytes, gzip/,
    'gzip removes what makes GeoJSON big (repeated keys, decimal text) but not the entropy of a million positions: ours is already ~9–10 B/enterprise after gzip, dominated by the quantised lon/lat and the ids. Closing it needs a different encoding, not a different compressor: delta-coded ids (sorted, near 0 B), positions sorted along a Hilbert curve and delta-coded (≈ 2–3 B), byte-shuffled columns — an ENT2 format (≈ 4–5 B/enterprise gz, ≈ 4×); 10× after gzip needs server-side aggregation at low zoom (tiles) rather than shipping every point.',
  ],
  [
    /layer server build/,
    'both sides are dominated by reading a million rows out of PGlite (single-threaded WASM). Ours has the database pack each enterprise into a 9-byte record plus its codes as one text (two aggregates, no row objects) and looks the codes up in JS; a plain scan of the ids alone costs about 0.75 s of it. The layer is built once per data version and then served from memory (a request is the cache hit). Closing the rest: persist the encoded payload with the data version (build at import/seed time), or maintain the columns incrementally on writes.',
  ],
  [
    /req\/s/,
    'the cached path costs about the same as a bare handler in-process, so the gap is the process around it: the server shares 2 noisy cores with the load generator and carries PGlite (a large WASM heap) in the same event loop. Closing it: run the API on PostgreSQL (no WASM heap in the server), a reverse proxy honouring the ETag/Cache-Control, or cluster mode (one worker per core).',
  ],
  [
    /filter change, GPU filter/,
    'SwiftShader runs the vertex shader on the CPU, so drawing every point and discarding the filtered ones there costs more than drawing a small re-filtered subset; on a real GPU the uniform update is the cheap path. This is why the app does not draw every point above 150,000 enterprises but density cells (the row above), which is fast on both.',
  ],
  [/first rendered frame/, 'SwiftShader (CPU GL) dominates both; see the note.'],
  [/hotspots/, 'see the note.'],
  [/RSS/, 'see the note.'],
];
const why = (name: string) => WHY.find(([re]) => re.test(name))?.[1] ?? 'see the note.';
writeFileSync(
  `${here}README-section.md`,
  [
    '## Benchmarks',
    '',
    `\`npm run bench\` (${environment.date.slice(0, 10)}, ${environment.cpus} shared cores, load average ${environment.loadavg[0].toFixed(1)}; ratios are measured in the same run, medians; absolute times are context only). Province database: \`npm run seed -- --scale province --seed ${PROVINCE.seed} --as-of ${PROVINCE.asOf}\`.`,
    '',
    md,
    '',
    ...rows.map((r) => `- **${r.name}** — ${r.note}${r.ratio !== null ? ` (ratio ${fmtRatio(r.ratio)})` : ''}`),
    '',
    missed.length ? '### Missed goals' : 'Every goal was met in this run.',
    ...missed.map((r) => `- **${r.name}** (${fmtRatio(r.ratio)} vs goal ${r.goal}): ${why(r.name)}`),
    '',
  ].join('\n'),
);
log(`wrote test/bench/results.json and test/bench/README-section.md (${fmtMs(total)})`);
process.exit(0);
