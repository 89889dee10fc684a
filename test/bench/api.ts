// Rows 5 (requests/second vs a bare Hono handler) and 7 (server peak RSS), plus a correctness pass
// over every read endpoint and screenshots of the real map — all against one `npm start` process
// on the province database.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { guardedPage, launchBrowser, screenshotDir } from '../support/browser';
import { type RunningServer, startServer } from '../support/server';
import { type BenchRow, fmtBytes, fmtMs, log, median, timeIt } from './common';
import { load } from './load';

const root = fileURLToPath(new URL('../..', import.meta.url));
const RSS_GOAL = 1.5 * 1024 ** 3;

const peakRss = (pid: number) => {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : Number.NaN;
};

async function startBare(): Promise<{ url: string; stop: () => void }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'test/bench/bare-server.ts'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    proc.stdout?.on('data', (d) => {
      const m = /bare ready (\d+)/.exec(String(d));
      if (m) resolve(Number(m[1]));
    });
    proc.on('exit', (c) => reject(new Error(`bare server exited ${c}`)));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => proc.kill('SIGTERM') };
}

type Check = { path: string; status: number; coldMs: number; warmMs: number; bytes: number; note?: string };

async function checkEndpoints(
  server: RunningServer,
): Promise<{ checks: Check[]; parkId: number; layerGzip: number; layerRaw: number }> {
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const t = await timeIt(async () => {
      const r = await fetch(`${server.url}${path}`, { headers });
      return { status: r.status, body: new Uint8Array(await r.arrayBuffer()), headers: r.headers };
    });
    return { ...t.value, ms: t.ms };
  };
  const checks: Check[] = [];
  const run = async (path: string, validate: (body: Uint8Array) => string | undefined) => {
    const a = await get(path);
    const b = await get(path);
    const problem = a.status === 200 ? validate(a.body) : `status ${a.status}`;
    checks.push({ path, status: a.status, coldMs: a.ms, warmMs: b.ms, bytes: a.body.length, note: problem });
    log(
      `  GET ${path} → ${a.status} ${fmtBytes(a.body.length)} cold ${fmtMs(a.ms)}, warm ${fmtMs(b.ms)}${problem ? ` ✗ ${problem}` : ''}`,
    );
    return a;
  };
  const json = (b: Uint8Array) => JSON.parse(Buffer.from(b).toString('utf8'));
  // fetch() decodes gzip itself; ask for it explicitly through the raw header to count wire bytes.
  const layerRaw = await run('/api/layers/enterprises', (b) =>
    Buffer.from(b.subarray(0, 4)).toString() === 'ENT1' ? undefined : 'not ENT1',
  );
  const n = new DataView(layerRaw.body.buffer).getUint32(8, true);
  const gz = await new Promise<number>((resolve, reject) => {
    import('node:http').then(({ get: httpGet }) => {
      httpGet(`${server.url}/api/layers/enterprises`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => {
          const buf = Buffer.concat(chunks);
          if (gunzipSync(buf).length !== layerRaw.body.length) reject(new Error('gzip layer differs from raw'));
          resolve(buf.length);
        });
      }).on('error', reject);
    });
  });
  log(`  layer: ${n} enterprises, ${fmtBytes(layerRaw.body.length)} raw, ${fmtBytes(gz)} gzip on the wire`);
  const parks = await run('/api/parks', (b) => (json(b).features?.length > 0 ? undefined : 'no parks'));
  const firstPark = json(parks.body).features[0];
  const parkId = Number(firstPark.id ?? firstPark.properties?.id);
  await run('/api/stats/overview', (b) =>
    json(b).enterprises?.total === n ? undefined : 'enterprise total differs from the layer',
  );
  await run(`/api/enterprises?park=${parkId}`, (b) => {
    const items = json(b).items ?? json(b).data ?? json(b);
    return Array.isArray(items) && items.every((e: { parkId: number }) => e.parkId === parkId)
      ? undefined
      : 'wrong park';
  });
  await run('/api/hotspots', (b) => (json(b).cells?.length > 1000 ? undefined : 'too few cells'));
  await run('/api/hotspots?res=7', (b) => (json(b).cells?.length > 100 ? undefined : 'too few cells'));
  await run('/api/compensation', (b) => (b.length > 100 ? undefined : 'empty'));
  await run('/api/sections', (b) => (json(b).features?.length >= 300 ? undefined : 'fewer than 300 sections'));
  // ETag round trip on a cached endpoint.
  const first = await get('/api/stats/overview');
  const etag = first.headers.get('etag') ?? '';
  const again = await get('/api/stats/overview', { 'if-none-match': etag });
  checks.push({
    path: '/api/stats/overview (If-None-Match)',
    status: again.status,
    coldMs: again.ms,
    warmMs: again.ms,
    bytes: again.body.length,
    note: again.status === 304 ? undefined : 'no 304',
  });
  return { checks, parkId, layerGzip: gz, layerRaw: layerRaw.body.length };
}

