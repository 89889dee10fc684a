// Rows 1 (browser decode) and 2 (map interaction) in headless Chromium: bundles the page with
// esbuild (the real web decoder + deck.gl), serves it and the layer files from loopback.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { launchBrowser } from '../support/browser';
import { assertSame, type BenchRow, fmtMs, fmtSpread, log } from './common';

const here = fileURLToPath(new URL('.', import.meta.url));

async function bundle(): Promise<string> {
  const out = await build({
    entryPoints: [`${here}browser/bench-page.ts`],
    bundle: true,
    format: 'esm',
    write: false,
    minify: true,
    target: 'es2022',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
  return out.outputFiles[0].text;
}

export async function browserRows(files: { binPath: string; geojsonPath: string; n: number }): Promise<BenchRow[]> {
  log('bundling the browser bench page (esbuild)…');
  const js = await bundle();
  const html = `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">
<style>html,body,#map{margin:0;width:100%;height:100%;background:#0b1220}</style></head>
<body><div id="map"></div><script type="module" src="/bench.js"></script></body></html>`;
  const bin = readFileSync(files.binPath);
  const geojson = readFileSync(files.geojsonPath);
  const server = createServer((req, res) => {
    const send = (type: string, body: Buffer | string) => {
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (req.url === '/') return send('text/html', html);
    if (req.url === '/bench.js') return send('text/javascript', js);
    if (req.url === '/layer.bin') return send('application/octet-stream', bin);
    if (req.url === '/layer.geojson') return send('application/geo+json', geojson);
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const browser = await launchBrowser();
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as { benchReady?: boolean }).benchReady === true);
    log('browser: decode ENT2 vs JSON.parse + arrays…');
    const d = await page.evaluate(() => (window as any).benchDecode(7, 5), undefined);
    log(`  decode: ours ${fmtMs(d.oursMs)}, GeoJSON ${fmtMs(d.baseMs)}`);
    log('browser: map first frame and filter changes (SwiftShader)…');
    const m = await page.evaluate(() => (window as any).benchMap(1));
    log(
      `  map: first frame ${fmtMs(m.firstFrameOurs)} (GPU path ${fmtMs(m.firstFrameGpu)}) vs ${fmtMs(m.firstFrameBase)}; filter: density ${fmtMs(m.densityMs)}, GPU ${fmtMs(m.gpuMs)}, CPU ${fmtMs(m.cpuMs)}`,
    );
    assertSame('symbols drawn by ours and the naive aggregation', m.oursDrawn, m.naiveDrawn);
    await page.screenshot({ path: `${here}../e2e/screenshots/bench-1m-deck-filtered.png` });
    if (errors.length) log(`  page errors: ${errors.join(' | ')}`);
    const scale = `${d.n.toLocaleString('en')} enterprises`;
    return [
      {
        name: 'layer decode in browser → render-ready arrays',
        scale,
        ours: fmtSpread(d.ours),
        baseline: fmtSpread(d.base),
        ratio: d.baseMs / d.oursMs,
        goal: '≥ 10× faster',
        met: d.baseMs / d.oursMs >= 10,
        note: 'both: the response bytes to the same typed arrays (ids, positions, attribute columns; asserted same count); ours: the real web decoder, baseline: JSON.parse + a loop over the features; Chromium, 7 vs 5 runs',
        data: d,
      },
      {
        name: 'map: time to first rendered frame',
        scale,
        ours: fmtSpread(m.firstOurs),
        baseline: fmtSpread(m.firstBase),
        ratio: m.firstFrameBase / m.firstFrameOurs,
        goal: 'faster than GeoJSON',
        met: m.firstFrameOurs < m.firstFrameBase,
        note: `both: from the response bytes to the same ${m.cells.toLocaleString('en')} drawn symbols (density discs, what the app draws above 150,000; asserted same symbols and counts by colour for 6 filters); ours: decode + draw-order columns + aggregation over typed arrays, baseline: JSON.parse + aggregation over feature objects in a Map; every point with the GPU filter instead: ${fmtMs(m.firstFrameGpu)} (1 run). deck.gl on SwiftShader (CPU GL), shaders compiled beforehand`,
        data: {
          firstOurs: m.firstOurs,
          firstBase: m.firstBase,
          firstFrameGpu: m.firstFrameGpu,
          cells: m.cells,
          drawn: m.oursDrawn,
        },
      },
      {
        name: 'map: filter change, density cells',
        scale,
        ours: fmtSpread(m.density),
        baseline: fmtSpread(m.naiveFilter),
        ratio: m.naiveFilterMs / m.densityMs,
        goal: 'faster than the naive aggregation',
        met: m.densityMs < m.naiveFilterMs,
        note: `both: re-aggregate the filtered enterprises into the same screen cells and draw the same discs (asserted as above); ours: typed columns and the GPU filter's values, baseline: feature objects filtered by their properties into a Map; ${m.density.length} filter changes each to the next frame. Re-filtering in JS and uploading every matching point instead: ${fmtMs(m.cpuMs)}`,
        data: { density: m.density, naive: m.naiveFilter, cpu: m.cpu },
      },
      {
        name: 'map: filter change, GPU filter',
        scale,
        ours: fmtSpread(m.gpu),
        baseline: fmtSpread(m.cpu),
        ratio: m.cpuMs / m.gpuMs,
        goal: 'GPU filter faster than CPU re-filter',
        met: m.gpuMs < m.cpuMs,
        note: `both: every matching point drawn; ours: DataFilterExtension (a uniform change; the app below 150,000), baseline: JS re-filter + re-upload; ${m.gpu.length} vs ${m.cpu.length} filter changes to the next frame (each GPU one is a software-rendered frame of every point)`,
        data: { gpu: m.gpu, cpu: m.cpu },
      },
    ];
  } finally {
    await browser.close();
    server.close();
  }
}
