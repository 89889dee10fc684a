import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDb } from '../../server/db/client';
import { createUser } from '../../server/services/auth';
import { freePort, type RunningServer, startServer } from '../support/server';

/**
 * Soak: the wall screen rotating fast (?interval=0.5) through at least 200 scene changes, with
 * the API stopped and restarted once in the middle and one data change announced over SSE.
 * It must log no error but the expected network failures while the API is down, show and then
 * clear the offline badge, pick up the new data without a reload, and end with a JS heap within
 * 20 % of the heap after its first full rotation.
 */
const CHANGES = 200;
const ADMIN = { username: 'soak-admin', password: 'soak-admin-password-1' };
// What a browser logs while our own API is unreachable.
const OUTAGE_NOISE =
  /ERR_CONNECTION_REFUSED|ERR_CONNECTION_RESET|ERR_INCOMPLETE_CHUNKED_ENCODING|ERR_EMPTY_RESPONSE|Failed to fetch|Failed to load resource|EventSource/;

describe('public display screen soak (web)', () => {
  let dataDir: string;
  let port: number;
  let server: RunningServer | null = null;
  let browser: Browser;

  beforeAll(async () => {
    // A private copy of the seeded database: this test writes to it (one import).
    dataDir = join(mkdtempSync(join(tmpdir(), 'eco-soak-')), 'db');
    cpSync(inject('e2eDataDir'), dataDir, { recursive: true });
    const h = await openDb({ dataDir });
    await createUser(h.db, { ...ADMIN, displayName: 'soak', role: 'admin' });
    await h.close();
    port = await freePort();
    server = await startServer({ dataDir, port });
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--use-angle=swiftshader',
        '--enable-unsafe-swiftshader',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--enable-precise-memory-info',
        '--js-flags=--expose-gc',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dataDir) rmSync(join(dataDir, '..'), { recursive: true, force: true });
  });

  const stats = (page: Page) =>
    page.evaluate(() => ({
      changes: window.__screenStats?.sceneChanges ?? 0,
      offline: document.querySelector('[data-testid=offline-badge]') !== null,
      total: document.querySelector('[data-testid=kpi-total-value]')?.textContent ?? '',
      scene: document.querySelector('[data-testid=screen]')?.getAttribute('data-scene') ?? '',
    }));
  const scenesSeen = new Set<string>();
  const waitFor = async (
    page: Page,
    what: string,
    ok: (s: Awaited<ReturnType<typeof stats>>) => boolean,
    ms = 120_000,
  ) => {
    const until = Date.now() + ms;
    for (;;) {
      const s = await stats(page);
      scenesSeen.add(s.scene);
      if (ok(s)) return s;
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(s)}`);
      await page.waitForTimeout(250);
    }
  };
  const heap = (page: Page) =>
    page.evaluate(async () => {
      const w = window as unknown as { gc?: () => void; performance: { memory?: { usedJSHeapSize: number } } };
      for (let i = 0; i < 3; i++) {
        w.gc?.();
        await new Promise((r) => setTimeout(r, 100));
      }
      return w.performance.memory?.usedJSHeapSize ?? 0;
    });

  /** Adds one enterprise through the import API: the server bumps its data version. */
  async function changeData(base: string) {
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const template = await (await fetch(`${base}/api/import/templates/enterprises?format=csv`)).arrayBuffer();
    const form = new FormData();
    form.set('file', new Blob([template], { type: 'text/csv' }), 'one-enterprise.csv');
    const res = await fetch(`${base}/api/import/enterprises`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken },
      body: form,
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(((await res.json()) as { committed: boolean }).committed).toBe(true);
  }

  it(`survives ${CHANGES} scene changes, an API outage and a data change`, { timeout: 330_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors: { at: number; text: string }[] = [];
    const external: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push({ at: Date.now(), text: m.text() });
    });
    page.on('pageerror', (e) => errors.push({ at: Date.now(), text: `page error: ${e.message}` }));
    page.on('request', (r) => {
      const host = new URL(r.url()).hostname;
      if (!['127.0.0.1', 'localhost', ''].includes(host) && !/^(data|blob):/.test(r.url())) external.push(r.url());
    });
    let overviewRequests = 0;
    page.on('request', (r) => {
      if (r.url().includes('/api/stats/overview')) overviewRequests++;
    });

    const base = `http://127.0.0.1:${port}`;
    const started = Date.now();
    const progress = async (what: string) =>
      console.log(`soak +${Math.round((Date.now() - started) / 1000)} s: ${what} ${JSON.stringify(await stats(page))}`);
    await page.goto(`${base}/screen?interval=0.5`);
    await page.waitForSelector('[data-testid=screen-map][data-ready=true]', { timeout: 90_000 });
    await waitFor(page, 'data', (s) => /\d/.test(s.total));
    await page.evaluate(() => {
      (window as unknown as { __soakPage: boolean }).__soakPage = true;
    });

    // Baseline: after the first full rotation with all data loaded.
    const first = await waitFor(page, 'first rotation', (s) => s.changes >= 8);
    const heapBase = await heap(page);
    await progress('first rotations done');

    // A data change is picked up in place: the KPI follows, the page is not reloaded.
    const before = Number(first.total.replace(/\D/g, ''));
    const requestsBefore = overviewRequests;
    await changeData(base);
    await waitFor(
      page,
      'the new enterprise on screen',
      (s) => Number(s.total.replace(/\D/g, '')) === before + 1,
      60_000,
    );
    expect(overviewRequests).toBeGreaterThan(requestsBefore);
    await progress('data change shown');
    expect(await page.evaluate(() => (window as unknown as { __soakPage?: boolean }).__soakPage)).toBe(true);

    // Outage in the middle of the run.
    await waitFor(page, 'mid-run', (s) => s.changes >= CHANGES / 2);
    const outageStart = Date.now();
    await server?.stop();
    server = null;
    const down = await waitFor(page, 'offline badge', (s) => s.offline, 60_000);
    await progress('API stopped, offline badge shown');
    // The last good data stays on screen and the scenes keep turning.
    expect(down.total).toBe(String(before + 1).replace(/\B(?=(\d{3})+(?!\d))/g, ','));
    await expect(page.getByTestId('offline-badge').textContent()).resolves.toMatch(
      /^数据更新于 \d\d:\d\d（连接中断）$/,
    );
    await waitFor(page, 'rotation during the outage', (s) => s.changes >= down.changes + 8);
    expect((await stats(page)).total).toBe(down.total);

    server = await startServer({ dataDir, port });
    await progress('API restarted');
    await waitFor(page, 'recovery', (s) => !s.offline, 90_000);
    await progress('recovered');
    // Requests already in flight when the API came back may still fail for a moment.
    const outageEnd = Date.now() + 3000;
    expect(await page.getByTestId('data-stamp').textContent()).toMatch(/^数据更新于 \d\d:\d\d$/);

    const last = await waitFor(page, `${CHANGES} changes`, (s) => s.changes >= CHANGES, 240_000);
    // End on the same scene as the baseline, let the last fade finish, then measure.
    await waitFor(page, 'full rotation', (s) => s.changes >= Math.ceil((last.changes + 1) / 4) * 4);
    await page.waitForTimeout(400);
    const heapEnd = await heap(page);

    const unexpected = errors.filter((e) => !(e.at >= outageStart && e.at <= outageEnd && OUTAGE_NOISE.test(e.text)));
    const during = errors.length - unexpected.length;
    console.log(
      `soak: ${(await stats(page)).changes} scene changes in ${Math.round((Date.now() - started) / 1000)} s; ` +
        `heap after first rotation ${(heapBase / 1e6).toFixed(1)} MB, after the run ${(heapEnd / 1e6).toFixed(1)} MB ` +
        `(${(((heapEnd - heapBase) / heapBase) * 100).toFixed(1)} %); ${during} expected network errors during the outage`,
    );
    expect(unexpected.map((e) => e.text)).toEqual([]);
    expect([...scenesSeen].sort()).toEqual(['basin', 'codes', 'hotspots', 'overview']);
    expect(external).toEqual([]);
    expect(heapBase).toBeGreaterThan(0);
    expect(heapEnd).toBeLessThanOrEqual(heapBase * 1.2);
    await context.close();
  });
});
