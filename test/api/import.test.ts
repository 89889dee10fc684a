import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import gcoord from 'gcoord';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main as cliMain } from '../../server/cli/import';
import { type DbHandle, openDb, rowsOf } from '../../server/db/client';
import { getDataVersion } from '../../server/db/meta';
import { mulberry32 } from '../../server/domain/random';
import { makeUscc } from '../../server/domain/uscc';
import { runImport } from '../../server/services/import';
import { testApi } from '../support/app';
import { AS_OF, encodeGbk, KECHENG, kechengPoints, loadReference, signIn, TOWN } from '../support/import-fixtures';
import { engines, freshDb } from '../support/test-db';

const rng = mulberry32(2018);
const newUscc = () => makeUscc(rng, KECHENG);
/** Same structure, wrong check character. */
const badCheck = (u: string) => u.slice(0, 17) + (u[17] === '0' ? '1' : '0');

const ENT_HEADER = '统一社会信用代码,企业名称,地址,经度,纬度,行业代码,重点排污单位,经营状态,联系人,联系电话';
type Ent = { uscc: string; name: string; lon: number; lat: number; industry?: string };
const entLine = (e: Ent) =>
  [
    e.uscc,
    e.name,
    `柯城区示例路${e.name.length}号`,
    e.lon,
    e.lat,
    e.industry ?? 'C33',
    '否',
    '在产',
    '王五',
    '0570-1234567',
  ].join(',');
const entCsv = (list: Ent[], header = ENT_HEADER) => `${header}\r\n${list.map(entLine).join('\r\n')}\r\n`;

