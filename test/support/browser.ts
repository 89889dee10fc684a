import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const screenshotDir = fileURLToPath(new URL('../e2e/screenshots/', import.meta.url));

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(screenshotDir, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export type GuardedPage = { page: Page; problems: string[] };

/**
 * A page that records every console error, page error, failed request and request to a host
 * other than this machine: an e2e test ends by asserting that `problems` is empty.
 */
export async function guardedPage(browser: Browser, options: BrowserContextOptions = {}): Promise<GuardedPage> {
  const context = await browser.newContext({
    viewport: { width: 1600, height: 900 },
    locale: 'zh-CN',
    ...options,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    const host = new URL(r.url()).hostname;
    if (!['127.0.0.1', 'localhost', ''].includes(host) && !r.url().startsWith('data:') && !r.url().startsWith('blob:'))
      problems.push(`external request: ${r.url()}`);
  });
  return { page, problems };
}

/** Distinct colours among sampled pixels of the map canvas (1 means blank). */
export async function canvasVariety(page: Page, selector = 'canvas'): Promise<number> {
  // Generous: a loaded machine renders a big canvas slowly.
  const shot = await page.locator(selector).first().screenshot({ timeout: 120_000 });
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext('2d') as CanvasRenderingContext2D;
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, c.width, c.height).data;
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += 4 * 97) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    return colours.size;
  }, shot.toString('base64'));
}

const axeSource = readFileSync(
  fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url)),
  'utf8',
);

/** Serious and critical axe-core violations on the current page. */
export async function axeViolations(
  page: Page,
): Promise<{ id: string; impact: string; help: string; nodes: string[] }[]> {
  // Evaluated through the DevTools protocol rather than an inline <script>: the app's CSP (script-src 'self')
  // rightly blocks inline scripts, and the audit must not need the page to allow them.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v: any) => v.impact === 'serious' || v.impact === 'critical')
      .map((v: any) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 3).map((n: any) => n.target.join(' ')),
      }));
  });
}

/** Fails the test with the list of serious and critical axe-core violations, if there are any. */
export async function expectNoSeriousA11y(page: Page): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
}

export type Viewport = { width: number; height: number };

/**
 * One map page per test file, moved between views the way the app itself moves (pushState +
 * popstate: the URL is the whole view state), instead of a new page per test. Under SwiftShader a
 * fresh page spends ~20 s compiling MapLibre's and deck.gl's shaders on the CPU; the app never
 * needs that twice. A path without a camera gets the city view, so one test's zoom does not leak
 * into the next. Each call clears the page's recorded problems.
 */
export function sharedMapPage(
  browser: Browser,
  baseUrl: () => string,
  options: BrowserContextOptions & {
    readyTimeout?: number;
    /** Undo UI state that lives outside the URL (an open drawer, say) before the next test. */
    reset?: (page: Page) => Promise<void>;
  } = {},
) {
  let shared: GuardedPage | null = null;
  const waitForMap = (page: Page) =>
    page.waitForSelector('[data-testid=map][data-ready=true]', { timeout: options.readyTimeout ?? 240_000 });
  const withCamera = (path: string) =>
    path.includes('map=') ? path : `${path}${path.includes('?') ? '&' : '?'}map=8.8/28.87/118.68`;

  return {
    async open(path: string, viewport: Viewport = { width: 1920, height: 1080 }): Promise<GuardedPage> {
      if (!shared) {
        const { readyTimeout: _t, reset: _r, ...contextOptions } = options;
        shared = await guardedPage(browser, { ...contextOptions, viewport });
        await shared.page.goto(`${baseUrl()}${path}`);
        await waitForMap(shared.page);
        // Let MapLibre and deck.gl finish their first frames (SwiftShader is slow).
        await shared.page.waitForTimeout(2500);
        return shared;
      }
      const { page } = shared;
      shared.problems.length = 0;
      await page.keyboard.press('Escape'); // close any dialog a previous test left open
      await options.reset?.(page);
      await page.setViewportSize(viewport);
      await page.evaluate((p) => {
        window.history.pushState(null, '', p);
        window.dispatchEvent(new PopStateEvent('popstate'));
      }, withCamera(path));
      await waitForMap(page);
      await page.waitForTimeout(1200);
      return shared;
    },
    async close() {
      await shared?.page.context().close();
      shared = null;
    },
  };
}
