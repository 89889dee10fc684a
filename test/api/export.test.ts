import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../server/db/client';
import { EXPORT_COLUMNS, exportRows } from '../../server/services/enterprise-export';
import { testApi } from '../support/app';
import { seededDb } from '../support/seeded';
import { engines } from '../support/test-db';

const HEADERS = [
  '统一社会信用代码',
  '企业名称',
  '地址',
  '区县',
  '乡镇街道',
  '园区',
  '行业代码',
  '行业',
  '三色码',
  '得分',
  '重点排污单位',
  '环责险',
  '经度',
  '纬度',
];

// GET /api/enterprises/export: the analysts' download of the current filter.
describe.each(engines)('enterprise export on %s', (engine) => {
  let h: DbHandle;
  let t: ReturnType<typeof testApi>;
  let filter: string;
  let expected: number;

  beforeAll(async () => {
    h = await seededDb(engine);
    t = testApi(h);
    // A park and one of its industries: the analyst's filter from the issue.
    const parks = await t.json('/api/parks');
    const park = parks.body.features
      .map((f: any) => f.properties)
      .sort((a: any, b: any) => b.enterpriseCount - a.enterpriseCount)[0];
    filter = `park=${park.id}&industry=${park.industryCodes[0]}`;
    expected = (await t.json(`/api/enterprises?${filter}&limit=1`)).body.total;
  });
  afterAll(() => h?.close());

  const total = async (query: string) => (await t.json(`/api/enterprises?${query}&limit=1`)).body.total as number;

  it('CSV: UTF-8 BOM, Chinese headers, one data row per enterprise of the filter', async () => {
    expect(expected).toBeGreaterThan(0);
    const res = await t.request(`/api/enterprises/export?format=csv&${filter}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const disposition = res.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment; filename="enterprises-[\d-]+\.csv"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toMatch(/^企业名录-[\d-]+\.csv$/);

    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const [header, ...rows] = parsed.data;
    expect(header).toEqual(HEADERS);
    expect(EXPORT_COLUMNS.map((c) => c.header)).toEqual(HEADERS);
    expect(rows).toHaveLength(expected);

    // The rows are the list's rows: same USCCs, public fields only, values in words.
    const list = (await t.json(`/api/enterprises?${filter}&limit=5000`)).body.items;
    expect(rows.map((r) => r[0]).sort()).toEqual(list.map((e: any) => e.uscc).sort());
    for (const r of rows) {
      expect(['红码', '黄码', '绿码']).toContain(r[8]);
      expect(['是', '否']).toContain(r[10]);
      expect(['是', '否']).toContain(r[11]);
      expect(Number(r[12])).toBeGreaterThan(118);
      expect(Number(r[13])).toBeGreaterThan(28);
    }
    expect(text).not.toMatch(/1[3-9]\d{9}/); // no phone numbers
  });

  it('the whole city exports in full (more rows than one page of the list)', async () => {
    const all = await total('');
    const res = await t.request('/api/enterprises/export?format=csv');
    const parsed = Papa.parse<string[]>((await res.text()).replace(/^\uFEFF/, ''), { skipEmptyLines: true });
    expect(parsed.data.length - 1).toBe(all);
  });

  it('rows are read in batches without gaps or repeats', async () => {
    const ids: number[] = [];
    let batches = 0;
    for await (const batch of exportRows(h.db, undefined, 37)) {
      batches++;
      ids.push(...batch.map((r) => r.id));
    }
    expect(ids).toHaveLength(await total(''));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(batches).toBe(Math.ceil(ids.length / 37));
  });

  it('several colours at once, and the other list filters, match the list totals', async () => {
    const red = await total('colour=red');
    const yellow = await total('colour=yellow');
    const res = await t.request('/api/enterprises/export?format=csv&colour=red,yellow');
    const parsed = Papa.parse<string[]>((await res.text()).replace(/^\uFEFF/, ''), { skipEmptyLines: true });
    expect(parsed.data.length - 1).toBe(red + yellow);
    for (const q of ['keyPollutant=true', 'insured=false&colour=green']) {
      const r = await t.request(`/api/enterprises/export?format=csv&${q}`);
      const p = Papa.parse<string[]>((await r.text()).replace(/^\uFEFF/, ''), { skipEmptyLines: true });
      expect(p.data.length - 1, q).toBe(await total(q));
    }
  });

  it('XLSX parses with exceljs: same columns and rows, bold frozen header', async () => {
    const res = await t.request(`/api/enterprises/export?format=xlsx&${filter}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toMatch(/filename="enterprises-[\d-]+\.xlsx"/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const sheet = wb.worksheets[0];
    expect(sheet.rowCount - 1).toBe(expected);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(HEADERS);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const first = sheet.getRow(2);
    expect(typeof first.getCell(10).value).toBe('number'); // 得分 stays a number
    expect(['红码', '黄码', '绿码']).toContain(first.getCell(9).value);
  });

  it('GeoJSON is a FeatureCollection of points with public properties', async () => {
    const res = await t.request(`/api/enterprises/export?format=geojson&${filter}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/geo\+json/);
    const fc = await res.json();
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(expected);
    const f = fc.features[0];
    expect(f.geometry.type).toBe('Point');
    expect(f.geometry.coordinates).toHaveLength(2);
    expect(Object.keys(f.properties).sort()).toEqual(
      [
        'address',
        'colour',
        'county',
        'id',
        'industry',
        'industryCode',
        'insured',
        'keyPollutant',
        'name',
        'park',
        'score',
        'town',
        'uscc',
      ].sort(),
    );
  });

  it('an empty result is a header-only CSV and an empty FeatureCollection', async () => {
    const csv = await t.request('/api/enterprises/export?format=csv&q=不存在的企业名称xyz');
    expect(csv.status).toBe(200);
    const lines = (await csv.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(1);
    const geo = await t.json('/api/enterprises/export?format=geojson&q=不存在的企业名称xyz');
    expect(geo.body.features).toEqual([]);
  });

  it('bad input is a 400 with a clear message, and the server stays healthy', async () => {
    for (const q of [
      'format=pdf',
      '',
      'format=CSV',
      'format=csv&colour=blue',
      'format=csv&colour=red,,green',
      "format=csv&county=1' or 1=1--",
      'format=csv&park=-1',
      'format=csv&park=NaN',
      'format=csv&industry=DROP TABLE',
      'format=csv&bbox=1,2,3',
      'format=csv&keyPollutant=maybe',
      `format=csv&q=${'x'.repeat(500)}`,
    ]) {
      const { status, body } = await t.json(`/api/enterprises/export?${q.replace(/ /g, '%20')}`);
      expect(status, q).toBe(400);
      expect(body.error.message, q).toBeTruthy();
    }
    // "export" is not read as an enterprise id.
    expect((await t.request('/api/enterprises/export?format=csv')).status).toBe(200);
    expect((await t.json('/api/health')).status).toBe(200);
  });
});