const toGcj = ([lon, lat]: [number, number]) =>
  gcoord.transform([lon, lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];

describe.each(engines)('imports on %s', (engine) => {
  let h: DbHandle;
  let t: ReturnType<typeof testApi>;
  let admin: Awaited<ReturnType<typeof signIn>>;
  let ref: Awaited<ReturnType<typeof loadReference>>;
  const points = kechengPoints(40);
  let nextPoint = 0;
  const point = () => points[nextPoint++ % points.length];

  const count = async (table: string) =>
    Number(rowsOf<{ n: number }>(await h.db.execute(sql.raw(`select count(*)::int as n from ${table}`)))[0].n);

  async function upload(
    kind: string,
    body: Uint8Array | string,
    opts: { name?: string; crs?: string; dryRun?: boolean; partial?: boolean; headers?: Record<string, string> } = {},
  ) {
    const fd = new FormData();
    fd.set('file', new File([body as BlobPart], opts.name ?? 'data.csv'));
    if (opts.crs) fd.set('crs', opts.crs);
    if (opts.dryRun) fd.set('dryRun', 'true');
    if (opts.partial) fd.set('partial', 'true');
    const res = await t.request(`/api/import/${kind}`, {
      method: 'POST',
      body: fd,
      headers: opts.headers ?? admin.headers,
    });
    return { status: res.status, body: (await res.json()) as any };
  }

  beforeAll(async () => {
    h = await freshDb(engine);
    t = testApi(h);
    ref = await loadReference(h.db);
    admin = await signIn(h.db, 'admin');
  });
  afterAll(() => h?.close());

  it('imports a GBK CSV with GCJ-02 coordinates, stores WGS84 and places each enterprise', async () => {
    const list: Ent[] = Array.from({ length: 5 }, (_, i) => ({
      uscc: newUscc(),
      name: `衢州市甲乙${i}化工有限公司`,
      ...lonLat(point()),
    }));
    const gcj = list.map((e) => ({ ...e, ...lonLat(toGcj([e.lon, e.lat])) }));
    const bytes = encodeGbk(entCsv(gcj));
    // Really GBK: not valid UTF-8.
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const before = await getDataVersion(h.db);
    const { status, body } = await upload('enterprises', bytes, { crs: 'gcj02', name: '企业名录.csv' });
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({
      kind: 'enterprises',
      rows: 5,
      accepted: 5,
      rejected: 0,
      inserted: 5,
      committed: true,
      dryRun: false,
    });
    expect(body.errors).toEqual([]);
    expect(body.dataVersion).toBe(before + 1);
    for (const e of list) {
      const [row] = rowsOf<any>(
        await h.db.execute(
          sql`select lon, lat, county_code, town_code, grid_id, source_crs, colour, h3, name from enterprises where uscc = ${e.uscc}`,
        ),
      );
      expect(Math.abs(row.lon - e.lon)).toBeLessThan(1e-5);
      expect(Math.abs(row.lat - e.lat)).toBeLessThan(1e-5);
      expect(row).toMatchObject({
        county_code: KECHENG,
        town_code: TOWN,
        source_crs: 'gcj02',
        colour: 'green',
        name: e.name,
      });
      expect([ref.villageGridId, ref.townGridId]).toContain(row.grid_id);
      expect(row.h3).toMatch(/^89/);
    }
    // Codes were computed for the new enterprises.
    expect(await count('code_assessments')).toBeGreaterThanOrEqual(5);
    const [batch] = rowsOf<any>(await h.db.execute(sql`select * from import_batches where id = ${body.batchId}`));
    expect(batch).toMatchObject({
      kind: 'enterprises',
      file_name: '企业名录.csv',
      crs: 'gcj02',
      rows: 5,
      accepted: 5,
      rejected: 0,
      user_id: admin.userId,
    });
  });

  it('places an enterprise in the park that contains it', async () => {
    const [lon, lat] = [118.87152 + 0.004, 28.96862 + 0.004];
    const uscc = newUscc();
    const { status } = await upload('enterprises', entCsv([{ uscc, name: '园区内企业', lon, lat }]));
    expect(status).toBe(200);
    const [row] = rowsOf<any>(await h.db.execute(sql`select park_id, grid_id from enterprises where uscc = ${uscc}`));
    expect(row.park_id).toBe(ref.parkId);
    expect(row.grid_id).toBe(ref.villageGridId);
  });

  const badFile = () => {
    const dup = newUscc();
    const good1 = { uscc: newUscc(), name: '好企业一', ...lonLat(point()) };
    const good2 = { uscc: newUscc(), name: '好企业二', ...lonLat(point()) };
    const rows: Ent[] = [
      good1,
      { uscc: badCheck(newUscc()), name: '校验位错误', ...lonLat(point()) },
      { uscc: newUscc(), name: '境外坐标', lon: 2.35, lat: 48.85 },
      { uscc: newUscc(), name: '未知行业', ...lonLat(point()), industry: 'C9999' },
      { uscc: dup, name: '重复一', ...lonLat(point()) },
      { uscc: dup, name: '重复二', ...lonLat(point()) },
      good2,
    ];
    return { csv: entCsv(rows), good: [good1.uscc, good2.uscc, dup] };
  };

  it('rejects a file with bad rows as a whole, with row-level errors, writing nothing', async () => {
    const { csv } = badFile();
    const before = {
      enterprises: await count('enterprises'),
      version: await getDataVersion(h.db),
      assessments: await count('code_assessments'),
    };
    const { status, body } = await upload('enterprises', csv);
    expect(status).toBe(422);
    expect(body.error.code).toBe('rows_rejected');
    expect(body).toMatchObject({ rows: 7, accepted: 0, rejected: 4, committed: false });
    const byRow = (row: number) => body.errors.filter((e: any) => e.row === row);
    // Header is row 1: data rows are 2…8.
    expect(byRow(3)[0]).toMatchObject({ column: '统一社会信用代码', message: expect.stringMatching(/校验位.*check/) });
    expect(byRow(4)[0]).toMatchObject({
      column: '经度',
      value: '2.35, 48.85',
      message: expect.stringMatching(/中国境内.*outside China/),
    });
    expect(byRow(5)[0]).toMatchObject({
      column: '行业代码',
      value: 'C9999',
      message: expect.stringMatching(/未知的行业代码/),
    });
    expect(byRow(7)[0]).toMatchObject({
      column: '统一社会信用代码',
      message: expect.stringMatching(/第 6 行重复.*duplicate of row 6/),
    });
    expect(byRow(2)).toEqual([]);
    expect(await count('enterprises')).toBe(before.enterprises);
    expect(await count('code_assessments')).toBe(before.assessments);
    expect(await getDataVersion(h.db)).toBe(before.version);
    const [batch] = rowsOf<any>(
      await h.db.execute(sql`select accepted, rejected, errors from import_batches where id = ${body.batchId}`),
    );
    expect(batch.accepted).toBe(0);
    expect(batch.rejected).toBe(4);
    expect(batch.errors.length).toBe(body.errors.length);
  });

  it('partial=true writes only the valid rows and reports the rest', async () => {
    const { csv, good } = badFile();
    const before = await count('enterprises');
    const { status, body } = await upload('enterprises', csv, { partial: true });
    expect(status).toBe(200);
    expect(body).toMatchObject({ rows: 7, accepted: 3, rejected: 4, inserted: 3, committed: true, partial: true });
    expect(await count('enterprises')).toBe(before + 3);
    const stored = rowsOf<{ uscc: string; name: string }>(
      await h.db.execute(
        sql`select uscc, name from enterprises where uscc in (${sql.join(
          good.map((g) => sql`${g}`),
          sql`, `,
        )})`,
      ),
    );
    expect(stored.map((s) => s.uscc).sort()).toEqual([...good].sort());
    // Of two rows with one USCC the first wins.
    expect(stored.find((s) => s.uscc === good[2])?.name).toBe('重复一');
  });

  it('a validation of a file with bad rows counts the rows that pass, and writes nothing', async () => {
    const before = await count('enterprises');
    const { status, body } = await upload('enterprises', badFile().csv, { dryRun: true });
    expect(status).toBe(200);
    expect(body).toMatchObject({ rows: 7, accepted: 3, rejected: 4, committed: false, dryRun: true });
    expect(await count('enterprises')).toBe(before);
  });

  it('dryRun validates and writes nothing but records the batch', async () => {
    const csv = entCsv([{ uscc: newUscc(), name: '试运行企业', ...lonLat(point()) }]);
    const before = {
      enterprises: await count('enterprises'),
      batches: await count('import_batches'),
      version: await getDataVersion(h.db),
    };
    const { status, body } = await upload('enterprises', csv, { dryRun: true });
    expect(status).toBe(200);
    expect(body).toMatchObject({ dryRun: true, accepted: 1, inserted: 1, committed: false });
    expect(await count('enterprises')).toBe(before.enterprises);
    expect(await getDataVersion(h.db)).toBe(before.version);
    expect(await count('import_batches')).toBe(before.batches + 1);
    const [batch] = rowsOf<any>(await h.db.execute(sql`select dry_run from import_batches where id = ${body.batchId}`));
    expect(batch.dry_run).toBe(true);
  });

  it('re-importing the same file changes nothing and keeps the data version', async () => {
    const csv = entCsv(
      Array.from({ length: 4 }, (_, i) => ({ uscc: newUscc(), name: `重导入企业${i}`, ...lonLat(toGcj(point())) })),
    );
    const first = await upload('enterprises', csv, { crs: 'gcj02' });
    expect(first.body.inserted).toBe(4);
    const before = {
      enterprises: await count('enterprises'),
      assessments: await count('code_assessments'),
      version: await getDataVersion(h.db),
    };
    const again = await upload('enterprises', csv, { crs: 'gcj02' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      accepted: 4,
      inserted: 0,
      updated: 0,
      unchanged: 4,
      dataVersion: before.version,
    });
    expect(await count('enterprises')).toBe(before.enterprises);
    expect(await count('code_assessments')).toBe(before.assessments);
    expect(await getDataVersion(h.db)).toBe(before.version);
    // A changed name is an update of the same row, not a new one.
    const edited = await upload('enterprises', csv.replace('重导入企业0', '重导入企业零'), { crs: 'gcj02' });
    expect(edited.body).toMatchObject({ inserted: 0, updated: 1, unchanged: 3, dataVersion: before.version + 1 });
    expect(await count('enterprises')).toBe(before.enterprises);
  });

  it('answers 400 for wrong headers, listing missing and unknown columns, and records the batch', async () => {
    const before = { enterprises: await count('enterprises'), batches: await count('import_batches') };
    const { status, body } = await upload('enterprises', '统一社会信用代码,公司名,经度,纬度,行业代码\r\n1,2,3,4,5\r\n');
    expect(status).toBe(400);
    expect(body.error.code).toBe('bad_headers');
    expect(body.error.message).toMatch(/企业名称/);
    expect(body.error.details[0].missing).toEqual(['企业名称', '地址']);
    expect(body.error.details[0].unknown).toEqual(['公司名']);
    expect(await count('enterprises')).toBe(before.enterprises);
    expect(await count('import_batches')).toBe(before.batches + 1);
  });

  it('answers 400 for an empty file, a blank file and a header-only file', async () => {
    for (const [content, code] of [
      ['', 'empty_file'],
      ['\r\n\r\n  \r\n', 'empty_file'],
      [`\uFEFF${ENT_HEADER}\r\n`, 'no_rows'],
    ] as const) {
      const { status, body } = await upload('enterprises', content);
      expect(status, JSON.stringify(content)).toBe(400);
      expect(body.error.code).toBe(code);
    }
  });

  it('accepts a UTF-8 CSV with a BOM and English headers', async () => {
    const e = { uscc: newUscc(), name: 'BOM 企业', ...lonLat(point()) };
    const csv = `\uFEFFuscc,name,address,lon,lat,industryCode,keyPollutant\n${e.uscc},${e.name},地址,${e.lon},${e.lat},c33,yes\n`;
    const { status, body } = await upload('enterprises', csv);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.inserted).toBe(1);
    const [row] = rowsOf<any>(
      await h.db.execute(sql`select name, key_pollutant, industry_code from enterprises where uscc = ${e.uscc}`),
    );
    expect(row).toMatchObject({ name: 'BOM 企业', key_pollutant: true, industry_code: 'C33' });
  });

  it('rejects a line of a million columns with 400, quickly', async () => {
    const line = ','.repeat(1_000_000);
    for (const csv of [`${line}\n`, `${ENT_HEADER}\n${line}\n`]) {
      const started = performance.now();
      const { status, body } = await upload('enterprises', csv);
      expect(status).toBe(400);
      expect(body.error.code).toBe('too_many_columns');
      expect(performance.now() - started).toBeLessThan(2000);
    }
  });

  it('records a path-traversal file name as plain text', async () => {
    const csv = entCsv([{ uscc: newUscc(), name: '路径企业', ...lonLat(point()) }]);
    const { status, body } = await upload('enterprises', csv, { name: '../../etc/passwd\u0000.csv' });
    expect(status).toBe(200);
    const [batch] = rowsOf<any>(
      await h.db.execute(sql`select file_name from import_batches where id = ${body.batchId}`),
    );
    expect(batch.file_name).toBe('passwd.csv');
  });

  it('imports violation cases from XLSX and recomputes the enterprise code', async () => {
    const e = { uscc: newUscc(), name: '案件企业', ...lonLat(point()) };
    expect((await upload('enterprises', entCsv([e]))).status).toBe(200);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('案件');
    ws.addRow([
      '案件编号',
      '统一社会信用代码',
      '立案日期',
      '环境要素',
      '严重程度',
      '罚款金额(元)',
      '办理状态',
      '案情摘要',
    ]);
    ws.addRow([
      '衢环罚〔2026〕901号',
      e.uscc,
      new Date(Date.UTC(2026, 2, 15)),
      '水',
      '重大',
      200000,
      '已结案',
      '偷排废水',
    ]);
    ws.addRow(['衢环罚〔2026〕902号', e.uscc, '2026/4/2', '大气', '一般', '30000', '办理中', '']);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const version = await getDataVersion(h.db);
    const { status, body } = await upload('cases', bytes, { name: 'cases.xlsx' });
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ rows: 2, accepted: 2, inserted: 2, dataVersion: version + 1 });
    const cases = rowsOf<any>(
      await h.db.execute(
        sql`select case_no, filed::text as filed, severity, penalty, status, lon, lat from violation_cases order by case_no`,
      ),
    );
    expect(cases[0]).toMatchObject({
      case_no: '衢环罚〔2026〕901号',
      filed: '2026-03-15',
      severity: 'major',
      penalty: 200000,
      status: 'closed',
    });
    expect(cases[1]).toMatchObject({ filed: '2026-04-02', severity: 'general', status: 'open' });
    // No coordinates given: the case sits at the enterprise.
    expect(Math.abs(cases[0].lon - e.lon)).toBeLessThan(1e-9);
    // A major case within the 12 months before asOf makes the code red (hard rule).
    const [ent] = rowsOf<any>(
      await h.db.execute(
        sql`select colour, score, code_evaluated_at::text as d from enterprises where uscc = ${e.uscc}`,
      ),
    );
    expect(ent).toMatchObject({ colour: 'red', d: AS_OF });
    // Cases for an enterprise that was never imported are row errors.
    const ws2 = new ExcelJS.Workbook();
    ws2.addWorksheet('x').addRow(['案件编号', '统一社会信用代码', '立案日期', '环境要素', '严重程度']);
    ws2.worksheets[0].addRow(['衢环罚〔2026〕903号', newUscc(), '2026-05-01', '水', '一般']);
    const missing = await upload('cases', new Uint8Array(await ws2.xlsx.writeBuffer()), { name: 'c.xlsx' });
    expect(missing.status).toBe(422);
    expect(missing.body.errors[0].message).toMatch(/请先导入企业/);
  });

  it('classifies imported readings at write time, by the section’s water body', async () => {
    const csv = [
      '断面编码,监测时间,pH,溶解氧(mg/L),高锰酸盐指数(mg/L),氨氮(mg/L),总磷(mg/L),总氮(mg/L)',
      'QZ-R01,2026-05-01 08:00,7.4,7.8,2.6,0.32,0.08,1.6',
      'QZ-R01,2026-05-01 12:00,7.2,6.5,8,1.8,0.15,3',
      'QZ-R01,2026-05-01 16:00,9.5,7.8,2.6,0.1,0.02,',
      'QZ-L01,2026-05-01 08:00,7.4,7.8,2,0.1,0.05,0.4',
    ].join('\n');
    const { status, body } = await upload('readings', csv);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ rows: 4, accepted: 4, inserted: 4 });
    const rows = rowsOf<any>(
      await h.db.execute(
        sql`select s.code, r.class, r.time from readings r join sections s on s.id = r.section_id order by s.code, r.time`,
      ),
    );
    // River TP 0.05 is II; the lake's TP column makes it III. pH 9.5 is 劣V. NH3-N 1.8 is V.
    expect(rows.map((r) => `${r.code} ${r.class}`)).toEqual(['QZ-L01 III', 'QZ-R01 II', 'QZ-R01 V', 'QZ-R01 劣V']);
    // Beijing time without a zone: 08:00 +08:00 is 00:00 UTC.
    const [first] = rowsOf<any>(
      await h.db.execute(sql`select (time at time zone 'UTC')::text as t from readings order by time limit 1`),
    );
    expect(first.t).toBe('2026-05-01 00:00:00');
    const again = await upload('readings', csv);
    expect(again.body).toMatchObject({ unchanged: 4, inserted: 0, updated: 0 });
    const bad = await upload('readings', '断面编码,监测时间,pH\nQZ-X99,2026-13-01 08:00,15\n');
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: any) => e.column)).toEqual(['断面编码', '监测时间', 'pH']);
  });

  it('imports county water use, keyed by county and year, with figures checked', async () => {
    const csv = [
      '区县,年度,用水总量(万m³),可比价地区生产总值(万元)',
      '开化县,2024,12000,1500000',
      '330824,2025,12096,1600000',
    ].join('\n');
    const { status, body } = await upload('water-use', csv);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ kind: 'water-use', rows: 2, accepted: 2, inserted: 2, committed: true });
    const rows = rowsOf<any>(
      await h.db.execute(sql`select county_code, year, total_use, gdp from county_water_use order by year`),
    );
    expect(rows.map((r) => [r.county_code, r.year, Number(r.total_use), Number(r.gdp)])).toEqual([
      ['330824', 2024, 12000, 1500000],
      ['330824', 2025, 12096, 1600000],
    ]);
    expect((await upload('water-use', csv)).body).toMatchObject({ unchanged: 2, inserted: 0, updated: 0 });
    const revised = await upload(
      'water-use',
      '区县,年度,用水总量(万m³),地区生产总值(万元)\n开化县,2025,12100,1600000\n',
    );
    expect(revised.body).toMatchObject({ updated: 1, inserted: 0 });
    const bad = await upload(
      'water-use',
      [
        '区县,年度,用水总量(万m³),可比价地区生产总值(万元)',
        '火星县,2025,1,1',
        '开化县,1999,1,1',
        '开化县,2025.5,1,1',
        '开化县,2025,-3,1',
        '开化县,2025,1,0',
        '开化县,2026,1,1',
        '开化县,2026,2,2',
      ].join('\n'),
    );
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: any) => `${e.row} ${e.column}`)).toEqual([
      '2 区县',
      '3 年度',
      '4 年度',
      '5 用水总量(万m³)',
      '6 可比价地区生产总值(万元)',
      '8 年度',
    ]);
    const [{ n }] = rowsOf<any>(await h.db.execute(sql`select count(*)::int as n from county_water_use`));
    expect(Number(n)).toBe(2);
  });

  it('serves templates with Chinese headers, and a template imports as it is', async () => {
    const csvRes = await t.request('/api/import/templates/enterprises?format=csv');
    expect(csvRes.status).toBe(200);
    const bytes = new Uint8Array(await csvRes.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('统一社会信用代码,企业名称,地址,经度,纬度,行业代码');
    const xlsxRes = await t.request('/api/import/templates/enterprises?format=xlsx');
    expect(xlsxRes.headers.get('content-type')).toMatch(/spreadsheetml/);
    const imported = await upload('enterprises', new Uint8Array(await xlsxRes.arrayBuffer()), {
      name: 't.xlsx',
      dryRun: true,
    });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect(imported.body).toMatchObject({ rows: 1, accepted: 1, rejected: 0 });
    // Every template's headers are accepted as they are (rows may still refer to missing data).
    for (const kind of [
      'enterprises',
      'parks',
      'sections',
      'readings',
      'cases',
      'complaints',
      'findings',
      'insurance',
      'water-use',
      'outlets',
      'online',
    ]) {
      for (const format of kind === 'parks' || kind === 'sections' ? ['csv', 'xlsx', 'geojson'] : ['csv', 'xlsx']) {
        const res = await t.request(`/api/import/templates/${kind}?format=${format}`);
        expect(res.status, `${kind} ${format}`).toBe(200);
        const r = await upload(kind, new Uint8Array(await res.arrayBuffer()), { name: `t.${format}`, dryRun: true });
        expect(r.status, `${kind} ${format} ${JSON.stringify(r.body)}`).toBe(200);
        expect(r.body.rows, `${kind} ${format}`).toBe(1);
        expect(
          r.body.errors.every((e: any) => /请先导入|unknown section/.test(e.message)),
          JSON.stringify(r.body.errors),
        ).toBe(true);
      }
    }
    expect((await t.request('/api/import/templates/nonsense')).status).toBe(404);
    expect((await t.request('/api/import/templates/readings?format=geojson')).status).toBe(404);
    expect((await t.request('/api/import/templates/readings?format=pdf')).status).toBe(400);
  });

  it('is admin-only, 404s unknown kinds, and 413s uploads over 50 MB', async () => {
    const csv = entCsv([{ uscc: newUscc(), name: '权限企业', ...lonLat(point()) }]);
    expect((await upload('enterprises', csv, { headers: {} })).status).toBe(401);
    const analyst = await signIn(h.db, 'analyst');
    expect((await upload('enterprises', csv, { headers: analyst.headers })).status).toBe(403);
    expect((await upload('nonsense', csv)).status).toBe(404);
    const big = await upload('enterprises', new Uint8Array(51 * 1024 * 1024), { name: 'big.csv' });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('payload_too_large');
    const badCrs = await upload('enterprises', csv, { crs: 'utm' });
    expect(badCrs.status).toBe(400);
    expect((await t.json('/api/health')).status).toBe(200);
  });

  it('imports sections from GeoJSON points, and reclassifies readings when a section becomes a lake', async () => {
    const [lon, lat] = point();
    const doc = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: {
            断面编码: 'QZ-G01',
            断面名称: '导入断面',
            所在河流: '衢江',
            上游区县: '柯城区',
            下游区县: '330803',
            交接断面: '是',
          },
          geometry: { type: 'Point', coordinates: [lon, lat] },
        },
      ],
    };
    // Coordinates in the properties win over the geometry, without a duplicate-column error.
    const both = {
      type: 'Feature',
      properties: { 断面编码: 'QZ-G02', 断面名称: '属性坐标断面', 经度: lon, 纬度: lat },
      geometry: { type: 'Point', coordinates: [0, 0] },
    };
    const viaProps = await upload('sections', JSON.stringify(both), { name: 'one.json' });
    expect(viaProps.status, JSON.stringify(viaProps.body)).toBe(200);
    const first = await upload('sections', JSON.stringify(doc), { name: 'sections.geojson' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ rows: 1, inserted: 1 });
    const [s] = rowsOf<any>(await h.db.execute(sql`select * from sections where code = 'QZ-G01'`));
    expect(s).toMatchObject({
      county_code: KECHENG,
      upstream_county: KECHENG,
      downstream_county: '330803',
      water_body: 'river',
      handover: true,
    });
    expect(
      (await upload('readings', '断面编码,监测时间,总磷(mg/L)\nQZ-G01,2026-05-02 08:00,0.05\n')).body.inserted,
    ).toBe(1);
    const classOf = async () =>
      rowsOf<any>(
        await h.db.execute(
          sql`select r.class from readings r join sections s on s.id = r.section_id where s.code = 'QZ-G01'`,
        ),
      )[0].class;
    expect(await classOf()).toBe('II');
    doc.features[0].properties = { ...doc.features[0].properties, 水体类型: '水库' } as never;
    const lake = await upload('sections', JSON.stringify(doc), { name: 'sections.geojson' });
    expect(lake.body).toMatchObject({ updated: 1 });
    expect(await classOf()).toBe('III');
  });

  it('imports a park outline and assigns the enterprises inside it', async () => {
    const [lon, lat] = [118.87152 - 0.006, 28.96862 - 0.006];
    const uscc = newUscc();
    expect((await upload('enterprises', entCsv([{ uscc, name: '待入园企业', lon, lat }]))).status).toBe(200);
    const ring = [
      [lon - 0.001, lat - 0.001],
      [lon + 0.001, lat - 0.001],
      [lon + 0.001, lat + 0.001],
      [lon - 0.001, lat + 0.001],
      [lon - 0.001, lat - 0.001],
    ];
    const feature = (coords: number[][]) => ({
      type: 'Feature',
      properties: { 园区名称: '新建小微园', 园区类型: '小微企业园', 主导行业代码: 'C33、C29' },
      geometry: { type: 'Polygon', coordinates: [coords] },
    });
    const doc = { type: 'FeatureCollection', features: [feature(ring)] };
    const { status, body } = await upload('parks', JSON.stringify(doc), { name: 'parks.geojson' });
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ inserted: 1 });
    const [park] = rowsOf<any>(
      await h.db.execute(sql`select id, county_code, industry_codes from parks where name = '新建小微园'`),
    );
    expect(park).toMatchObject({ county_code: KECHENG, industry_codes: ['C33', 'C29'] });
    const [e] = rowsOf<any>(await h.db.execute(sql`select park_id from enterprises where uscc = ${uscc}`));
    expect(e.park_id).toBe(park.id);
    expect((await upload('parks', JSON.stringify(doc), { name: 'parks.geojson' })).body).toMatchObject({
      unchanged: 1,
    });
    const open = { type: 'FeatureCollection', features: [feature(ring.slice(0, 4))] };
    const bad = await upload('parks', JSON.stringify(open), { name: 'parks.geojson' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]).toMatchObject({
      row: 1,
      column: 'geometry',
      message: expect.stringMatching(/闭合|4 个点/),
    });
  });

  it('imports complaints, findings and insurance, recomputing the code', async () => {
    const e = { uscc: newUscc(), name: '三合一企业', ...lonLat(point()) };
    expect((await upload('enterprises', entCsv([e]))).status).toBe(200);
    const score = async () =>
      rowsOf<any>(await h.db.execute(sql`select score, insured from enterprises where uscc = ${e.uscc}`))[0];
    expect((await score()).score).toBe(100);
    const complaints = await upload(
      'complaints',
      `投诉渠道,受理日期,投诉内容,是否属实,被投诉企业统一社会信用代码\n12369,2026-04-08,夜间异味扰民,是,${e.uscc}\n12345热线,2026-04-09,噪声,否,${e.uscc}\n`,
    );
    expect(complaints.status, JSON.stringify(complaints.body)).toBe(200);
    expect(complaints.body.inserted).toBe(2);
    expect((await score()).score).toBe(90);
    const findings = await upload(
      'findings',
      `统一社会信用代码,问题来源,问题描述,发现日期,整改期限,整改完成日期\n${e.uscc},第三方体检,危废标识不规范,2026-03-02,2026-04-02,\n`,
    );
    expect(findings.status, JSON.stringify(findings.body)).toBe(200);
    // Overdue and unrectified on asOf: −8.
    expect((await score()).score).toBe(82);
    const rectified = await upload(
      'findings',
      `统一社会信用代码,问题来源,问题描述,发现日期,整改期限,整改完成日期\n${e.uscc},第三方体检,危废标识不规范,2026-03-02,2026-04-02,2026-03-20\n`,
    );
    expect(rectified.body).toMatchObject({ updated: 1, inserted: 0 });
    expect((await score()).score).toBe(90);
    const policy = await upload(
      'insurance',
      `保单号,统一社会信用代码,保险公司,第三方服务机构,起保日期,终保日期,保费(元),补贴比例,风险等级\nP-1,${e.uscc},人保财险,示例环保管家,2026-01-01,2026-12-31,20000,30%,中\n`,
    );
    expect(policy.status, JSON.stringify(policy.body)).toBe(200);
    expect(await score()).toMatchObject({ score: 95, insured: true });
    const [p] = rowsOf<any>(
      await h.db.execute(sql`select subsidy_rate from insurance_policies where policy_no = 'P-1'`),
    );
    expect(p.subsidy_rate).toBeCloseTo(0.3, 6);
    const again = await upload(
      'insurance',
      `保单号,统一社会信用代码,保险公司,第三方服务机构,起保日期,终保日期,保费(元),补贴比例,风险等级\nP-1,${e.uscc},人保财险,示例环保管家,2026-01-01,2026-12-31,20000,30%,中\n`,
    );
    expect(again.body).toMatchObject({ unchanged: 1 });
    const wrong = await upload(
      'insurance',
      `保单号,统一社会信用代码,保险公司,起保日期,终保日期,保费(元),风险等级\nP-2,${e.uscc},人保财险,2026-12-31,2026-01-01,-5,极高\n`,
    );
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors.map((x: any) => x.column)).toEqual(['终保日期', '保费(元)', '风险等级']);
  });

  it('survives hostile cell values without a 5xx', async () => {
    const hostile = ["'; drop table enterprises; --", 'x\u0000y', 'NaN', '1e309', '\u202e\ud800', '"unterminated'];
    for (const v of hostile) {
      const csv = `${ENT_HEADER}\n${newUscc()},${v},${v},${v},${v},${v},${v},${v},${v},${v}\n`;
      const { status } = await upload('enterprises', csv);
      expect([400, 422], v).toContain(status);
    }
    expect(await count('enterprises')).toBeGreaterThan(0);
    expect((await t.json('/api/health')).status).toBe(200);
    const doc = await t.json('/api/openapi.json');
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/import/{kind}', '/import/templates/{kind}']));
  });

  it('runs the CLI code path with a progress callback', async () => {
    const list = Array.from({ length: 3 }, (_, i) => ({ uscc: newUscc(), name: `命令行企业${i}`, ...lonLat(point()) }));
    const phases: string[] = [];
    const result = await runImport(h.db, {
      kind: 'enterprises',
      fileName: 'cli.csv',
      data: new TextEncoder().encode(entCsv(list)),
      onProgress: (phase) => phases.push(phase),
    });
    expect(result).toMatchObject({ accepted: 3, inserted: 3, committed: true });
    expect(new Set(phases)).toEqual(new Set(['parse', 'validate', 'write']));
  });
});

