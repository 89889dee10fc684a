import { readFileSync, rmSync } from 'node:fs';
import gcoord from 'gcoord';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mulberry32 } from '../../server/domain/random';
import { makeUscc } from '../../server/domain/uscc';
import { dbCopyWithAdmin } from '../support/admin-copy';
import { axeViolations, guardedPage, launchBrowser, screenshotDir } from '../support/browser';
import { encodeGbk, KECHENG, kechengPoints } from '../support/import-fixtures';
import { type RunningServer, startServer } from '../support/server';

/**
 * Issue 6's "done when", as a user: a new admin imports a GBK CSV of enterprises with Amap
 * (GCJ-02) coordinates, sees the row-level error with nothing written, fixes the file, imports
 * again and finds the enterprises at the right WGS84 place, county and colour; an analyst
 * cannot import; the public sees no private field. Runs on its own copy of the e2e database.
 */
const ADMIN_PASSWORD = 'e2e-Import-boss-2018';
const ANALYST_PASSWORD = 'e2e-Analyst-pass-2018';
const HEADER = '统一社会信用代码,企业名称,地址,经度,纬度,行业代码,重点排污单位,经营状态,联系人,联系电话';
const CONTACT = { name: '王测试', phone: '0570-7654321' };
/** The only console error we expect: the browser logging the strict import's 422. */
const EXPECTED_422 = /^console error: Failed to load resource: the server responded with a status of 422\b/;

type Ent = { uscc: string; name: string; lon: number; lat: number };

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
const toGcj = (lon: number, lat: number) => gcoord.transform([lon, lat], gcoord.WGS84, gcoord.GCJ02) as number[];
const badCheck = (u: string) => u.slice(0, 17) + (u[17] === '0' ? '1' : '0');

/** The CSV an Amap user exports from Excel: GBK, CRLF, GCJ-02 coordinates. */
function gbkCsv(list: Ent[]): Uint8Array {
  const lines = list.map((e) => {
    const [lon, lat] = toGcj(e.lon, e.lat);
    return [
      e.uscc,
      e.name,
      `柯城区测试路${e.name.length}号`,
      round6(lon),
      round6(lat),
      'C33',
      '否',
      '在产',
      CONTACT.name,
      CONTACT.phone,
    ].join(',');
  });
  return encodeGbk(`${HEADER}\r\n${lines.join('\r\n')}\r\n`);
}

