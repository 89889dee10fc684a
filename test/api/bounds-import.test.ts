import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../server/db/client';
import { mulberry32 } from '../../server/domain/random';
import { makeUscc } from '../../server/domain/uscc';
import { limits } from '../../server/limits';
import { testApi } from '../support/app';
import { KECHENG, kechengPoints, loadReference, signIn } from '../support/import-fixtures';
import { freshDb } from '../support/test-db';
import { declaredSmallBomb } from '../support/xlsx-bomb';


describe('import bounds (pglite)', () => {
  let h: DbHandle;
  let t: ReturnType<typeof testApi>;
  let admin: Awaited<ReturnType<typeof signIn>>;
  beforeAll(async () => {
    h = await freshDb('pglite');
    t = testApi(h);
    await loadReference(h.db);
    admin = await signIn(h.db, 'admin');
  });
  afterAll(() => h?.close());

  async function upload(bytes: Uint8Array, name: string, dryRun = false) {
    const fd = new FormData();
    fd.set('file', new File([bytes as BlobPart], name));
    if (dryRun) fd.set('dryRun', 'true');
    const res = await t.request('/api/import/enterprises', { method: 'POST', body: fd, headers: admin.headers });
    return { status: res.status, body: (await res.json()) as any };
  }

  it('refuses a declared-small XLSX bomb with 400 before it takes the memory', async () => {
    const inflated = limits.xlsxInflatedBytes * 2;
    const bomb = declaredSmallBomb(inflated);
    expect(bomb.length).toBeLessThan(inflated / 500);
    // Start the parsing thread first: its own start-up is not what this measures.
    expect((await upload(new TextEncoder().encode('a,b\r\n1,2\r\n'), 'warm.csv', true)).status).toBe(400);
    const before = process.memoryUsage().rss;
    const { status, body } = await upload(bomb, 'bomb.xlsx');
    const grown = process.memoryUsage().rss - before;
    expect(status).toBe(400);
    expect(body.error.code).toBe('too_large');
    // Inflating into memory would take all of `inflated`; the count keeps none of it.
    expect(grown).toBeLessThan(limits.xlsxInflatedBytes / 2);
  }, 120_000);

  it('still imports an honest XLSX, read as a stream', async () => {
    const rng = mulberry32(13);
    // Each point several times over: a file of a few MB, every row its own enterprise.
    const points = Array.from({ length: 20 }, () => kechengPoints(1000)).flat();
    const n = points.length;
    expect(n).toBeGreaterThan(4000);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('企业');
    ws.addRow(['统一社会信用代码', '企业名称', '地址', '经度', '纬度', '行业代码', '重点排污单位', '经营状态']);
    for (const [i, [lon, lat]] of points.entries())
      ws.addRow([makeUscc(rng, KECHENG), `示例企业${i}有限公司`, `柯城区示例路${i}号`, lon, lat, 'C33', '否', '在产']);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const dry = await upload(bytes, 'honest.xlsx', true);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ rows: n, accepted: n, rejected: 0, committed: false });
    const real = await upload(bytes, 'honest.xlsx');
    expect(real.status).toBe(200);
    expect(real.body).toMatchObject({ rows: n, accepted: n, inserted: n, committed: true });
  }, 180_000);
});
