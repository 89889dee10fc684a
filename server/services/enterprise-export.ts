/**
 * Export of a filtered enterprise list as CSV (UTF-8 with BOM, so Excel opens the Chinese
 * right), XLSX (bold frozen header) or GeoJSON. Public fields only. Rows are read in id order in
 * batches (keyset pagination) and streamed, so a province-scale export never sits in memory.
 */
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { and, asc, eq, gt, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { Db } from '../db/client';
import { enterprises, industries, parks, regions } from '../db/schema';
import { codeAt } from './code-colours';
import { freeTurn, type Turn } from './turn';

export const EXPORT_FORMATS = ['csv', 'xlsx', 'geojson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Excel's sheet limit is 1,048,576 rows, one of them the header. */
export const XLSX_MAX_ROWS = 1_048_575;
const BATCH = 2000;

const COLOUR_ZH = { red: '红码', yellow: '黄码', green: '绿码' } as const;

/** The columns, in order, with their Chinese headers (the contract of the CSV and the XLSX). */
export const EXPORT_COLUMNS = [
  { key: 'uscc', header: '统一社会信用代码', width: 22 },
  { key: 'name', header: '企业名称', width: 36 },
  { key: 'address', header: '地址', width: 48 },
  { key: 'county', header: '区县', width: 10 },
  { key: 'town', header: '乡镇街道', width: 14 },
  { key: 'park', header: '园区', width: 28 },
  { key: 'industryCode', header: '行业代码', width: 10 },
  { key: 'industry', header: '行业', width: 28 },
  { key: 'colour', header: '三色码', width: 8 },
  { key: 'score', header: '得分', width: 7 },
  { key: 'keyPollutant', header: '重点排污单位', width: 12 },
  { key: 'insured', header: '环责险', width: 8 },
  { key: 'lon', header: '经度', width: 12 },
  { key: 'lat', header: '纬度', width: 12 },
] as const;

export type ExportRow = {
  id: number;
  uscc: string;
  name: string;
  address: string;
  county: string | null;
  town: string | null;
  park: string | null;
  industryCode: string;
  industry: string | null;
  colour: 'green' | 'yellow' | 'red';
  score: number;
  keyPollutant: boolean;
  insured: boolean;
  lon: number;
  lat: number;
};

const county = alias(regions, 'export_county');
const town = alias(regions, 'export_town');

/**
 * Every matching enterprise in id order, `batchSize` rows per query (keyset pagination on id);
 * colour and score as the codes stood on `codesAsOf` when given (the period the user chose).
 */
export async function* exportRows(
  db: Db,
  where: SQL | undefined,
  batchSize = BATCH,
  codesAsOf: string | null = null,
  turn: Turn = freeTurn,
): AsyncGenerator<ExportRow[]> {
  const code = codeAt(codesAsOf);
  let after = 0;
  for (;;) {
    const batch = await turn(() =>
      db
        .select({
          id: enterprises.id,
          uscc: enterprises.uscc,
          name: enterprises.name,
          address: enterprises.address,
          county: county.name,
          town: town.name,
          park: parks.name,
          industryCode: enterprises.industryCode,
          industry: industries.name,
          colour: code.colour,
          score: code.score,
          keyPollutant: enterprises.keyPollutant,
          insured: enterprises.insured,
          lon: enterprises.lon,
          lat: enterprises.lat,
        })
        .from(enterprises)
        .leftJoin(county, eq(county.code, enterprises.countyCode))
        .leftJoin(town, eq(town.code, enterprises.townCode))
        .leftJoin(parks, eq(parks.id, enterprises.parkId))
        .leftJoin(industries, eq(industries.code, enterprises.industryCode))
        .where(and(where, gt(enterprises.id, after)))
        .orderBy(asc(enterprises.id))
        .limit(batchSize),
    );
    if (batch.length === 0) return;
    yield batch as ExportRow[];
    if (batch.length < batchSize) return;
    after = batch[batch.length - 1].id;
  }
}

const yesNo = (b: boolean) => (b ? '是' : '否');

/** One row as the table cells of the CSV / XLSX, in EXPORT_COLUMNS order. */
function cells(r: ExportRow): (string | number)[] {
  return [
    r.uscc,
    r.name,
    r.address,
    r.county ?? '',
    r.town ?? '',
    r.park ?? '',
    r.industryCode,
    r.industry ?? '',
    COLOUR_ZH[r.colour],
    r.score,
    yesNo(r.keyPollutant),
    yesNo(r.insured),
    r.lon,
    r.lat,
  ];
}

const encoder = new TextEncoder();

/**
 * A byte stream that asks `chunks` for the next piece only when the client has taken the last
 * one (the HTTP layer awaits the socket's drain): a reader that stalls stops the export, and the
 * server holds about one batch for it, not the whole file.
 */
function pulledStream(chunks: AsyncIterator<string | Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(typeof next.value === 'string' ? encoder.encode(next.value) : next.value);
      },
      async cancel() {
        await chunks.return?.(undefined);
      },
    },
    { highWaterMark: 0 },
  );
}

