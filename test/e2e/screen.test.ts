import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { canvasVariety, expectNoSeriousA11y, guardedPage, launchBrowser, screenshotDir } from '../support/browser';
import { type RunningServer, startServer } from '../support/server';

/**
 * The public display screen `/screen` at both wall resolutions: every scene drawn (map canvas
 * not blank, content present), the same grid at 1080p and 4K, big numerals, no pointer, no
 * request to another host, no serious accessibility violation. Screenshots:
 * test/e2e/screenshots/screen-<scene>-<w>x<h>.png (look at them).
 */
const SCENES = ['overview', 'codes', 'hotspots', 'basin'] as const;
type Scene = (typeof SCENES)[number];
const SIZES = [
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
];

describe('public display screen (web)', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: <T = any>(path: string) => Promise<T>;

  beforeAll(async () => {
    server = await startServer({ dataDir: inject('e2eDataDir') });
    api = async (path) => (await fetch(`${server.url}${path}`)).json();
    browser = await launchBrowser();
    console.log(`screen e2e screenshots → ${screenshotDir}`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Waits until the scene's own content is on screen, then lets the GPU finish its frames. */
  async function sceneReady(page: Page, scene: Scene) {
    await page.waitForSelector('[data-testid=screen-map][data-ready=true]', { timeout: 90_000 });
    const active = `[data-scene-panel=${scene}].s-scene--active`;
    await page.waitForSelector(active, { timeout: 30_000 });
    const checks: Record<Scene, () => Promise<unknown>> = {
      overview: () =>
        page.waitForFunction(
          () =>
            document.querySelector('[data-testid=kpi-total-value]')?.textContent !== '—' &&
            document.querySelector('[data-testid=kpi-sections-value]')?.textContent !== '—',
          null,
          { timeout: 60_000 },
        ),
      codes: () =>
        page.waitForFunction(() => document.querySelectorAll('[data-testid=chart-parks] svg path').length > 4, null, {
          timeout: 60_000,
        }),
      hotspots: () =>
        page.waitForFunction(
          () =>
            document.querySelector('[data-testid=kpi-cases90-value]')?.textContent !== '—' &&
            (document.querySelectorAll('[data-testid=hot-areas] .s-rank li').length > 0 ||
              document.querySelector('[data-testid=hot-areas] .s-empty') !== null),
          null,
          { timeout: 60_000 },
        ),
      basin: () =>
        page.waitForFunction(
          () => document.querySelectorAll('[data-testid=basin-schematic] [data-agreement]').length >= 1,
          null,
          {
            timeout: 60_000,
          },
        ),
    };
    await checks[scene]();
    await page.waitForTimeout(1500);
  }

  /** Text of the header and the active scene that is cut off or spills out of its card. */
  const overflowing = (page: Page) =>
    page.evaluate(() => {
      const boxes = '.s-kpi, .s-card, .s-tab, .s-legend, .s-stamps, .s-clock, .s-brand, .s-hero';
      const out: string[] = [];
      for (const el of document.querySelectorAll<HTMLElement>('.s-header *, .s-scene--active *, .s-legend--active *')) {
        if (el.children.length > 0 || !el.textContent?.trim()) continue;
        const box = el.parentElement?.closest<HTMLElement>(boxes);
        if (!box) continue;
        const r = el.getBoundingClientRect();
        const b = box.getBoundingClientRect();
        if (r.left < b.left - 1 || r.right > b.right + 1 || r.top < b.top - 1 || r.bottom > b.bottom + 1)
          out.push(`${el.className || el.tagName}: ${el.textContent}`);
      }
      for (const el of document.querySelectorAll<HTMLElement>('.s-tab, .s-kpi-label, .s-kpi-sub'))
        if (el.scrollWidth > el.clientWidth + 1 && el.closest('.s-scene:not(.s-scene--active)') === null)
          out.push(`${el.className}: ${el.textContent} (cut)`);
      return out;
    });

  /** Boxes of the fixed grid areas: they must not move between scenes. */
  const gridBoxes = (page: Page) =>
    page.evaluate(() =>
      ['.s-header', '.s-panels', '.s-map-area'].map((sel) => {
        const r = (document.querySelector(sel) as HTMLElement).getBoundingClientRect();
        return [Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)];
      }),
    );

  for (const size of SIZES) {
    describe(`at ${size.width}×${size.height}`, () => {
      let guarded: Awaited<ReturnType<typeof guardedPage>>;
      let boxes: number[][] | null = null;
      beforeAll(async () => {
        guarded = await guardedPage(browser, { viewport: size });
      });
      afterAll(async () => {
        expect(guarded.problems, guarded.problems.join('\n')).toEqual([]);
        await guarded.page.context().close();
      });

      for (const scene of SCENES) {
        it(`${scene}: drawn, legible, no pointer, same grid`, async () => {
          const { page } = guarded;
          await page.goto(`${server.url}/screen?scene=${scene}`);
          await sceneReady(page, scene);
          await page.screenshot({ path: `${screenshotDir}screen-${scene}-${size.width}x${size.height}.png` });

          expect(await canvasVariety(page, '.maplibregl-canvas'), 'map canvas blank').toBeGreaterThan(20);
          const b = await gridBoxes(page);
          if (boxes) expect(b, 'grid areas moved between scenes').toEqual(boxes);
          boxes = b;
          expect(await overflowing(page), 'text cut off').toEqual([]);
          const ui = await page.evaluate(() => ({
            cursor: getComputedStyle(document.body).cursor,
            numerals: [...document.querySelectorAll('.s-scene--active .s-kpi-num')].map((e) =>
              Number.parseFloat(getComputedStyle(e).fontSize),
            ),
            stamp: document.querySelector('[data-testid=data-stamp]')?.textContent ?? '',
            demo: document.querySelector('[data-testid=demo-badge]')?.textContent ?? '',
            clock: document.querySelector('[data-testid=clock] time')?.textContent ?? '',
          }));
          expect(ui.cursor).toBe('none');
          // KPI numerals at least 5 % of the screen height: legible from 5 m.
          for (const px of ui.numerals) expect(px / size.height).toBeGreaterThanOrEqual(0.05);
          expect(ui.stamp).toMatch(/^数据更新于 \d\d:\d\d$/);
          expect(ui.demo).toBe('演示数据');
          expect(ui.clock).toMatch(/^\d\d:\d\d:\d\d$/);

          if (scene === 'overview') {
            const overview = await api('/api/stats/overview');
            expect(ui.numerals.length).toBeGreaterThanOrEqual(6);
            const total = await page.getByTestId('kpi-total-value').textContent();
            expect(Number(total?.replace(/\D/g, ''))).toBe(overview.enterprises.total);
            const red = await page.getByTestId('kpi-red-value').textContent();
            expect(Number(red?.replace(/\D/g, ''))).toBe(overview.enterprises.red);
          }
          if (scene === 'basin') {
            const compensation = await api('/api/compensation');
            const shown = await page.locator('[data-testid=basin-schematic] [data-agreement]').count();
            expect(shown).toBe(compensation.agreements.length);
            const text = await page.getByTestId('basin-schematic').textContent();
            const wan = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 1 });
            for (const a of compensation.agreements.filter((x: any) => x.direction))
              expect(text).toContain(`${wan.format(a.amount / 10_000)} 万元`);
          }
          if (size.width === 1920) {
            await expectNoSeriousA11y(page);
          }
        });
      }
    });
  }

  describe('county focus (?county=330824)', () => {
    const county = '330824';
    let guarded: Awaited<ReturnType<typeof guardedPage>>;
    beforeAll(async () => {
      guarded = await guardedPage(browser, { viewport: SIZES[0] });
    });
    afterAll(async () => {
      expect(guarded.problems, guarded.problems.join('\n')).toEqual([]);
      await guarded.page.context().close();
    });
    for (const scene of SCENES) {
      it(`${scene} is filtered to 开化县`, async () => {
        const { page } = guarded;
        await page.goto(`${server.url}/screen?scene=${scene}&county=${county}`);
        await sceneReady(page, scene);
        await page.screenshot({ path: `${screenshotDir}screen-county-${county}-${scene}-1920x1080.png` });
        expect(await canvasVariety(page, '.maplibregl-canvas')).toBeGreaterThan(20);
        expect(await overflowing(page), 'text cut off').toEqual([]);
        await expect(page.locator('h1').textContent()).resolves.toContain('开化县');
        if (scene === 'overview') {
          const inCounty = (await api(`/api/enterprises?county=${county}&limit=1`)).total;
          const total = await page.getByTestId('kpi-total-value').textContent();
          expect(Number(total?.replace(/\D/g, ''))).toBe(inCounty);
        }
      });
    }
  });
  it('a past period (?period=2025Q3) shows the figures the API, the map and the basin panel give for it', async () => {
    const { page, problems } = await guardedPage(browser, { viewport: SIZES[0] });
    const day = '2025-09-30';
    const kpis = await api(`/api/stats/overview?codesAsOf=${day}`);
    const now = await api('/api/stats/overview');
    expect(kpis.enterprises.red).not.toBe(now.enterprises.red); // or this could not tell the period apart
    const num = async (id: string) => Number(String(await page.getByTestId(id).textContent()).replace(/[^\d.]/g, ''));

    await page.goto(`${server.url}/screen?scene=overview&period=2025Q3`);
    await sceneReady(page, 'overview');
    await expect.poll(() => num('kpi-red-value'), { timeout: 30_000 }).toBe(kpis.enterprises.red);
    expect(await num('kpi-yellow-value')).toBe(kpis.enterprises.yellow);
    expect(await num('kpi-cases-value')).toBe(kpis.cases.thisYear);
    expect(await num('kpi-rectification-value')).toBe(Math.round(kpis.rectification.rate * 1000) / 10);
    expect(await page.getByTestId('kpi-sections-value').textContent()).toBe(
      `${kpis.sections.meetingTarget}/${kpis.sections.total}`,
    );
    expect(await page.getByTestId('screen-period').textContent()).toContain('2025Q3');
    await page.screenshot({ path: `${screenshotDir}screen-period-2025Q3-overview-1920x1080.png` });

    // The basin scene: the year's settled nets per county, as /api/compensation?year=2025 gives them.
    const compensation = await api('/api/compensation?year=2025');
    expect(compensation.agreements.every((a: any) => a.status !== 'projected')).toBe(true);
    await page.goto(`${server.url}/screen?scene=basin&period=2025Q3`);
    await sceneReady(page, 'basin');
    const rows = await page
      .locator('[data-testid=settlements] li')
      .evaluateAll((lis) =>
        lis.map((li): [string, number] => [
          li.querySelector('.s-settle-name')?.textContent ?? '',
          Number((li.querySelector('.s-settle-value')?.textContent ?? '').replace('−', '-').replace(/[^\d.+-]/g, '')),
        ]),
      );
    const expected = compensation.settlements.map((s: any): [string, number] => [
      s.name,
      Math.round(s.net / 1000) / 10,
    ]);
    expect(new Map(rows)).toEqual(new Map(expected));
    await page.screenshot({ path: `${screenshotDir}screen-period-2025Q3-basin-1920x1080.png` });
    expect(problems, problems.join('\n')).toEqual([]);
    await page.context().close();
  });

  // Rotation and the offline badge over an API outage are in screen-soak.test.ts.
});
