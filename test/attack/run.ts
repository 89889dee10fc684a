/**
 * npm run attack -- [--scale 200000] [--data-dir DIR] [--settle 5] [--only name,name]
 *
 * Starts a fresh server on a scratch PGlite directory at the given scale (or on DIR, reused,
 * when given: seeding 200,000 enterprises takes minutes), then runs the attacks of issue 13 one
 * after another while a separate thread polls /api/health every 50 ms, and prints for each: the
 * server's RSS (VmRSS of its process) before, at its peak and after a settle pause, the health
 * latency p50/p99/max during the attack, and the status codes it got. Writes
 * test/attack/results.json. Only 127.0.0.1; every loop is bounded in count and time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { openDb } from '../../server/db/client';
import { enterpriseCsv } from '../bench/import';
import { points, square } from '../support/compute-fixtures';
import { KECHENG } from '../support/import-fixtures';
import { type RunningServer, startServer } from '../support/server';
import { declaredSmallBomb } from '../support/xlsx-bomb';

const root = fileURLToPath(new URL('../..', import.meta.url));
const MB = 1024 * 1024;

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '200000' },
    'data-dir': { type: 'string' },
    settle: { type: 'string', default: '5' },
    only: { type: 'string' },
  },
});
const scale = Number(args.scale);
const settleMs = Number(args.settle) * 1000;
if (!Number.isInteger(scale) || scale < 100) throw new Error(`--scale must be a whole number ≥ 100, got ${args.scale}`);

const log = (s: string) => console.log(`[attack ${new Date().toISOString().slice(11, 19)}] ${s}`);

// ---------------------------------------------------------------- the server and its memory

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Health every 50 ms from its own thread (its own event loop and connection), latencies in ms. */
const POLLER = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
let running = true;
const samples = [];
const failures = [];
parentPort.on('message', (m) => { if (m === 'stop') running = false; });
// A new connection per poll (agent: false): a kept-alive one the server times out would show as
// a client-side failure, not as the server's latency.
const poll = () => new Promise((resolve) => {
  const req = http.get(workerData.url + '/api/health', { agent: false, timeout: 30000 }, (res) => {
    res.resume();
    res.on('end', () => resolve(res.statusCode === 200 ? null : res.statusCode));
  });
  req.on('timeout', () => req.destroy(new Error('timeout')));
  req.on('error', (e) => resolve(e.message));
});
(async () => {
  while (running) {
    const t0 = performance.now();
    const failed = await poll();
    if (failed !== null) failures.push(failed);
    const ms = performance.now() - t0;
    samples.push(ms);
    await new Promise((r) => setTimeout(r, Math.max(0, 50 - ms)));
  }
  parentPort.postMessage({ samples, failures });
})();
`;

type HealthStats = { polls: number; p50: number; p99: number; max: number; failures: (number | string)[] };

function pollHealth(url: string) {
  const worker = new Worker(POLLER, { eval: true, workerData: { url } });
  const result = new Promise<HealthStats>((resolve) =>
    worker.once('message', ({ samples, failures }: { samples: number[]; failures: (number | string)[] }) => {
      const s = [...samples].sort((a, b) => a - b);
      const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? Number.NaN;
      void worker.terminate();
      resolve({ polls: s.length, p50: q(0.5), p99: q(0.99), max: s[s.length - 1] ?? Number.NaN, failures });
    }),
  );
  return {
    stop: () => {
      worker.postMessage('stop');
      return result;
    },
  };
}

// ---------------------------------------------------------------- HTTP helpers

type Session = { cookie: string; csrf: string };
let base = '';
let admin: Session;

const adminHeaders = () => ({ cookie: admin.cookie, 'x-csrf-token': admin.csrf });

async function statusOf(path: string, init?: RequestInit): Promise<number> {
  try {
    const res = await fetch(base + path, { ...init, signal: AbortSignal.timeout(300_000) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    // The client's own failure (a reset connection, a timeout): counted apart as "NaN".
    return Number.NaN;
  }
}

/** `count` requests, `parallel` at a time; the count of each status. */
async function spray(count: number, parallel: number, path: (i: number) => string, init?: () => RequestInit) {
  const statuses: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) {
        const i = next++;
        statuses.push(await statusOf(path(i), init?.()));
      }
    }),
  );
  return statuses;
}

async function upload(kind: string, bytes: Uint8Array, name: string, dryRun: boolean) {
  const fd = new FormData();
  fd.set('file', new File([bytes as BlobPart], name));
  if (dryRun) fd.set('dryRun', 'true');
  const res = await fetch(`${base}/api/import/${kind}`, {
    method: 'POST',
    body: fd,
    headers: adminHeaders(),
    signal: AbortSignal.timeout(600_000),
  });
  const body = (await res.json()) as { error?: { code: string; message: string }; rows?: number; accepted?: number };
  return {
    status: res.status,
    code: body.error ? `${body.error.code}: ${body.error.message}` : undefined,
    rows: body.rows,
    accepted: body.accepted,
  };
}

/**
 * Opens `n` downloads of `path` that read their first chunk and then stop reading (the socket
 * paused: the kernel buffers fill and the server meets backpressure); closes them after `holdMs`.
 */
async function stalledReaders(n: number, path: string, headers: Record<string, string>, holdMs: number) {
  const statuses: number[] = [];
  const requests: http.ClientRequest[] = [];
  const url = new URL(base + path);
  await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<void>((resolve) => {
          const req = http.get(
            { host: url.hostname, port: url.port, path: url.pathname + url.search, headers },
            (res) => {
              statuses.push(res.statusCode ?? 0);
              res.once('data', () => {
                res.pause();
                resolve();
              });
              res.once('end', () => resolve());
            },
          );
          req.on('error', () => resolve());
          requests.push(req);
        }),
    ),
  );
  await new Promise((r) => setTimeout(r, holdMs));
  for (const r of requests) r.destroy();
  return statuses;
}

// ---------------------------------------------------------------- fixtures (cached across runs)

const fixtureDir = `${tmpdir()}/eco-attack-fixtures`;
mkdirSync(fixtureDir, { recursive: true });

function cached(name: string, make: () => Uint8Array): Uint8Array {
  const file = `${fixtureDir}/${name}`;
  if (existsSync(file)) return new Uint8Array(readFileSync(file));
  const bytes = make();
  writeFileSync(file, bytes);
  return bytes;
}

async function honestXlsx(targetBytes: number): Promise<Uint8Array> {
  const file = `${fixtureDir}/honest-${targetBytes}.xlsx`;
  if (existsSync(file)) return new Uint8Array(readFileSync(file));
  // About 45 bytes a row once zipped: enough rows for the target, written as a stream.
  const { rows } = enterpriseCsv(Math.ceil(targetBytes / 45), 31);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
  const ws = wb.addWorksheet('企业');
  ws.addRow(['统一社会信用代码', '企业名称', '地址', '经度', '纬度', '行业代码', '区县']).commit();
  for (const r of rows) ws.addRow([r.uscc, r.name, r.address, r.lon, r.lat, 'C33', KECHENG]).commit();
  ws.commit();
  await wb.commit();
  return new Uint8Array(readFileSync(file));
}

// ---------------------------------------------------------------- the attacks

type Outcome = { statuses: number[]; note?: string };
type Attack = { name: string; title: string; run: () => Promise<Outcome> };

const count = (statuses: number[]) => {
  const m = new Map<string, number>();
  for (const s of statuses) m.set(String(s), (m.get(String(s)) ?? 0) + 1);
  return [...m.entries()]
    .sort()
    .map(([s, n]) => `${s}×${n}`)
    .join(' ');
};

const attacks: Attack[] = [
  {
    name: 'compute',
    title: 'anonymous hotspot compute res 9: 1.6° box, then 3× the largest allowed box with 50,000 points',
    run: async () => {
      const post = (body: unknown) =>
        statusOf('/api/hotspots/compute', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      const huge = await post({
        res: 9,
        studyArea: square(118, 28.4, 119.6, 30),
        points: points(50_000, 118, 28.4, 119.6, 30),
      });
      const allowed = {
        res: 9,
        studyArea: square(118.3, 28.5, 119.5, 29.6),
        points: points(50_000, 118.3, 28.5, 119.5, 29.6),
      };
      const three = await Promise.all([post(allowed), post(allowed), post(allowed)]);
      return { statuses: [huge, ...three], note: `1.6° box → ${huge}; allowed ×3 → ${three.join(',')}` };
    },
  },
  {
    name: 'junk',
    title: 'cache key spraying: /api/enterprises?limit=5000&junk=N ×1,500 (16 at once, anonymous)',
    run: async () => ({
      statuses: await spray(1500, 16, (i) => `/api/enterprises?limit=5000&junk=${i}&z${i}=${'x'.repeat(40)}`),
    }),
  },
  {
    name: 'pages',
    title: 'distinct list pages (cache misses): limit=5000&offset=N&sort=name ×300 (16 at once, anonymous)',
    run: async () => ({
      statuses: await spray(300, 16, (i) => `/api/enterprises?limit=5000&sort=name&offset=${i * 7}`),
    }),
  },
  {
    name: 'layers',
    title: 'map layer as of 36 different days (4 at once, anonymous)',
    run: async () => ({
      statuses: await spray(36, 4, (i) => {
        const d = new Date(Date.UTC(2023, i, 15)).toISOString().slice(0, 10);
        return `/api/layers/enterprises?codesAsOf=${d}`;
      }),
    }),
  },
  {
    name: 'stalled-public',
    title: '10 stalled CSV export readers, anonymous (held 15 s)',
    run: async () => ({ statuses: await stalledReaders(10, '/api/enterprises/export?format=csv', {}, 15_000) }),
  },
  {
    name: 'stalled-admin',
    title: '10 stalled XLSX export readers, admin (held 15 s)',
    run: async () => ({
      statuses: await stalledReaders(10, '/api/enterprises/export?format=xlsx', { cookie: admin.cookie }, 15_000),
    }),
  },
  {
    name: 'bomb',
    title: 'XLSX bomb declaring 20 KB, inflating to 1 GB (admin, dry run)',
    run: async () => {
      const bomb = cached('bomb-1g.xlsx', () => declaredSmallBomb(1024 * MB));
      const r = await upload('enterprises', bomb, 'bomb.xlsx', true);
      return { statuses: [r.status], note: `${(bomb.length / MB).toFixed(1)} MB file → ${r.code ?? 'ok'}` };
    },
  },
  {
    name: 'xlsx',
    title: 'honest 20 MB XLSX of enterprises (admin, dry run)',
    run: async () => {
      const bytes = await honestXlsx(20 * MB);
      const r = await upload('enterprises', bytes, 'honest.xlsx', true);
      return {
        statuses: [r.status],
        note: `${(bytes.length / MB).toFixed(1)} MB → ${r.code ?? `${r.rows} rows, ${r.accepted} accepted`}`,
      };
    },
  },
  {
    name: 'csv',
    title: '200,000-row enterprise CSV (admin, dry run)',
    run: async () => {
      const bytes = cached('enterprises-200k.csv', () => enterpriseCsv(200_000, 17).bytes);
      const r = await upload('enterprises', bytes, 'e.csv', true);
      return {
        statuses: [r.status],
        note: `${(bytes.length / MB).toFixed(1)} MB → ${r.code ?? `${r.rows} rows, ${r.accepted} accepted`}`,
      };
    },
  },
  {
    name: 'spray-logins',
    title: 'username spraying: 300 distinct usernames, wrong password (4 at once, one address)',
    run: async () => ({
      statuses: await spray(
        300,
        4,
        () => '/api/auth/login',
        () => ({
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            username: `user${Math.random().toString(36).slice(2, 10)}`,
            password: 'Guess-123456',
          }),
        }),
      ),
    }),
  },
];

// ---------------------------------------------------------------- main

type Result = {
  attack: string;
  rssBeforeMb: number;
  rssPeakMb: number;
  rssAfterMb: number;
  health: HealthStats;
  statuses: string;
  note?: string;
  seconds: number;
};

async function main() {
  const only = args.only?.split(',');
  const chosen = attacks.filter((a) => !only || only.includes(a.name));
  const password = `Attack-${Math.random().toString(36).slice(2)}-Pw9`;
  let dataDir = args['data-dir'];
  let scratch: string | undefined;
  if (dataDir) {
    // A reused directory: forget the last run's failed logins and set a known admin password.
    const h = await openDb({ dataDir });
    await h.db.execute('delete from login_failures' as never).catch(() => {});
    await h.close();
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'server/cli/user.ts', 'passwd', 'admin', '--password', password],
      {
        cwd: root,
        env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
        encoding: 'utf8',
      },
    );
    if (r.status !== 0) throw new Error(`could not set the admin password on ${dataDir}: ${r.stderr}${r.stdout}`);
  } else {
    scratch = mkdtempSync(`${tmpdir()}/eco-attack-`);
    dataDir = `${scratch}/db`;
  }
  log(`server on ${dataDir} at scale ${scale} (${dataDir === args['data-dir'] ? 'reused' : 'fresh: seeding first'})`);
  const started = performance.now();
  const server: RunningServer = await startServer({
    dataDir,
    timeoutMs: 60 * 60_000,
    env: { SEED_SCALE: String(scale), ADMIN_PASSWORD: password },
  });
  const pid = server.proc.pid as number;
  base = server.url;
  log(
    `ready after ${((performance.now() - started) / 1000).toFixed(0)} s, pid ${pid}, RSS ${rssMb(pid).toFixed(0)} MB`,
  );
  const results: Result[] = [];
  try {
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password }),
    });
    if (login.status !== 200) throw new Error(`admin login: ${login.status} ${await login.text()}`);
    admin = {
      cookie: (login.headers.get('set-cookie') ?? '').split(';')[0],
      csrf: ((await login.json()) as { csrfToken: string }).csrfToken,
    };
    // Warm what a running server has warm anyway (worker threads, the current layer, caches).
    for (const p of ['/api/health', '/api/layers/enterprises', '/api/stats/overview', '/api/enterprises?limit=50'])
      await statusOf(p);
    await new Promise((r) => setTimeout(r, settleMs));

    for (const attack of chosen) {
      log(`${attack.name}: ${attack.title}`);
      const before = rssMb(pid);
      let peak = before;
      const sampler = setInterval(() => {
        peak = Math.max(peak, rssMb(pid));
      }, 100);
      const health = pollHealth(base);
      const t0 = performance.now();
      let outcome: Outcome;
      try {
        outcome = await attack.run();
      } catch (e) {
        outcome = { statuses: [], note: `attack failed: ${(e as Error).message}` };
      }
      const seconds = (performance.now() - t0) / 1000;
      const stats = await health.stop();
      // Memory that comes back does so within a few seconds of the last request.
      await new Promise((r) => setTimeout(r, settleMs));
      clearInterval(sampler);
      peak = Math.max(peak, rssMb(pid));
      const after = rssMb(pid);
      if (server.proc.exitCode !== null)
        throw new Error(`server died during ${attack.name}:\n${server.output().slice(-3000)}`);
      const r: Result = {
        attack: attack.title,
        rssBeforeMb: Math.round(before),
        rssPeakMb: Math.round(peak),
        rssAfterMb: Math.round(after),
        health: { ...stats, p50: Math.round(stats.p50), p99: Math.round(stats.p99), max: Math.round(stats.max) },
        statuses: count(outcome.statuses),
        note: outcome.note,
        seconds: Math.round(seconds * 10) / 10,
      };
      results.push(r);
      log(
        `  RSS ${r.rssBeforeMb} → peak ${r.rssPeakMb} → ${r.rssAfterMb} MB; health p50 ${r.health.p50} p99 ${r.health.p99} max ${r.health.max} ms (${r.health.polls} polls${r.health.failures.length ? `, ${r.health.failures.length} failed` : ''}); ${r.statuses}${r.note ? `; ${r.note}` : ''}`,
      );
    }
  } finally {
    await server.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }

  const table = [
    '| attack | RSS before / peak / after (MB) | /api/health p50 / p99 / max (ms) | outcome |',
    '|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.attack} | ${r.rssBeforeMb} / ${r.rssPeakMb} / ${r.rssAfterMb} | ${r.health.p50} / ${r.health.p99} / ${r.health.max} | ${r.statuses}${r.note ? ` (${r.note})` : ''} |`,
    ),
  ].join('\n');
  console.log(
    `\nscale ${scale} enterprises, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}\n\n${table}\n`,
  );
  const over = results.filter((r) => r.health.max > 250);
  console.log(
    over.length
      ? `/api/health over 250 ms during: ${over.map((r) => r.attack.split(':')[0]).join('; ')}`
      : 'every attack: /api/health within 250 ms',
  );
  writeFileSync(
    new URL('./results.json', import.meta.url),
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        scale,
        cpus: cpus().length,
        loadavg: loadavg(),
        node: process.version,
        settleSeconds: settleMs / 1000,
        results,
      },
      null,
      2,
    )}\n`,
  );
}

await main();