// Cells that start with = + - @ (or a tab / CR) would run as formulas in Excel: quoted with a
// leading apostrophe (papaparse's escapeFormulae).
const csvOptions = { escapeFormulae: true, newline: '\r\n' } as const;

/**
 * Runs the first batch's query now, before the response's headers go out: bad input (a NUL byte
 * PostgreSQL refuses) or a failing database then answers with its proper status and error body
 * instead of breaking a download that already said 200.
 */
export async function startedExport(rows: AsyncGenerator<ExportRow[]>): Promise<AsyncGenerator<ExportRow[]>> {
  const first = await rows.next();
  return (async function* () {
    if (!first.done) yield first.value;
    yield* rows;
  })();
}

export function csvStream(rows: AsyncIterable<ExportRow[]>): ReadableStream<Uint8Array> {
  return pulledStream(
    (async function* () {
      yield `\uFEFF${Papa.unparse([EXPORT_COLUMNS.map((c) => c.header)], csvOptions)}\r\n`;
      for await (const batch of rows) yield `${Papa.unparse(batch.map(cells), csvOptions)}\r\n`;
    })(),
  );
}

export function geojsonStream(rows: AsyncIterable<ExportRow[]>): ReadableStream<Uint8Array> {
  return pulledStream(
    (async function* () {
      yield '{"type":"FeatureCollection","features":[';
      let first = true;
      for await (const batch of rows) {
        const features = batch.map(({ id, lon, lat, ...p }) =>
          JSON.stringify({
            type: 'Feature',
            id,
            geometry: { type: 'Point', coordinates: [lon, lat] },
            properties: { id, ...p },
          }),
        );
        yield (first ? '' : ',') + features.join(',');
        first = false;
      }
      yield ']}';
    })(),
  );
}

export function xlsxStream(rows: AsyncIterable<ExportRow[]>, sheetName = '企业名录'): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  (async () => {
    const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = EXPORT_COLUMNS.map((c) => ({ key: c.key, width: c.width }));
    const header = sheet.addRow(EXPORT_COLUMNS.map((c) => c.header));
    header.font = { bold: true };
    header.commit();
    for await (const batch of rows) {
      for (const r of batch) sheet.addRow(cells(r)).commit();
      // The workbook writer pushes regardless of the reader: wait until the client took this batch.
      while (out.writableNeedDrain && !out.destroyed) await Promise.race([once(out, 'drain'), once(out, 'close')]);
      if (out.destroyed) return;
    }
    sheet.commit();
    await workbook.commit();
  })().catch((e) => out.destroy(e as Error));
  // Not Readable.toWeb: its default queue is 16,384 chunks deep, so it would drain `out` eagerly.
  return pulledStream(out[Symbol.asyncIterator]());
}

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  geojson: 'application/geo+json; charset=utf-8',
};

/** RFC 6266: an ASCII fallback name plus the UTF-8 name for browsers that read filename*. */
export function contentDisposition(asciiName: string, utf8Name: string): string {
  const safeAscii = asciiName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${safeAscii}"; filename*=UTF-8''${encodeURIComponent(utf8Name)}`;
}
