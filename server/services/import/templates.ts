// Downloadable templates: the Chinese headers the importer expects plus one example row, so a
// bureau can paste its own data under them. CSV carries a UTF-8 BOM because Excel on Chinese
// Windows otherwise opens it as GBK and garbles every header.
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { KINDS } from './kinds';
import type { KindSpec } from './kinds/common';
import type { ImportKind } from './types';

export type TemplateFormat = 'csv' | 'xlsx' | 'geojson';

export type Template = { body: Uint8Array; contentType: string; fileName: string };

const NUMERIC = /^-?\d+(\.\d+)?$/;

/** Example polygon for park templates: a small square in 柯城区. */
const EXAMPLE_AREA = {
  type: 'Polygon',
  coordinates: [
    [
      [118.86, 28.96],
      [118.87, 28.96],
      [118.87, 28.97],
      [118.86, 28.97],
      [118.86, 28.96],
    ],
  ],
};

/** GeoJSON templates where geometry is the point of the data; other point kinds still accept GeoJSON. */
export function templateFormats(kind: ImportKind): TemplateFormat[] {
  return kind === 'parks' || kind === 'sections' ? ['csv', 'xlsx', 'geojson'] : ['csv', 'xlsx'];
}

export async function buildTemplate(kind: ImportKind, format: TemplateFormat): Promise<Template | null> {
  const spec = KINDS[kind] as KindSpec<unknown> | undefined;
  if (!spec || !templateFormats(kind).includes(format)) return null;
  const base = `import-template-${kind}`;
  if (format === 'csv') {
    const csv = Papa.unparse({ fields: spec.columns.map((c) => c.header), data: [spec.columns.map((c) => c.example)] });
    return {
      body: new TextEncoder().encode(`\uFEFF${csv}\r\n`),
      contentType: 'text/csv; charset=utf-8',
      fileName: `${base}.csv`,
    };
  }
  if (format === 'geojson')
    return { body: geoJsonTemplate(spec), contentType: 'application/geo+json', fileName: `${base}.geojson` };
  return {
    body: await xlsxTemplate(spec),
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    fileName: `${base}.xlsx`,
  };
}

function geoJsonTemplate(spec: KindSpec<unknown>): Uint8Array {
  const area = spec.geometry?.area;
  const point = spec.geometry?.point;
  const skip = new Set([area, point?.lon, point?.lat].filter(Boolean) as string[]);
  const properties = Object.fromEntries(
    spec.columns
      .filter((c) => !skip.has(c.key))
      .map((c) => [c.header, NUMERIC.test(c.example) ? Number(c.example) : c.example]),
  );
  const example = (key: string) => Number(spec.columns.find((c) => c.key === key)?.example);
  const geometry = area ? EXAMPLE_AREA : { type: 'Point', coordinates: [example('lon'), example('lat')] };
  const doc = { type: 'FeatureCollection', features: [{ type: 'Feature', properties, geometry }] };
  return new TextEncoder().encode(`${JSON.stringify(doc, null, 2)}\n`);
}

async function xlsxTemplate(spec: KindSpec<unknown>): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(spec.label.zh);
  sheet.addRow(spec.columns.map((c) => c.header));
  // Numbers as numbers (Excel would flag numeric text); codes such as the USCC stay text.
  sheet.addRow(
    spec.columns.map((c) => (NUMERIC.test(c.example) && c.key !== 'county' ? Number(c.example) : c.example)),
  );
  sheet.getRow(1).font = { bold: true };
  spec.columns.forEach((c, i) => {
    const col = sheet.getColumn(i + 1);
    col.width = Math.max(10, Math.min(40, Math.max(c.header.length * 2 + 4, c.example.length + 2)));
    if (c.required) sheet.getCell(1, i + 1).font = { bold: true, color: { argb: 'FFC00000' } };
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const help = wb.addWorksheet('说明');
  help.addRow(['列名', '英文列名 (English header)', '必填 (required)', '示例 (example)']);
  help.getRow(1).font = { bold: true };
  for (const c of spec.columns) help.addRow([c.header, c.key, c.required ? '是' : '否', c.example]);
  help.addRow([]);
  help.addRow(['红色列为必填；导入时只读取第一个工作表。（Red headers are required; only the first sheet is read.）']);
  [18, 24, 14, 40].forEach((w, i) => {
    help.getColumn(i + 1).width = w;
  });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
