// Files to tables of cells. Chinese offices send Excel exports: CSV in GBK as often as UTF-8,
// sometimes UTF-16 "Unicode text", XLSX, and GeoJSON from GIS tools. Everything ends up as a
// header row plus data rows, each with the row number the user sees in their spreadsheet.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { Unzip, UnzipInflate } from 'fflate';
import Papa from 'papaparse';
import { ImportFileError } from './errors';

export type Cell = string | number | boolean | Date | null;
export type TableRow = { row: number; cells: Cell[] };
export type Table = {
  format: 'csv' | 'xlsx' | 'geojson';
  encoding: string | null;
  headers: string[];
  rows: TableRow[];
  /** GeoJSON only: each row's geometry, which the kind maps onto its own columns. */
  geometries?: (GeoJsonGeometryLike | null)[];
};

export type GeoJsonGeometryLike = { type?: unknown; coordinates?: unknown };

/** More columns than any template has by far; a hostile file with a million stops here, before parsing. */
export const MAX_COLUMNS = 200;

/** Where a GeoJSON feature's geometry goes: a point into lon/lat columns, an area into one column. */
export type GeometryTarget = { point?: { lon: string; lat: string }; area?: string };

const fileError = (code: string, message: string, details: { message: string; [k: string]: unknown }[] = []) =>
  new ImportFileError(code, message, details);

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((v, i) => b[i] === v);

/** UTF-8 when the bytes are valid UTF-8 (BOM or not), otherwise GB18030, a superset of GBK and GB2312. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  let text: string;
  let encoding: string;
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    encoding = 'utf-8';
    text = decodeStrict('utf-8', bytes.subarray(3));
  } else if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    // Excel's "Unicode text" export: UTF-16 LE with BOM, tab separated.
    encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    text = decodeStrict(encoding, bytes.subarray(2));
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      encoding = 'utf-8';
    } catch {
      encoding = 'gb18030';
      text = decodeStrict('gb18030', bytes);
    }
  }
  if (text.includes('\u0000')) {
    throw fileError('not_text', '文件不是文本表格（the file is not a text table: it contains NUL bytes）');
  }
  return { text, encoding };
}

function decodeStrict(encoding: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw fileError(
      'bad_encoding',
      '无法识别文件编码，请保存为 UTF-8 或 GBK 编码的 CSV（unrecognised encoding: save as UTF-8 or GBK CSV）',
    );
  }
}

export function detectFormat(bytes: Uint8Array, fileName: string): 'csv' | 'xlsx' | 'geojson' {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'xlsx';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw fileError(
      'unsupported_format',
      '不支持旧版 Excel .xls 文件，请另存为 .xlsx 或 CSV（legacy .xls is not supported: save as .xlsx or CSV）',
    );
  }
  if (/\.(geo)?json$/i.test(fileName)) return 'geojson';
  // A GeoJSON file sent under another name still starts with '{' (after a BOM and whitespace).
  for (let i = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0; i < Math.min(bytes.length, 1024); i++) {
    const b = bytes[i];
    if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d) continue;
    return b === 0x7b ? 'geojson' : 'csv';
  }
  return 'csv';
}

/** `maxInflated`: the bytes an XLSX may inflate to (limits.xlsxInflatedBytes). */
export async function parseFile(bytes: Uint8Array, fileName: string, maxInflated: number): Promise<Table> {
  if (bytes.length === 0) throw emptyFile();
  const format = detectFormat(bytes, fileName);
  let table: Table;
  if (format === 'xlsx') table = await parseXlsx(bytes, maxInflated);
  else {
    const { text, encoding } = decodeText(bytes);
    table = format === 'geojson' ? parseGeoJson(text, encoding) : parseCsv(text, encoding);
  }
  if (table.headers.every((h) => h.trim() === '')) throw emptyFile();
  if (table.rows.length === 0) {
    throw fileError('no_rows', '文件只有表头，没有数据行（the file has a header but no data rows）');
  }
  return table;
}

const emptyFile = () => fileError('empty_file', '文件为空（the file is empty）');

const isBlank = (cells: Cell[]) => cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));

// ---------------------------------------------------------------- CSV

const DELIMITERS = [',', '\t', ';', '|'];

/**
 * Fields per record for one delimiter, honouring quotes, stopping at the first record that
 * exceeds MAX_COLUMNS. One linear pass: a line of a million commas costs milliseconds here,
 * whereas a CSV parser would first build a million-element row.
 */
