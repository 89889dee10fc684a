// `npm run bench`: every benchmark of issue 7, ours vs a baseline doing the same work in the same
// run. Prints a table, writes test/bench/results.json and the README's bench section from it.
// Env: BENCH_DATA_DIR (province database, default /tmp/eco-bench-province, built once and reused),
// BENCH_ONLY=layer,browser,analysis,server,import,online (subset; online alone needs no province
// database), BENCH_IMPORT_READINGS (default 1,000,000).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { openDb } from '../../server/db/client';
import { compensationRows, hotspotRows } from './analysis';
import { serverRows } from './api';
import { browserRows } from './browser';
import { type BenchRow, fmtMs, log, table } from './common';
import { ensureProvinceDb, PROVINCE } from './db';
import { importRows } from './import';
import { layerServerRows } from './layer';
import { onlineRows } from './online';
import { type BenchResults, writeReadmeTable } from './readme-table';

const here = fileURLToPath(new URL('.', import.meta.url));
function previousScale(): BenchResults['scale'] {
  try {
    return (JSON.parse(readFileSync(`${here}results.json`, 'utf8')) as BenchResults).scale;
  } catch {
    return { enterprises: 0, ...PROVINCE };
  }
}
const only = new Set((process.env.BENCH_ONLY ?? 'layer,browser,analysis,server,import,online').split(','));
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

// The province database only for the phases that read it.
const needsProvince = ['layer', 'analysis', 'browser', 'server'].some((p) => only.has(p));
const db = needsProvince ? await ensureProvinceDb() : null;
if (db) phases.seed = db.seedMs;
const work = mkdtempSync(`${tmpdir()}/eco-bench-work-`);
let files: Awaited<ReturnType<typeof layerServerRows>> | undefined;

const needsDb = only.has('layer') || only.has('analysis') || only.has('browser');
if (needsDb && db) {
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
  if (!db) throw new Error('no province database');
  const r = await serverRows(db.dataDir, { screenshots: process.env.BENCH_SCREENSHOTS !== '0' });
  rows.push(...r.rows);
  return r;
});
await phase('import', async () =>
  rows.push(
    ...(await importRows({ enterprises: 100_000, readings: Number(process.env.BENCH_IMPORT_READINGS ?? 1_000_000) })),
  ),
);
await phase('online', async () => rows.push(...(await onlineRows())));

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
  loadavg: loadavg(),
  dataDir: db?.dataDir,
  province: PROVINCE,
};
const git = (...args: string[]) => execFileSync('git', args, { cwd: here, encoding: 'utf8' }).trim();
// The commit the numbers belong to; a dirty tree (the bench's own outputs aside) means they
// measured code no commit holds.
const commit = {
  sha: git('rev-parse', 'HEAD'),
  dirty:
    git(
      'status',
      '--porcelain',
      '--untracked-files=no',
      '--',
      ':(top)',
      ':(top,exclude)test/bench/results.json',
      ':(top,exclude)README.md',
    ) !== '',
};
const machine = {
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model,
  memoryBytes: totalmem(),
  node: process.version,
  platform: `${platform()} ${release()}`,
  loadavg: environment.loadavg,
};
const results: BenchResults = {
  commit,
  machine,
  // A run without the province phases keeps the scale the last full run recorded.
  scale: db ? { enterprises: db.enterprises, ...PROVINCE } : previousScale(),
  environment,
  rows,
};
mkdirSync(here, { recursive: true });
writeFileSync(
  `${here}results.json`,
  `${JSON.stringify({ ...results, phasesMs: phases, totalMs: total, serverStartMs: server?.startMs, endpointChecks: server?.checks, screenshots: server?.shots }, null, 2)}\n`,
);
writeReadmeTable();
log(`wrote test/bench/results.json and the README bench table (${fmtMs(total)})`);
process.exit(0);
