import type { ImportRowError } from '../api/import-file';

/** A cell Excel would run as a formula (CSV injection) is prefixed with an apostrophe. */
function csvCell(v: string | number | null): string {
  let s = v === null ? '' : String(v);
  if (/^[=+@\t\r]/.test(s) || /^-[^\d.]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The error table as CSV: UTF-8 with a BOM so that Excel opens the Chinese text correctly. */
export function errorsToCsv(errors: ImportRowError[], headers: [string, string, string, string]): string {
  const lines = [headers.map(csvCell).join(',')];
  for (const e of errors) lines.push([e.row, e.column, e.value, e.message].map(csvCell).join(','));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

export function downloadText(text: string, fileName: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