describe('admin data page: import (web)', () => {
  let server: RunningServer;
  let browser: Browser;
  let tmp: string;
  const tag = Date.now().toString(36).slice(-5).toUpperCase();
  const rng = mulberry32(Date.now() % 2 ** 31);
  const points = kechengPoints(3);
  const good: Ent[] = points.map(([lon, lat], i) => ({
    uscc: makeUscc(rng, KECHENG),
    name: `衢州测试${tag}${['甲', '乙', '丙'][i]}新材料有限公司`,
    lon,
    lat,
  }));
  // The second data row (spreadsheet row 3) has a wrong USCC check character.
  const withBadRow = good.map((e, i) => (i === 1 ? { ...e, uscc: badCheck(e.uscc) } : e));

  const api = async <T = any>(path: string, init?: RequestInit) => {
    const res = await fetch(`${server.url}${path}`, init);
    return { status: res.status, body: (await res.json()) as T, res };
  };
  /** Signs in over the API and returns the headers a state-changing request needs. */
  async function apiLogin(username: string, password: string) {
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    expect(res.status).toBe(200);
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    return { cookie, 'x-csrf-token': csrfToken };
  }
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: `${screenshotDir}admin-${name}.png`, fullPage: true });
  const total = async (name: string) => (await api(`/api/enterprises?q=${encodeURIComponent(name)}`)).body.total;

  beforeAll(async () => {
    const copy = dbCopyWithAdmin(inject('e2eDataDir'), ADMIN_PASSWORD, 'eco-admin-e2e-');
    tmp = copy.tmp;
    const dataDir = copy.dataDir;
    server = await startServer({ dataDir, env: { DEMO_AS_OF: '2026-06-30', ADMIN_PASSWORD } });
    browser = await launchBrowser();
    console.log(`admin e2e screenshots → ${screenshotDir}admin-*.png`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('admin imports a GBK CSV with GCJ-02 coordinates: error first, nothing written, then success', async () => {
    for (const e of good) expect(await total(e.name)).toBe(0);
    const { page, problems } = await guardedPage(browser, { viewport: { width: 1600, height: 1000 } });
    await page.goto(`${server.url}/admin`);

    // Not signed in: the login gate.
    const gate = page.getByTestId('admin-login');
    await gate.waitFor();
    await expect(gate.getByRole('heading').innerText()).resolves.toBe('需要管理员登录');
    await shot(page, '1-login');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('tab', { name: '数据导入' }).waitFor();
    await expect(page.getByTestId('admin-user').innerText()).resolves.toContain('管理员');

    // Choose the kind, the CRS, the file; the preview decodes GBK.
    await page.getByLabel('数据类型').selectOption('enterprises');
    await page.getByLabel('GCJ-02（高德、腾讯）').check();
    await expect(page.getByRole('link', { name: /CSV 模板/ }).getAttribute('href')).resolves.toBe(
      '/api/import/templates/enterprises?format=csv',
    );
    const fileInput = page.getByLabel('数据文件', { exact: true });
    await fileInput.setInputFiles({
      name: '企业名录-高德.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(gbkCsv(withBadRow)),
    });
    const preview = page.getByTestId('file-preview');
    await preview.getByRole('table').waitFor();
    await expect(preview.innerText()).resolves.toContain(good[0].name);
    await expect(page.getByTestId('preview-encoding').innerText()).resolves.toContain('GB18030');
    await expect(preview.locator('tbody tr').count()).resolves.toBe(3);
    await shot(page, '2-preview');

    // Validate: the bad row shows, nothing is written (200, a dry run).
    await page.getByRole('button', { name: '校验（不写入）' }).click();
    const result = page.getByTestId('import-result');
    await result.waitFor();
    await expect(page.getByTestId('import-verdict').innerText()).resolves.toContain('校验发现 1 行有错误');
    await expect(page.getByTestId('result-rows').innerText()).resolves.toBe('3');
    // The two good rows pass validation (the strict import below still writes none of them).
    await expect(page.getByTestId('result-accepted').innerText()).resolves.toBe('2');
    await expect(page.getByTestId('result-rejected').innerText()).resolves.toBe('1');
    // The preview marks the bad row.
    await expect(preview.locator('tr.admin-row--error').count()).resolves.toBe(1);
    await expect(preview.locator('tr.admin-row--error td').first().innerText()).resolves.toContain('3');
    await shot(page, '3-validated');

    // Import (strict): 422, the whole file is rejected, the error table names row 3.
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await expect.poll(() => page.getByTestId('import-verdict').innerText()).toContain('1 行有错误，整个文件未导入');
    await expect(result.getAttribute('data-committed')).resolves.toBe('false');
    const errorRows = page.getByTestId('error-table').locator('tbody tr');
    await expect(errorRows.count()).resolves.toBeGreaterThanOrEqual(1);
    const firstError = await errorRows.first().locator('td').allInnerTexts();
    expect(firstError[0]).toBe('3');
    expect(firstError[2]).toBe(withBadRow[1].uscc);
    expect(firstError[3]).toMatch(/校验|check/);
    await page.waitForTimeout(300);
    await shot(page, '4-rejected');
    expect(await axeViolations(page)).toEqual([]);
    for (const e of good) expect(await total(e.name)).toBe(0);

    // The error table exports as CSV (UTF-8 with BOM, Chinese headers).
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-errors').click()]);
    expect(download.suggestedFilename()).toBe('企业名录-高德-errors.csv');
    const csv = readFileSync((await download.path()) as string, 'utf8');
    expect(csv.startsWith('\ufeff行号,列,值,错误说明')).toBe(true);
    expect(csv).toContain(withBadRow[1].uscc);

    // Fix the file and import again.
    await fileInput.setInputFiles({
      name: '企业名录-高德.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(gbkCsv(good)),
    });
    await expect(page.getByTestId('import-result').count()).resolves.toBe(0); // a new file clears the old result
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await expect.poll(() => page.getByTestId('import-verdict').innerText()).toContain('导入成功');
    await expect(page.getByTestId('result-accepted').innerText()).resolves.toBe('3');
    await expect(page.getByTestId('import-result').getAttribute('data-committed')).resolves.toBe('true');
    // The batch list shows the validation, the rejected import and the import.
    await expect.poll(() => page.getByTestId('batch-row').count()).toBeGreaterThanOrEqual(3);
    await expect(page.getByTestId('batch-row').first().innerText()).resolves.toContain('企业名录-高德.csv');
    await page.waitForTimeout(300);
    await shot(page, '5-imported');

    // The enterprises, at the WGS84 originals (not the GCJ-02 file values), in 柯城区, with a colour.
    for (const e of good) {
      const { body } = await api(`/api/enterprises?q=${encodeURIComponent(e.name)}`);
      expect(body.total).toBe(1);
      const item = body.items[0];
      expect(item.uscc).toBe(e.uscc);
      expect(Math.abs(item.lon - e.lon)).toBeLessThan(1e-5);
      expect(Math.abs(item.lat - e.lat)).toBeLessThan(1e-5);
      expect(item.countyCode).toBe(KECHENG);
      expect(['green', 'yellow', 'red']).toContain(item.colour);
      // The public sees no private field.
      const detail = await api(`/api/enterprises/${item.id}`);
      expect(detail.status).toBe(200);
      const text = JSON.stringify(detail.body);
      expect(text).not.toContain(CONTACT.phone);
      expect(text).not.toContain(CONTACT.name);
      expect(detail.body.contact).toBeUndefined();
    }

    // Audit tab, by keyboard: the imports and the login are recorded.
    // The users tab stands between import and audit.
    await page.getByRole('tab', { name: '数据导入' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('tab', { name: '审计日志' }).getAttribute('aria-selected')).resolves.toBe('true');
    const audit = page.getByTestId('audit-log');
    await audit.getByTestId('audit-row').first().waitFor();
    const auditText = await audit.innerText();
    expect(auditText).toContain('import');
    expect(auditText).toContain('auth.login');
    await shot(page, '6-audit');
    expect(await axeViolations(page)).toEqual([]);

    // English works too.
    await page.goto(`${server.url}/admin?lang=en`);
    await page.getByRole('tab', { name: 'Import data' }).waitFor();
    await expect(page.getByRole('button', { name: 'Validate (no write)' }).isDisabled()).resolves.toBe(true);
    await shot(page, '8-english');

    const unexpected = problems.filter((p) => !EXPECTED_422.test(p));
    expect(unexpected).toEqual([]);
    expect(problems.filter((p) => EXPECTED_422.test(p))).toHaveLength(1);
    await page.context().close();
  });

  it('an analyst cannot import: 403 from the API, a clear message on the page', async () => {
    const admin = await apiLogin('admin', ADMIN_PASSWORD);
    const created = await api('/api/users', {
      method: 'POST',
      headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify({
        username: `analyst-${tag}`,
        displayName: '分析员测试',
        role: 'analyst',
        password: ANALYST_PASSWORD,
      }),
    });
    expect(created.status).toBe(201);

    const analyst = await apiLogin(`analyst-${tag}`, ANALYST_PASSWORD);
    const fd = new FormData();
    const other = good.map((e) => ({ ...e, uscc: makeUscc(rng, KECHENG), name: `${e.name}分析员` }));
    fd.set('file', new File([Buffer.from(gbkCsv(other))], 'x.csv'));
    fd.set('crs', 'gcj02');
    const res = await api('/api/import/enterprises', { method: 'POST', headers: analyst, body: fd });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
    expect(await total(other[0].name)).toBe(0);
    // Nor the batches or the audit log.
    expect((await api('/api/import/batches', { headers: analyst })).status).toBe(403);
    expect((await api('/api/audit', { headers: analyst })).status).toBe(403);

    const { page, problems } = await guardedPage(browser, { viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.url}/admin`);
    await page.getByTestId('admin-login').waitFor();
    await page.getByLabel('用户名').fill(`analyst-${tag}`);
    await page.getByLabel('密码').fill(ANALYST_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => page.getByTestId('admin-login').innerText()).toContain('不是管理员');
    await expect(page.getByRole('tab', { name: '数据导入' }).count()).resolves.toBe(0);
    await shot(page, '7-analyst');
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
