import type { Crs } from '../../domain/coordinates';

export const IMPORT_KINDS = [
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
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const isImportKind = (s: string): s is ImportKind => (IMPORT_KINDS as readonly string[]).includes(s);

export const CRS_VALUES = ['wgs84', 'gcj02', 'bd09'] as const;

/**
 * One problem with one cell. `row` is the row number a spreadsheet shows (the header is row 1,
 * the first data row 2); for GeoJSON it is the feature number from 1. Row 0 is the file itself.
 */
export type RowError = { row: number; column: string | null; value: string | null; message: string };

export type ImportResult = {
  batchId: number;
  kind: ImportKind;
  /** Data rows in the file. */
  rows: number;
  /** Rows written (or, in a dry run, that would be written); 0 when the file was rejected whole. */
  accepted: number;
  /** Rows with at least one error. */
  rejected: number;
  errors: RowError[];
  /** More errors than the result carries (see MAX_REPORTED_ERRORS). */
  errorsTruncated: boolean;
  dryRun: boolean;
  partial: boolean;
  /** Whether anything reached the database (false for dry runs and rejected files). */
  committed: boolean;
  /** Of the accepted rows: new, changed, and identical to what was stored already. */
  inserted: number;
  updated: number;
  unchanged: number;
  /** The data version after the import; only bumped when something changed. */
  dataVersion: number;
  elapsedMs: number;
};

export type ImportProgress = (phase: 'parse' | 'validate' | 'write', done: number, total: number) => void;

export type ImportOptions = {
  kind: ImportKind;
  /** As the client named it; stored sanitised, never used as a path. */
  fileName: string;
  data: Uint8Array;
  crs?: Crs;
  dryRun?: boolean;
  partial?: boolean;
  userId?: number | null;
  onProgress?: ImportProgress;
};

/** The error cap keeps a million-row mistake from turning into a 100 MB response and batch record. */
export const MAX_REPORTED_ERRORS = 1000;