async function screenshots(server: RunningServer): Promise<string[]> {
  const browser = await launchBrowser();
  const shots: string[] = [];
  try {
    const { page, problems } = await guardedPage(browser);
    const ready = () => page.waitForSelector('[data-testid=map][data-ready=true]', { timeout: 240_000 });
    const shot = async (name: string) => {
      const path = `${screenshotDir}bench-1m-${name}.png`;
      // SwiftShader draws a frame of a million symbols in tens of seconds.
      await page.screenshot({ path, timeout: 240_000 });
      shots.push(path);
    };
    let t = await timeIt(async () => {
      await page.goto(`${server.url}/?map=9/28.95/118.80`);
      await ready();
    });
    log(`  real map ready in ${fmtMs(t.ms)} (1M enterprises)`);
    await page.waitForTimeout(3000);
    await shot('1-overview');
    // Pan: drag the map.
    const box = await page.locator('.maplibregl-canvas').boundingBox();
    if (box) {
      const cx = box.x + box.width / 2;
      const cy = box.y + box.height / 2;
      t = await timeIt(async () => {
        await page.mouse.move(cx, cy);
        await page.mouse.down();
        for (let i = 1; i <= 10; i++) await page.mouse.move(cx - 30 * i, cy - 15 * i);
        await page.mouse.up();
      });
      log(`  pan drag took ${fmtMs(t.ms)}`);
      await page.waitForTimeout(2000);
      await shot('2-panned');
    }
    await page.goto(`${server.url}/?map=11/28.96/118.87&colour=red`);
    await ready();
    await page.waitForTimeout(3000);
    await shot('3-filtered-red-zoomed');
    await page.goto(`${server.url}/?map=8.6/28.95/118.65&colour=yellow,red`);
    await ready();
    await page.waitForTimeout(3000);
    await shot('4-filtered-yellow-red');
    if (problems.length) log(`  browser problems: ${problems.slice(0, 5).join(' | ')}`);
  } finally {
    await browser.close();
  }
  return shots;
}

export async function serverRows(
  dataDir: string,
  opts: { screenshots: boolean },
): Promise<{ rows: BenchRow[]; startMs: number; checks: Check[]; shots: string[] }> {
  log(`starting the server on ${dataDir} (npm start)…`);
  const t0 = performance.now();
  const server = await startServer({ dataDir, timeoutMs: 600_000 });
  const startMs = performance.now() - t0;
  const pid = server.proc.pid as number;
  log(`  ready in ${fmtMs(startMs)}, RSS peak so far ${fmtBytes(peakRss(pid))}`);
  const bare = await startBare();
  try {
    const { checks, parkId } = await checkEndpoints(server);
    const targets = [
      { name: 'API /api/stats/overview', path: '/api/stats/overview' },
      { name: `API /api/enterprises?park=${parkId}`, path: `/api/enterprises?park=${parkId}` },
    ];
    const rows: BenchRow[] = [];
    for (const target of targets) {
      const ours: number[] = [];
      const base: number[] = [];
      for (let i = 0; i < 3; i++) {
        base.push((await load(`${bare.url}/bare`, { seconds: 2 })).rps);
        const r = await load(`${server.url}${target.path}`, { seconds: 2 });
        if (r.errors) log(`  ${r.errors} errors on ${target.path}`);
        ours.push(r.rps);
      }
      const o = median(ours);
      const b = median(base);
      log(`  ${target.path}: ${o.toFixed(0)} req/s vs bare ${b.toFixed(0)} req/s`);
      rows.push({
        name: `${target.name} req/s`,
        scale: '1,000,000 enterprises',
        ours: `${o.toFixed(0)} req/s`,
        baseline: `${b.toFixed(0)} req/s (bare Hono)`,
        ratio: o / b,
        goal: '≥ 0.5 of bare (cached)',
        met: o / b >= 0.5,
        note: 'loopback, 16 keep-alive connections, 3 × 2 s alternating, medians; responses cached per data version + ETag',
        data: { ours, bare: base },
      });
    }
    let shots: string[] = [];
    if (opts.screenshots) {
      try {
        shots = await screenshots(server);
      } catch (e) {
        log(`  screenshots failed: ${(e as Error).message.split('\n')[0]}`);
      }
    }
    const rss = peakRss(pid);
    rows.push({
      name: 'server peak RSS',
      scale: '1,000,000 enterprises',
      ours: fmtBytes(rss),
      baseline: '1.5 GB budget',
      ratio: RSS_GOAL / rss,
      goal: '≤ 1.5 GB',
      met: rss <= RSS_GOAL,
      note: 'VmHWM of the server process after start, every endpoint above (layer build, hotspots res 7 and 8), load and the map',
      data: { rssBytes: rss, startMs },
    });
    return { rows, startMs, checks, shots };
  } finally {
    bare.stop();
    await server.stop();
  }
}
