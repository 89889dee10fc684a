import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { canvasVariety, expectNoSeriousA11y, launchBrowser, screenshotDir, sharedMapPage } from '../support/browser';
import { type RunningServer, startServer } from '../support/server';

const root = fileURLToPath(new URL('../..', import.meta.url));
const ADMIN_PASSWORD = 'e2e-Analyst-Boss-2026';

/**
 * The analysts' workbench in headless Chromium against the real server and the seeded demo
 * data: filters + table + exports, the section, basin and park panels, the map snapshot and
 * the double-random inspection list. Every test fails on console errors, page errors and
 * requests to other hosts; screenshots land in test/e2e/screenshots/analyst-*.png.
 */
describe('analyst workbench (web)', { timeout: 420_000 }, () => {
  let server: RunningServer;
  let browser: Browser;
  let api: <T = any>(path: string) => Promise<T>;
  let mapPage: ReturnType<typeof sharedMapPage>;

  beforeAll(async () => {
    const dataDir = inject('e2eDataDir');
    // The shared database already has an admin with a generated password: set a known one
    // (the server is not running on this directory between test files).
    const passwd = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'server/cli/user.ts', 'passwd', 'admin', '--password', ADMIN_PASSWORD],
      { cwd: root, env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' }, encoding: 'utf8' },
    );
    if (passwd.status !== 0) throw new Error(`could not set the admin password:\n${passwd.stdout}${passwd.stderr}`);
    server = await startServer({ dataDir, env: { DEMO_AS_OF: '2026-06-30', ADMIN_PASSWORD } });
    api = async (path) => (await fetch(`${server.url}${path}`)).json();
    browser = await launchBrowser();
    mapPage = sharedMapPage(browser, () => server.url, {
      acceptDownloads: true,
      readyTimeout: 150_000,
      reset: async (page) => {
        const table = page.getByTestId('toggle-table');
        if ((await table.getAttribute('aria-expanded')) === 'true') await table.click();
      },
    });
    console.log(`analyst e2e screenshots → ${screenshotDir}`);
  });
  afterAll(async () => {
    await mapPage?.close();
    await browser?.close();
    await server?.stop();
  });

  const open = (path: string, viewport?: { width: number; height: number }) => mapPage.open(path, viewport);
  const shown = async (page: Page) => Number(await page.getByTestId('filter-count').getAttribute('data-shown'));
  const shot = (page: Page, name: string) => page.screenshot({ path: `${screenshotDir}analyst-${name}.png` });
  const downloaded = async (d: Download) => readFileSync(await d.path());
  /** The browser logs every 4xx answer as a console error; drop the ones a test provokes on purpose. */
  const except = (problems: string[], status: number) =>
    problems.filter((p) => !p.includes(`the server responded with a status of ${status}`));

  it('filters by park + industry: the count, the table and the CSV all equal the API total', async () => {
    const parks = await api('/api/parks');
    const park = parks.features.sort((a: any, b: any) => b.properties.enterpriseCount - a.properties.enterpriseCount)[0]
      .properties;
    const industry = park.industryCodes[0] as string;
    const filter = `park=${park.id}&industry=${industry}`;
    const list = await api(`/api/enterprises?${filter}&limit=5000`);
    expect(list.total).toBeGreaterThan(1);

    const { page, problems } = await open(`/?${filter}`);
    await expect.poll(() => shown(page)).toBe(list.total);

    // The table drawer: the same count, one row per enterprise (virtualised: scroll to see all).
    await page.getByTestId('toggle-table').click();
    const count = page.getByTestId('table-count');
    await count.waitFor();
    expect(Number(await count.getAttribute('data-total'))).toBe(list.total);
    await expect(page.getByTestId('toggle-table').getAttribute('aria-expanded')).resolves.toBe('true');
    await page.locator('tr.ent-row').first().waitFor();

    // Sortable: by score, ascending then descending.
    await page.getByTestId('sort-score').click();
    const minScore = Math.min(...list.items.map((e: any) => e.score));
    await expect
      .poll(async () => Number(await page.locator('tr.ent-row td:nth-child(3)').first().innerText()))
      .toBe(minScore);
    await page.getByTestId('sort-score').click();
    const maxScore = Math.max(...list.items.map((e: any) => e.score));
    await expect
      .poll(async () => Number(await page.locator('tr.ent-row td:nth-child(3)').first().innerText()))
      .toBe(maxScore);

    // Table → map: a row click selects the enterprise and opens its card.
    const firstRow = page.locator('tr.ent-row').first();
    const rowId = Number(await firstRow.getAttribute('data-id'));
    await firstRow.click();
    await page.getByTestId('enterprise-panel').waitFor();
    expect(page.url()).toContain(`sel=enterprise:${rowId}`);
    await expect(page.locator('.panel-title').innerText()).resolves.toBe(
      list.items.find((e: any) => e.id === rowId).name,
    );
    await expect(firstRow.getAttribute('aria-selected')).resolves.toBe('true');

    // Map → table: selecting elsewhere (search) highlights and scrolls to the row.
    const last = [...list.items].sort((a: any, b: any) => a.score - b.score)[0]; // bottom of the table
    const search = page.getByRole('combobox', { name: /搜索/ });
    await search.fill(last.uscc);
    await page.getByRole('option').first().waitFor();
    await search.press('Enter');
    const selectedRow = page.locator('tr.ent-row[aria-selected=true]');
    await expect.poll(async () => Number(await selectedRow.getAttribute('data-id'))).toBe(last.id);
    await expect(selectedRow.isVisible()).resolves.toBe(true);
    // …and it is inside the scroller's visible area, not under an edge.
    const inView = async () => {
      const [row, box] = await Promise.all([selectedRow.boundingBox(), page.locator('.table-scroll').boundingBox()]);
      return !!row && !!box && row.y >= box.y && row.y + row.height <= box.y + box.height + 1;
    };
    await expect.poll(inView).toBe(true);
    await page.waitForTimeout(2000); // the fly-to
    await shot(page, '1-table');
    await expectNoSeriousA11y(page);

    // CSV export of the current filter: UTF-8 BOM, Chinese headers, one row per enterprise.
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(csvDownload.suggestedFilename()).toMatch(/^企业名录-[\d-]+\.csv$/);
    const csv = await downloaded(csvDownload);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = Papa.parse<string[]>(csv.subarray(3).toString('utf8'), { skipEmptyLines: true });
    expect(parsed.data[0].slice(0, 3)).toEqual(['统一社会信用代码', '企业名称', '地址']);
    expect(parsed.data.length - 1).toBe(list.total);
    expect(
      parsed.data
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual(list.items.map((e: any) => e.uscc).sort());

    // XLSX of the same filter has the same rows.
    const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(await downloaded(xlsxDownload)).buffer);
    expect(wb.worksheets[0].rowCount - 1).toBe(list.total);

    expect(problems).toEqual([]);
  });

  it('a section panel draws a chart per indicator over the class bands, the 24-month strip and its agreements', async () => {
    const compensation = await api('/api/compensation');
    const agreement = compensation.agreements[0];
    const { page, problems } = await open(`/?sel=section:${agreement.sectionId}`);
    const panel = page.getByTestId('section-panel');
    await panel.waitFor();
    await expect(page.locator('.panel-title').innerText()).resolves.toBe(agreement.sectionName);
    await page.locator('[data-testid=chart-codmn] canvas').waitFor();
    await page.waitForTimeout(800); // the series animation
    for (const indicator of ['do', 'codmn', 'nh3n', 'tp']) {
      expect(await canvasVariety(page, `[data-testid=chart-${indicator}] canvas`), indicator).toBeGreaterThan(8);
    }
    await expect(page.getByTestId('class-strip').locator('li').count()).resolves.toBe(24);
    const cards = page.getByTestId('section-agreements').locator('.agreement-card');
    const settled = compensation.agreements.filter((a: any) => a.sectionId === agreement.sectionId);
    await expect(cards.count()).resolves.toBe(settled.length);
    await expect(cards.first().getByTestId('agreement-p').innerText()).resolves.toContain(agreement.P.toFixed(3));
    await page.locator('.side-panel').evaluate((el) => el.scrollTo(0, 0));
    await shot(page, '2-section');

    // Daily means on the same bands.
    await page.getByTestId('interval-day').click();
    await expect(page.getByTestId('interval-day').getAttribute('aria-pressed')).resolves.toBe('true');
    await page.waitForTimeout(1200);
    expect(await canvasVariety(page, '[data-testid=chart-tp] canvas')).toBeGreaterThan(8);
    await expectNoSeriousA11y(page);
    expect(problems).toEqual([]);
  });

  it('the basin panel shows the chain; a what-if change flips the payer; bad input is explained', async () => {
    const compensation = await api('/api/compensation');
    const { page, problems } = await open('/');
    await page.getByRole('button', { name: '流域补偿' }).click();
    await page.getByTestId('basin-panel').waitFor();
    expect(page.url()).toContain('sel=basin');
    const chain = page.getByTestId('basin-chain').locator('.agreement-card');
    await expect(chain.count()).resolves.toBe(compensation.agreements.length);
    // Projected years say so, and their nets are drawn apart from the settled ones (of which there are none yet).
    const projectedYear = compensation.agreements.some((a: any) => a.status === 'projected');
    const bars = projectedYear ? 'settlement-bars-projected' : 'settlement-bars';
    await expect(page.getByTestId(bars).locator('li[aria-label]').count()).resolves.toBe(
      compensation.settlements.length,
    );
    if (projectedYear) {
      await expect(page.getByTestId('basin-chain').innerText()).resolves.toContain('预估');
      await expect(page.getByTestId('settled-none').isVisible()).resolves.toBe(true);
      await expect(page.getByTestId('settlement-bars').count()).resolves.toBe(0);
    }
    // The flow condition of 开化→常山 is shown with its figures.
    await expect(page.getByTestId('agreement-conditions').first().innerText()).resolves.toContain('m³/s');

    // What-if on an agreement where the downstream county pays: worse water upstream flips it.
    const a = compensation.agreements.find((x: any) => x.direction === 'downstream_pays');
    await page.getByTestId(`agreement-${a.id}`).click();
    await expect(page.getByTestId('what-if-agreement').inputValue()).resolves.toBe(String(a.id));
    const before = `${a.downstream.name} 支付 ${a.upstream.name}`;
    await expect.poll(() => page.getByTestId('what-if-payer').innerText()).toBe(before);
    const key = a.indicators[0];
    await page.getByTestId(`mean-${key}`).fill(String(Number((a.baseline[key] * 5).toFixed(3))));
    await page.getByTestId('what-if-flipped').waitFor();
    await expect(page.getByTestId('what-if-payer').innerText()).resolves.toBe(
      `${a.upstream.name} 支付 ${a.downstream.name}`,
    );
    expect(Number((await page.getByTestId('what-if-p').innerText()).replace(/[^\d.]/g, ''))).toBeGreaterThan(1);
    await page.getByTestId('basin-what-if').scrollIntoViewIfNeeded();
    await shot(page, '3-basin-what-if');

    // A negative mean: the API's validation error, in plain words.
    await page.getByTestId(`mean-${key}`).fill('-1');
    const errors = page.getByTestId('what-if-errors');
    await errors.waitFor();
    await expect(errors.innerText()).resolves.toMatch(/年均值 不能小于 0/);
    await page.getByTestId(`mean-${key}`).fill('');
    await expect(errors.innerText()).resolves.toContain('请输入数字');
    await page.getByRole('button', { name: '恢复实际值' }).click();
    await expect.poll(() => page.getByTestId('what-if-payer').innerText()).toBe(before);
    await expectNoSeriousA11y(page);
    expect(except(problems, 400)).toEqual([]); // the negative mean was answered 400 on purpose
  });

  it('a park panel profiles the park and "只看本园区" filters the map', async () => {
    const parks = await api('/api/parks');
    const park = parks.features.sort((x: any, y: any) => y.properties.byColour.red - x.properties.byColour.red)[0]
      .properties;
    const stats = await api(`/api/parks/${park.id}/stats`);
    const { page, problems } = await open(`/?sel=park:${park.id}`);
    await page.getByTestId('park-panel').waitFor();
    await expect(page.locator('.panel-title').innerText()).resolves.toBe(stats.name);
    for (const c of ['red', 'yellow', 'green'])
      await expect(page.getByTestId(`park-${c}`).innerText()).resolves.toBe(stats.byColour[c].toLocaleString('zh-CN'));
    await page.locator('[data-testid=park-cases-chart] canvas').waitFor();
    await page.waitForTimeout(800);
    expect(await canvasVariety(page, '[data-testid=park-cases-chart] canvas')).toBeGreaterThan(8);
    await page.getByTestId('only-this-park').click();
    await expect.poll(() => shown(page)).toBe(stats.enterpriseCount);
    expect(page.url()).toContain(`park=${park.id}`);
    await page.waitForTimeout(2500); // the fly-to
    await shot(page, '4-park');
    await expectNoSeriousA11y(page);
    expect(problems).toEqual([]);
  });

  it('exports the map as a PNG with title and legend', async () => {
    const { page, problems } = await open('/?colour=red,yellow');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
    expect(download.suggestedFilename()).toMatch(/^生态治理一张图-衢州市-[\d-]+\.png$/);
    const png = await downloaded(download);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    expect(width).toBe(1920);
    expect(height).toBeGreaterThan(1080 - 60); // the map plus the title band and footer
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${screenshotDir}analyst-5-map-export.png`, png);
    // The picture is not blank: sample its pixels in the page.
    const variety = await page.evaluate(async (b64) => {
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
    }, png.toString('base64'));
    expect(variety).toBeGreaterThan(50);
    expect(problems).toEqual([]);
  });

  it('logs in, draws the double-random list twice with one seed (same list), exports it, logs out', async () => {
    const { page, problems } = await open('/');
    await page.getByTestId('login').click();
    const dialog = page.getByTestId('login-dialog');
    await dialog.waitFor();
    await dialog.getByLabel('用户名').fill('admin');
    await dialog.getByLabel('密码').fill('wrong-password-123');
    await dialog.getByTestId('login-submit').click();
    await expect(dialog.getByRole('alert').innerText()).resolves.toContain('用户名或密码错误');
    await dialog.getByLabel('密码').fill(ADMIN_PASSWORD);
    await dialog.getByTestId('login-submit').click();
    await page.getByTestId('auth-user').waitFor();
    await expect(page.getByTestId('auth-user').innerText()).resolves.toContain('管理员');

    await page.getByTestId('open-plan').click();
    const plan = page.getByTestId('plan-dialog');
    await plan.getByTestId('plan-seed').fill('12345');
    await plan.getByTestId('plan-rate').fill('20');
    const draw = async () => {
      const response = page.waitForResponse((r) => r.url().endsWith('/api/inspections/plan'));
      await plan.getByTestId('plan-generate').click();
      const body = await (await response).json();
      await expect.poll(() => plan.getByTestId('plan-seed-shown').getAttribute('data-seed')).toBe('12345');
      await plan.getByTestId('plan-red').locator('li').first().waitFor();
      await expect.poll(() => plan.getByTestId('plan-red').locator('li').count()).toBe(body.red.length);
      const names = async (id: string) => plan.getByTestId(id).locator('.plan-name').allInnerTexts();
      return { body, red: await names('plan-red'), yellow: await names('plan-yellow') };
    };
    const first = await draw();
    await expect(plan.getByTestId('plan-seed-shown').innerText()).resolves.toBe('随机种子 12345，可复现');
    const overview = await api('/api/stats/overview');
    expect(first.body.red).toHaveLength(overview.enterprises.red);
    expect(first.body.sampledYellow).toHaveLength(Math.ceil(overview.enterprises.yellow * 0.2 - 1e-9));
    expect(first.red).toHaveLength(first.body.red.length); // every id has its name
    expect(first.yellow).toHaveLength(first.body.sampledYellow.length);
    await shot(page, '6-plan');
    await expectNoSeriousA11y(page);
    const second = await draw();
    expect(second.body.planId).not.toBe(first.body.planId);
    expect(second.body.red).toEqual(first.body.red);
    expect(second.body.sampledYellow).toEqual(first.body.sampledYellow);
    expect(second.yellow).toEqual(first.yellow);

    const [download] = await Promise.all([page.waitForEvent('download'), plan.getByTestId('plan-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^双随机抽查名单-\d{4}Q[1-4]-种子12345\.csv$/);
    const csv = await downloaded(download);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = Papa.parse<string[]>(csv.subarray(3).toString('utf8'), { skipEmptyLines: true }).data;
    expect(rows.length - 1).toBe(first.body.red.length + first.body.sampledYellow.length);

    await plan.getByRole('button', { name: '关闭' }).click();
    await page.getByTestId('logout').click();
    await page.getByTestId('login').waitFor();
    expect(except(problems, 401)).toEqual([]); // the wrong password was answered 401 on purpose
  });

  it('the panels read in English too', async () => {
    const { page, problems } = await open('/?lang=en&sel=basin');
    await page.getByTestId('basin-panel').waitFor();
    await expect(page.locator('.panel-title').innerText()).resolves.toMatch(/^Basin compensation \d{4}$/);
    await expect(page.getByTestId('basin-chain').innerText()).resolves.toMatch(/pays/);
    await page.getByTestId('toggle-table').click();
    await page.locator('tr.ent-row').first().waitFor();
    await expect(page.getByTestId('table-count').innerText()).resolves.toMatch(/in total/);
    await shot(page, '7-english');
    expect(problems).toEqual([]);
  });

  it('fits a 1280×720 laptop: tools reachable, table and panel usable', async () => {
    const { page, problems } = await open('/?sel=section:13', { width: 1280, height: 720 });
    await page.getByTestId('section-panel').waitFor();
    await page.getByTestId('toggle-table').click();
    await page.locator('tr.ent-row').first().waitFor();
    for (const id of ['open-basin', 'toggle-table', 'export-png', 'open-plan', 'login'])
      await expect(page.getByTestId(id).isVisible(), id).resolves.toBe(true);
    await page.waitForTimeout(1000);
    await shot(page, '8-laptop');
    expect(problems).toEqual([]);
  });
});
