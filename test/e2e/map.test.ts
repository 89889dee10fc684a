import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { colourOf, decodeEnterpriseLayer } from '../../web/src/map/decode-enterprise-layer';
import { canvasVariety, expectNoSeriousA11y, launchBrowser, screenshotDir, sharedMapPage } from '../support/browser';
import { type RunningServer, startServer } from '../support/server';

/**
 * The city map as a leader and an analyst use it, in headless Chromium against the real
 * server and the seeded demo data. Every step fails on console errors, page errors and any
 * request to a host other than this machine; screenshots land in test/e2e/screenshots/.
 */
describe('city map (web)', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: <T = any>(path: string) => Promise<T>;
  let mapPage: ReturnType<typeof sharedMapPage>;

  beforeAll(async () => {
    server = await startServer({ dataDir: inject('e2eDataDir'), env: { DEMO_AS_OF: '2026-06-30' } });
    api = async (path) => (await fetch(`${server.url}${path}`)).json();
    browser = await launchBrowser();
    mapPage = sharedMapPage(browser, () => server.url);
    console.log(`map e2e screenshots → ${screenshotDir}`);
  });
  afterAll(async () => {
    await mapPage?.close();
    await browser?.close();
    await server?.stop();
  });

  // Generous: SwiftShader renders on the CPU, and test machines are shared.
  const waitForMap = (page: Page) => page.waitForSelector('[data-testid=map][data-ready=true]', { timeout: 240_000 });
  const poll = { timeout: 30_000, interval: 250 };
  const slow = 360_000; // per test: a loaded machine can take minutes to render the first frame
  // SwiftShader's cost grows with pixels: steps that need no big-screen screenshot use a laptop size.
  const small = { width: 1366, height: 768 };

  const open = (path: string, viewport?: { width: number; height: number }) => mapPage.open(path, viewport);
  const shown = async (page: Page) => Number(await page.getByTestId('filter-count').getAttribute('data-shown'));
  const shot = (page: Page, name: string) => page.screenshot({ path: `${screenshotDir}map-${name}.png` });

  it(
    'leader opens / and sees the KPIs, the legend and a drawn map',
    async () => {
      const { page, problems } = await open('/');
      const overview = await api('/api/stats/overview');

      expect(await canvasVariety(page, '.maplibregl-canvas')).toBeGreaterThan(20);
      await expect(page.getByTestId('legend').isVisible()).resolves.toBe(true);
      const legend = await page.getByTestId('legend').textContent();
      for (const word of ['红码', '黄码', '绿码', '重点监管']) expect(legend).toContain(word);
      await expect(page.getByTestId('demo-badge').textContent()).resolves.toBe('演示数据');

      const total = await page.getByTestId('kpi-total-value').textContent();
      expect(Number(String(total).replace(/\D/g, ''))).toBe(overview.enterprises.total);
      const red = await page.getByTestId('kpi-red-value').textContent();
      expect(Number(String(red).replace(/\D/g, ''))).toBe(overview.enterprises.red);
      expect(await shown(page)).toBe(overview.enterprises.total);
      await shot(page, '1-overview');

      await expectNoSeriousA11y(page);
      expect(problems).toEqual([]);
    },
    slow,
  );

  it(
    'a KPI card filters the map, the URL keeps it, Back undoes it',
    async () => {
      const { page, problems } = await open('/');
      const overview = await api('/api/stats/overview');
      await page.getByTestId('kpi-red').click();
      await expect.poll(() => shown(page), poll).toBe(overview.enterprises.red);
      expect(page.url()).toContain('colour=red');
      await page.waitForTimeout(800);
      await shot(page, '2-red-only');

      await page.reload();
      await waitForMap(page);
      await expect.poll(() => shown(page), poll).toBe(overview.enterprises.red);
      await expect(page.getByTestId('kpi-red').getAttribute('aria-pressed')).resolves.toBe('true');

      await page.goBack();
      await expect.poll(() => shown(page), poll).toBe(overview.enterprises.total);
      expect(problems).toEqual([]);
    },
    slow,
  );

  it(
    'analyst filters by park and industry: the count equals the API total',
    async () => {
      const parks = await api('/api/parks');
      const park = parks.features.sort(
        (a: any, b: any) => b.properties.enterpriseCount - a.properties.enterpriseCount,
      )[0].properties;
      const industry = park.industryCodes[0] as string;
      const expected = (await api(`/api/enterprises?park=${park.id}&industry=${industry}&limit=1`)).total;
      expect(expected).toBeGreaterThan(0);

      const { page, problems } = await open(`/?park=${park.id}&industry=${industry}`, small);
      await expect.poll(() => shown(page), poll).toBe(expected);
      await expect(page.getByLabel('园区', { exact: true }).inputValue()).resolves.toBe(String(park.id));
      // Narrow further in the panel, then clear: counts follow without a refetch of the layer.
      let layerRequests = 0;
      page.on('request', (r) => {
        if (r.url().includes('/api/layers/enterprises')) layerRequests++;
      });
      await page.getByRole('button', { name: '红码', exact: true }).click();
      const redExpected = (await api(`/api/enterprises?park=${park.id}&industry=${industry}&colour=red&limit=1`)).total;
      await expect.poll(() => shown(page), poll).toBe(redExpected);
      await page.getByRole('button', { name: '清除筛选' }).click();
      const all = (await api('/api/stats/overview')).enterprises.total;
      await expect.poll(() => shown(page), poll).toBe(all);
      expect(layerRequests).toBe(0);
      expect(problems).toEqual([]);
    },
    slow,
  );

  it(
    'clicking an enterprise on the map opens its card with the reasons for its code',
    async () => {
      const red = (await api('/api/enterprises?colour=red&sort=score&limit=1')).items[0];
      const code = await api(`/api/enterprises/${red.id}/code`);
      // Centre the camera on the enterprise, then click the middle of the map.
      const { page, problems } = await open(`/?map=15/${red.lat}/${red.lon}`);
      const box = await page.getByTestId('map').boundingBox();
      if (!box) throw new Error('map has no box');
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.waitForTimeout(500);
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await page.getByTestId('enterprise-panel').waitFor({ timeout: 60_000 });
      await expect(page.locator('.panel-title').textContent()).resolves.toBe(red.name);
      expect(page.url()).toContain(`sel=enterprise:${red.id}`);
      const reasons = page.getByTestId('reasons');
      await reasons.waitFor({ timeout: 60_000 });
      if (code.reasons.length) await expect(reasons.textContent()).resolves.toContain(code.reasons[0].label);
      await expect(page.getByTestId('code-badge').textContent()).resolves.toContain(String(code.score));
      await page.waitForTimeout(800);
      await shot(page, '3-enterprise');
      await expectNoSeriousA11y(page);
      expect(problems).toEqual([]);
    },
    slow,
  );

  it(
    'search finds an enterprise by USCC, flies there and opens it; English works',
    async () => {
      const target = (await api('/api/enterprises?colour=yellow&limit=1')).items[0];
      const { page, problems } = await open('/?lang=en', small);
      await expect(page.locator('h1').textContent()).resolves.toContain('Eco-Governance Map');
      const box = page.getByRole('combobox', { name: /Search/ });
      await box.fill(target.uscc);
      await page.getByRole('option').first().waitFor({ timeout: 60_000 });
      await box.press('Enter');
      await page.getByTestId('enterprise-panel').waitFor({ timeout: 60_000 });
      await expect(page.locator('.panel-title').textContent()).resolves.toBe(target.name);
      await page.waitForTimeout(2500); // the fly-to animation
      expect(page.url()).toMatch(/map=\d/);
      await shot(page, '4-search-en');
      expect(problems).toEqual([]);
    },
    slow,
  );

  it(
    'every layer toggles and the legend follows',
    async () => {
      const { page, problems } = await open('/', small);
      const rows = page.locator('[data-layer]');
      const n = await rows.count();
      expect(n).toBeGreaterThanOrEqual(7);
      for (let i = 0; i < n; i++) {
        const row = rows.nth(i);
        const toggle = row.getByRole('switch');
        const wasOn = await toggle.isChecked();
        await toggle.click();
        await expect(row.locator('.legend').count()).resolves.toBe(wasOn ? 0 : 1);
      }
      await page.waitForTimeout(1500);
      await shot(page, '5-layers-toggled');
      expect(problems).toEqual([]);
    },
    slow,
  );

  it(
    'the period control reads codes as of the quarter, and drives the hotspot window and compensation year',
    async () => {
      const res = await fetch(`${server.url}/api/layers/enterprises?codesAsOf=2025-09-30`);
      const past = decodeEnterpriseLayer(await res.arrayBuffer());
      let redThen = 0;
      for (let i = 0; i < past.n; i++) if (colourOf(past.flags[i]) === 'red') redThen++;
      const redNow = (await api('/api/stats/overview')).enterprises.red;
      expect(redThen).not.toBe(redNow); // otherwise this test could not tell the two apart

      const { page, problems } = await open('/?layers=ent.100,flow.100,hot.75,county.100', small);
      // The latest year is still open: its agreements are projected, and the legend must not call them settled.
      const year = Number((await api('/api/health')).asOf.slice(0, 4));
      const open_ = (await api(`/api/compensation?year=${year}`)).agreements;
      const projected = open_.filter((a: any) => a.status === 'projected').length;
      const settledNow = open_.filter((a: any) => a.status === 'assessed').length;
      await expect
        .poll(() => page.getByTestId('flows-year').textContent(), poll)
        .toContain(`${settledNow} / ${open_.length} 项协议已结算${projected ? `，${projected} 项按已有数据预估` : ''}`);
      const hotspots = page.waitForResponse((r) => r.url().includes('/api/hotspots?from=2025-07-01&to=2025-09-30'));
      const compensation = page.waitForResponse((r) => r.url().includes('/api/compensation?year=2025'));
      await page.getByTestId('period-granularity').selectOption('quarter');
      await page.getByTestId('period-value').selectOption('2025Q3');
      expect(page.url()).toContain('period=2025Q3');
      expect((await hotspots).status()).toBe(200);
      expect((await compensation).status()).toBe(200);
      await expect.poll(() => page.getByTestId('period-summary').textContent(), poll).toContain('截至 2025-09-30');
      // The flows legend names the year it draws.
      await expect.poll(() => page.getByTestId('flows-year').textContent(), poll).toContain('2025 年度');

      await page.getByRole('button', { name: '红码', exact: true }).click();
      await expect.poll(() => shown(page), poll).toBe(redThen);
      // The KPI card, the table's 共 N 家 and the CSV count the same codes as the map, and say the day.
      const kpiRed = async () =>
        Number(String(await page.getByTestId('kpi-red-value').textContent()).replace(/\D/g, ''));
      await expect.poll(kpiRed, poll).toBe(redThen);
      await expect.poll(() => page.getByTestId('overview-as-of').textContent(), poll).toBe('截至 2025-09-30');
      // Cases counted to the period's end are named by its year, not as this year's.
      expect(await page.getByTestId('kpi-cases').textContent()).toContain('2025 年立案');
      await page.getByTestId('toggle-table').click();
      await expect.poll(() => page.getByTestId('table-count').getAttribute('data-total'), poll).toBe(String(redThen));
      expect(await page.getByTestId('table-as-of').textContent()).toBe('截至 2025-09-30');
      const csvHref = await page.getByTestId('export-csv').getAttribute('href');
      expect(csvHref).toContain('codesAsOf=2025-09-30');
      const csv = await (await fetch(`${server.url}${csvHref}`)).text();
      expect(csv.trim().split('\r\n').length - 1).toBe(redThen);
      await page.waitForTimeout(1500);
      await shot(page, '7-period-2025Q3');
      await page.getByTestId('toggle-table').click();

      // Back to the latest: today's codes again.
      await page.getByTestId('period-granularity').selectOption('latest');
      await expect.poll(() => shown(page), poll).toBe(redNow);
      await expect.poll(kpiRed, poll).toBe(redNow);
      expect(await page.getByTestId('overview-as-of').textContent()).toBe('最新 · 截至 2026-06-30');
      expect(await page.getByTestId('kpi-cases').textContent()).toContain('今年立案');
      await expectNoSeriousA11y(page);

      // A period whose layer cannot be fetched: the map keeps the colours it has and says why.
      const before = problems.length;
      await page.route('**/api/layers/enterprises?codesAsOf=*', (r) =>
        r.fulfill({ status: 503, contentType: 'application/json', body: '{"error":{"code":"unavailable"}}' }),
      );
      await page.getByTestId('period-granularity').selectOption('quarter');
      await page.getByTestId('period-value').selectOption('2025Q2');
      const alert = page.locator('.map-status[role=alert]');
      await alert.waitFor({ timeout: 60_000 });
      expect(await alert.textContent()).toContain('服务暂不可用'); // plain words, not a bare status code
      expect(await shown(page)).toBe(redNow);
      await page.unroute('**/api/layers/enterprises?codesAsOf=*');
      await alert.getByRole('button').click();
      await expect.poll(() => alert.count(), poll).toBe(0);
      await page.getByTestId('period-granularity').selectOption('latest');
      // The browser logs each refused response; those were the point of this step.
      const logged = problems.splice(before);
      expect(logged.filter((p) => !p.includes('503'))).toEqual([]);
      expect(problems).toEqual([]);
    },
    slow,
  );

  it(
    'a newcomer answers "which park has the most red, why is its worst enterprise red, who pays whom" in a few clicks',
    async () => {
      const parks = (await api('/api/parks')).features.map((f: any) => f.properties);
      const top = parks.sort(
        (a: any, b: any) => b.byColour.red - a.byColour.red || b.byColour.yellow - a.byColour.yellow,
      )[0];
      const worst = (await api(`/api/enterprises?park=${top.id}&sort=score&limit=1`)).items[0];
      const code = await api(`/api/enterprises/${worst.id}/code`);

      const { page, problems } = await open('/', small);
      await page.getByTestId('park-ranking').getByRole('button').first().click();
      await page.getByTestId('park-panel').waitFor({ timeout: 60_000 });
      await expect(page.locator('.panel-title').textContent()).resolves.toBe(top.name);
      await page.getByTestId('park-worst').getByRole('button').first().click();
      await page.getByTestId('enterprise-panel').waitFor({ timeout: 60_000 });
      await expect(page.locator('.panel-title').textContent()).resolves.toBe(worst.name);
      const reasons = page.getByTestId('reasons');
      await reasons.waitFor({ timeout: 60_000 });
      if (code.reasons.length) await expect(reasons.textContent()).resolves.toContain(code.reasons[0].label);

      // Who pays whom: the basin chain with this year's payers, one click from anywhere.
      await page.getByTestId('open-basin').click();
      await page.getByTestId('basin-panel').waitFor({ timeout: 60_000 });
      const compensation = await api('/api/compensation');
      const settled = compensation.agreements.find((a: any) => a.direction);
      const payer = settled.direction === 'downstream_pays' ? settled.downstream.name : settled.upstream.name;
      await expect(page.getByTestId('basin-panel').textContent()).resolves.toContain(payer);
      await shot(page, '8-newcomer-basin');
      expect(problems).toEqual([]);
    },
    slow,
  );

  it(
    'phone layout at 375×812 shows KPIs and the map',
    async () => {
      const { page, problems } = await open('/', { width: 375, height: 812 });
      await expect(page.getByTestId('kpi-total').isVisible()).resolves.toBe(true);
      expect(await canvasVariety(page, '.maplibregl-canvas')).toBeGreaterThan(10);
      await shot(page, '6-phone');
      expect(problems).toEqual([]);
    },
    slow,
  );
});