describe('npm run import (CLI)', () => {
  it('imports into DATA_DIR, prints the summary and exits 1 when rows are rejected', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eco-import-'));
    try {
      const dataDir = join(dir, 'db');
      const setup = await openDb({ dataDir });
      await setup.migrate();
      await loadReference(setup.db);
      await setup.close();
      const [p1, p2] = kechengPoints(2);
      const good = join(dir, 'good.csv');
      writeFileSync(good, encodeGbk(entCsv([{ uscc: newUscc(), name: '命令行甲', ...lonLat(p1) }])));
      const bad = join(dir, 'bad.csv');
      writeFileSync(bad, entCsv([{ uscc: badCheck(newUscc()), name: '命令行乙', ...lonLat(p2) }]));
      const log = vi.spyOn(console, 'log').mockImplementation(() => {});
      const err = vi.spyOn(console, 'error').mockImplementation(() => {});
      try {
        expect(await cliMain(['enterprises', good, '--crs', 'wgs84'], { DATA_DIR: dataDir })).toBe(0);
        expect(log.mock.calls.flat().join('\n')).toMatch(/接受 accepted 1/);
        expect(await cliMain(['enterprises', bad, '--dry-run'], { DATA_DIR: dataDir })).toBe(1);
        expect(log.mock.calls.flat().join('\n')).toMatch(/第 2 行 \(row\) \[统一社会信用代码\]/);
        expect(await cliMain(['enterprises'], { DATA_DIR: dataDir })).toBe(2);
        expect(await cliMain(['enterprises', join(dir, 'missing.csv')], { DATA_DIR: dataDir })).toBe(1);
      } finally {
        log.mockRestore();
        err.mockRestore();
      }
      const check = await openDb({ dataDir });
      const n = rowsOf<{ n: number }>(await check.db.execute(sql`select count(*)::int as n from enterprises`))[0].n;
      await check.close();
      expect(Number(n)).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // Opens PGlite four times (setup, two imports, the check): slow on a busy machine.
  }, 240_000);
});

function lonLat(p: [number, number]) {
  return { lon: p[0], lat: p[1] };
}
