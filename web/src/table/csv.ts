/**
 * The web app's one CSV writer (the plan list, the import error table, the flag list): UTF-8 with
 * a BOM so that Excel opens Chinese text correctly, CRLF lines, and no cell Excel would run as a
 * formula (CSV injection).
 */
export type CsvCell = string | number | null | undefined;

/** A cell that starts like a formula gets an apostrophe; negative numbers stay numbers. */
export function csvCell(v: CsvCell): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+@\t\r]/.test(s) || /^-[^\d.]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows (the first is the header) as CSV text with the BOM. */
export function toCsv(rows: CsvCell[][]): string {
  return `\ufeff${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export function downloadText(text: string, fileName: string, type = 'text/csv;charset=utf-8'): void {
  downloadBlob(new Blob([text], { type }), fileName);
}

/** Saves a blob under a file name through a temporary link (the browser's download). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
