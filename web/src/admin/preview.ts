/**
 * Client-side preview of an upload: the first rows as the server will read them. CSV is decoded
 * as UTF-8 when it is valid UTF-8, else as GB18030 (a superset of GBK, what Chinese Excel
 * writes); XLSX is left to the server (exceljs in the browser would double the bundle).
 */
import Papa from 'papaparse';

export const PREVIEW_ROWS = 10;
/** Enough bytes for a header and ten rows of any sane table. */
const HEAD_BYTES = 512 * 1024;
const MAX_GEOJSON_PREVIEW_BYTES = 20 * 1024 * 1024;

export type Preview =
  | { kind: 'table'; encoding: 'UTF-8' | 'GB18030'; headers: string[]; rows: string[][] }
  | { kind: 'geojson'; features: number; headers: string[]; rows: string[][] }
  | { kind: 'xlsx' };

export function decodeText(bytes: Uint8Array): { text: string; encoding: 'UTF-8' | 'GB18030' } {
  // stream: true leaves a multi-byte character cut off at the end of the slice pending, not an error.
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true }), encoding: 'UTF-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes, { stream: true }), encoding: 'GB18030' };
  }
}

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const cell = (v: unknown) =>
  v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);

export async function previewFile(file: File): Promise<Preview> {
  const name = file.name.toLowerCase();
  const head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
  if (name.endsWith('.xlsx') || name.endsWith('.xls') || isZip(head)) return { kind: 'xlsx' };

  const { text, encoding } = decodeText(head);
  if (name.endsWith('.geojson') || name.endsWith('.json') || text.trimStart().startsWith('{')) {
    if (file.size > MAX_GEOJSON_PREVIEW_BYTES)
      throw new Error(`GeoJSON > ${MAX_GEOJSON_PREVIEW_BYTES / 1024 / 1024} MB`);
    const json = JSON.parse(decodeText(new Uint8Array(await file.arrayBuffer())).text) as {
      type?: string;
      features?: { properties?: Record<string, unknown> }[];
      properties?: Record<string, unknown>;
    };
    const features = Array.isArray(json.features) ? json.features : json.type === 'Feature' ? [json] : [];
    const first = features.slice(0, PREVIEW_ROWS).map((f) => f.properties ?? {});
    const headers = [...new Set(first.flatMap((p) => Object.keys(p)))];
    return {
      kind: 'geojson',
      features: features.length,
      headers,
      rows: first.map((p) => headers.map((h) => cell(p[h]))),
    };
  }

  const parsed = Papa.parse<string[]>(text, { preview: PREVIEW_ROWS + 1, skipEmptyLines: 'greedy' });
  const [headers = [], ...rows] = parsed.data;
  return { kind: 'table', encoding, headers, rows };
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