function scanFields(
  text: string,
  delimiter: string,
  recordLimit: number,
): { first: number; overLimitAt: number | null } {
  const d = delimiter.charCodeAt(0);
  let inQuotes = false;
  let fields = 1;
  let first = -1;
  let record = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22) inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (ch === d) {
      if (++fields > MAX_COLUMNS) return { first: first < 0 ? fields : first, overLimitAt: record };
    } else if (ch === 0x0a || ch === 0x0d) {
      if (ch === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++;
      if (first < 0) first = fields;
      if (++record > recordLimit) break;
      fields = 1;
    }
  }
  return { first: first < 0 ? fields : first, overLimitAt: null };
}

function tooManyColumns(record: number): ImportFileError {
  return fileError(
    'too_many_columns',
    `第 ${record} 行的列数超过 ${MAX_COLUMNS}，不是本系统的导入模板（row ${record} has more than ${MAX_COLUMNS} columns）`,
    [{ path: `row.${record}`, message: `more than ${MAX_COLUMNS} columns` }],
  );
}

function parseCsv(text: string, encoding: string): Table {
  if (text.trim() === '') throw emptyFile();
  // The delimiter is the candidate that splits the header line into the most fields.
  let delimiter = ',';
  let best = 0;
  for (const d of DELIMITERS) {
    const { first, overLimitAt } = scanFields(text, d, 1);
    if (overLimitAt !== null) throw tooManyColumns(1);
    if (first > best) {
      best = first;
      delimiter = d;
    }
  }
  const over = scanFields(text, delimiter, Number.POSITIVE_INFINITY).overLimitAt;
  if (over !== null) throw tooManyColumns(over);

  const parsed = Papa.parse<string[]>(text, { delimiter, header: false, skipEmptyLines: false });
  const quoteError = parsed.errors.find((e) => e.type === 'Quotes');
  if (quoteError) {
    const record = (quoteError.row ?? 0) + 1;
    throw fileError('bad_csv', `第 ${record} 行引号未闭合，文件结构已损坏（unterminated quote at row ${record}）`, [
      { path: `row.${record}`, message: quoteError.message },
    ]);
  }
  const records = parsed.data;
  const headerAt = records.findIndex((r) => !isBlank(r));
  if (headerAt < 0) throw emptyFile();
  const headers = records[headerAt].map((h) => h.trim());
  const rows: TableRow[] = [];
  for (let i = headerAt + 1; i < records.length; i++) {
    const cells = records[i];
    if (!isBlank(cells)) rows.push({ row: i + 1, cells });
  }
  return { format: 'csv', encoding, headers, rows };
}

// ---------------------------------------------------------------- XLSX

/**
 * Inflates every entry of the zip as it streams, counting the bytes that really come out and
 * keeping none of them; stops as soon as the count passes `limit`. The sizes a zip declares are
 * not used: a bomb declares a few kilobytes and inflates to gigabytes.
 */
export function checkInflatedSize(bytes: Uint8Array, limit: number): void {
  let total = 0;
  let entries = 0;
  let over = false;
  let failed = false;
  const unzip = new Unzip((file) => {
    entries++;
    file.ondata = (err, data) => {
      if (err) {
        failed = true;
        return;
      }
      total += data.length;
      if (total > limit && !over) {
        over = true;
        file.terminate();
      }
    };
    try {
      file.start();
    } catch {
      failed = true; // a compression method XLSX writers do not use
    }
  });
  unzip.register(UnzipInflate);
  // Small steps: one step of a bomb inflates to at most ~1 MB before the check.
  const STEP = 1024;
  try {
    for (let at = 0; at < bytes.length && !over && !failed; at += STEP)
      unzip.push(bytes.subarray(at, at + STEP), at + STEP >= bytes.length);
  } catch {
    failed = true;
  }
  if (over)
    throw fileError(
      'too_large',
      `XLSX 解压后超过 ${Math.round(limit / 1024 / 1024)} MB，请拆分文件或改用 CSV` +
        `（XLSX inflates to more than ${Math.round(limit / 1024 / 1024)} MB: split it or use CSV）`,
    );
  if (failed || entries === 0) throw badXlsx();
}

function xlsxCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    const v = value as unknown as Record<string, unknown>;
    if ('richText' in v && Array.isArray(v.richText))
      return (v.richText as { text: string }[]).map((t) => t.text).join('');
    if ('result' in v) return xlsxCell(v.result as ExcelJS.CellValue);
    if ('formula' in v || 'sharedFormula' in v) return null;
    if ('text' in v) return xlsxCell(v.text as ExcelJS.CellValue);
    if ('error' in v) return String(v.error);
  }
  return String(value);
}

