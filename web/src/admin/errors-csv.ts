import type { ImportRowError } from '../api/import-file';
import { toCsv } from '../table/csv';

/** The import's error table as CSV (see table/csv: BOM, formula-safe cells). */
export function errorsToCsv(errors: ImportRowError[], headers: [string, string, string, string]): string {
  return toCsv([headers, ...errors.map((e) => [e.row, e.column, e.value, e.message])]);
}