/**
 * The first sheet with anything in it, read row by row with exceljs's streaming reader: the
 * in-memory workbook costs ~150 bytes of heap per byte of XML (an honest 20 MB file took 3.5 GB).
 */
async function parseXlsx(bytes: Uint8Array, maxInflated: number): Promise<Table> {
  checkInflatedSize(bytes, maxInflated);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(
    Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]),
    { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' },
  );
  let headers: string[] | null = null;
  const rows: TableRow[] = [];
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = row.values as ExcelJS.CellValue[];
        if (values.length - 1 > MAX_COLUMNS) throw tooManyColumns(row.number);
        // row.values is 1-based: index 0 is always empty.
        const cells = Array.from(values.slice(1), xlsxCell);
        if (isBlank(cells)) continue;
        if (headers === null)
          headers = cells.map((c) => (c === null ? '' : c instanceof Date ? c.toISOString() : String(c).trim()));
        else rows.push({ row: row.number, cells });
      }
      if (headers !== null) break;
    }
  } catch (e) {
    if (e instanceof ImportFileError) throw e;
    throw badXlsx();
  }
  if (headers === null) throw emptyFile();
  return { format: 'xlsx', encoding: null, headers, rows };
}

const badXlsx = () =>
  fileError('bad_xlsx', '无法读取 XLSX 文件，文件可能已损坏（cannot read the XLSX file: it may be damaged）');

// ---------------------------------------------------------------- GeoJSON

type Feature = { type?: unknown; properties?: unknown; geometry?: unknown };

function parseGeoJson(text: string, encoding: string): Table {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw fileError('bad_geojson', 'GeoJSON 不是有效的 JSON（the GeoJSON is not valid JSON）');
  }
  const d = doc as { type?: unknown; features?: unknown };
  let features: Feature[];
  if (d && d.type === 'FeatureCollection' && Array.isArray(d.features)) features = d.features as Feature[];
  else if (d && d.type === 'Feature') features = [d as Feature];
  else {
    throw fileError(
      'bad_geojson',
      'GeoJSON 应为 FeatureCollection 或 Feature（GeoJSON must be a FeatureCollection or a Feature）',
    );
  }
  if (features.length === 0) throw emptyFile();

  const headers: string[] = [];
  const seen = new Set<string>();
  const propsOf = (f: Feature) =>
    f && typeof f.properties === 'object' && f.properties !== null && !Array.isArray(f.properties)
      ? (f.properties as Record<string, unknown>)
      : {};
  for (const f of features) {
    for (const k of Object.keys(propsOf(f))) {
      if (!seen.has(k)) {
        seen.add(k);
        headers.push(k);
        if (headers.length > MAX_COLUMNS) throw tooManyColumns(1);
      }
    }
  }
  const rows: TableRow[] = features.map((f, i) => {
    const props = propsOf(f);
    return { row: i + 1, cells: headers.map((h) => geoCell(props[h])) };
  });
  const geometries = features.map((f) =>
    f?.geometry && typeof f.geometry === 'object' ? (f.geometry as GeoJsonGeometryLike) : null,
  );
  return { format: 'geojson', encoding, headers, rows, geometries };
}

/**
 * Puts each feature's geometry into the kind's columns, unless the properties already carry
 * them (then the properties win). `has` tells whether a header already maps to a column key.
 */
export function attachGeometry(table: Table, target: GeometryTarget, has: (key: string) => boolean): void {
  const geometries = table.geometries;
  if (!geometries?.some(Boolean)) return;
  const add = (key: string) => {
    table.headers.push(key);
    return table.headers.length - 1;
  };
  if (target.area && !has(target.area)) {
    const at = add(target.area);
    table.rows.forEach((r, i) => {
      const g = geometries[i];
      r.cells[at] = g ? JSON.stringify(g) : null;
    });
  } else if (target.point && !has(target.point.lon) && !has(target.point.lat)) {
    const [li, ai] = [add(target.point.lon), add(target.point.lat)];
    table.rows.forEach((r, i) => {
      const g = geometries[i];
      if (!g) return;
      if (g.type === 'Point' && Array.isArray(g.coordinates)) {
        r.cells[li] = geoCell(g.coordinates[0]);
        r.cells[ai] = geoCell(g.coordinates[1]);
      } else r.cells[li] = `几何类型 ${String(g.type).slice(0, 20)} 不是点（geometry is not a Point）`;
    });
  }
}

function geoCell(v: unknown): Cell {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
}
