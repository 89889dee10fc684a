// One import path for the HTTP route, the CLI and the admin page: parse → map headers →
// validate every row → write all-or-nothing (or the valid rows with `partial`) in one
// transaction → recompute touched codes → bump the data version → record the batch.
import type { Db } from '../../db/client';
import { bumpDataVersion, getDataVersion } from '../../db/meta';
import { importBatches } from '../../db/schema';
import { limits } from '../../limits';
import { dataAsOf } from '../as-of';
import { reassessEnterprises } from '../codes';
import { WorkerLane, WorkerLimitError, WorkerTaskError } from '../workers';
import { ImportFileError } from './errors';
import { mapHeaders, matchColumn, RowReader, sanitizeFileName } from './fields';
import { KINDS } from './kinds';
import type { KindSpec, WriteStats } from './kinds/common';
import { attachGeometry, type Cell, type Table, type TableRow } from './parse';
import { Reference } from './reference';
import { type ImportOptions, type ImportResult, MAX_REPORTED_ERRORS, type RowError } from './types';

export { ImportFileError } from './errors';
export { KINDS } from './kinds';
export * from './types';

const PROGRESS_EVERY = 2_000;

const isBlank = (c: Cell) => c === null || (typeof c === 'string' && c.trim() === '');

type BatchFields = {
  rows: number;
  accepted: number;
  rejected: number;
  errors: RowError[];
};

/**
 * Files are parsed on a worker thread, one at a time: a 200,000-row CSV or a 20 MB XLSX is
 * seconds of CPU, and a hostile one may need more memory than the worker is given.
 */
const parseLane = new WorkerLane({
  heapBytes: limits.workerHeapBytes,
  timeoutMs: limits.workerTimeoutMs,
  idleMs: 30_000,
});

async function parseOffLoop(data: Uint8Array, fileName: string): Promise<Table> {
  // A copy to hand over: the caller's bytes may share their buffer (Node's Buffer pool).
  const bytes = data.slice();
  const rows: TableRow[] = [];
  try {
    const table = await parseLane.run<Omit<Table, 'rows'>>(
      { kind: 'parse', input: { bytes, fileName, maxInflated: limits.xlsxInflatedBytes } },
      {
        transfer: [bytes.buffer as ArrayBuffer],
        onChunk: (chunk) => {
          for (const r of chunk as TableRow[]) rows.push(r);
        },
      },
    );
    return { ...table, rows };
  } catch (e) {
    if (e instanceof WorkerTaskError && e.failure.name === 'ImportFileError') {
      const f = e.failure as {
        code: string;
        message: string;
        details?: ImportFileError['details'];
        status?: 400 | 409;
      };
      throw new ImportFileError(f.code, f.message, f.details ?? [], f.status ?? 400);
    }
    if (e instanceof WorkerLimitError)
      throw new ImportFileError(
        'too_large',
        e.limit === 'time'
          ? '文件解析超时，请拆分文件（parsing the file took too long: split it）'
          : '文件解析所需内存超出上限，请拆分文件或改用 CSV（parsing the file needs more memory than allowed: split it or use CSV）',
      );
    throw e;
  }
}

export async function runImport(db: Db, opts: ImportOptions): Promise<ImportResult> {
  const started = performance.now();
  const spec = KINDS[opts.kind] as KindSpec<unknown>;
  if (!spec) throw new ImportFileError('unknown_kind', `未知的导入类型 ${opts.kind}（unknown import kind）`);
  const crs = opts.crs ?? 'wgs84';
  const dryRun = Boolean(opts.dryRun);
  const partial = Boolean(opts.partial);
  const fileName = sanitizeFileName(opts.fileName);
  const progress = opts.onProgress ?? (() => {});
  const batch = (target: Db, f: BatchFields) =>
    target
      .insert(importBatches)
      .values({ kind: spec.kind, fileName, crs, dryRun, partial, userId: opts.userId ?? null, ...f })
      .returning({ id: importBatches.id });

  // File-level failures are batches too: the record shows who tried what, and why it failed.
  let table: Table | undefined;
  let ref: Reference;
  let columns: ReturnType<typeof mapHeaders>;
  try {
    progress('parse', 0, 1);
    table = await parseOffLoop(opts.data, fileName);
    if (spec.geometry) {
      const named = new Set(table.headers.map((h) => matchColumn(spec.columns, h)?.key));
      attachGeometry(table, spec.geometry, (key) => named.has(key));
    }
    columns = mapHeaders(table.headers, spec.columns);
    ref = await Reference.load(db, crs, spec.needs);
    if (spec.needs.includes('regions') && ref.counties.length === 0) {
      throw new ImportFileError(
        'no_reference_data',
        '系统中尚无区县边界，无法校验坐标；请先加载行政区划（no county boundaries in the database）',
        [],
        409,
      );
    }
    progress('parse', 1, 1);
  } catch (e) {
    if (e instanceof ImportFileError) {
      await batch(db, {
        rows: table?.rows.length ?? 0,
        accepted: 0,
        rejected: 0,
        errors: [{ row: 0, column: null, value: null, message: e.message }],
      });
    }
    throw e;
  }
  const rows = table.rows;
  const width = table.headers.length;
  if (spec.prepare) {
    const i = (key: string) => columns.index.get(key);
    await spec.prepare(db, ref, (key) => {
      const at = i(key);
      return at === undefined ? [] : rows.map((r) => r.cells[at] ?? null);
    });
  }

  const errors: RowError[] = [];
  let rejected = 0;
  let errorCount = 0;
  const good: unknown[] = [];
  const firstRowOf = new Map<string, number>();
  let sliceStarted = performance.now();
  for (let n = 0; n < rows.length; n++) {
    // Rows are checked on the main thread (the reference data lives here): hand the event loop
    // back every few milliseconds so that other requests are answered meanwhile.
    if (performance.now() - sliceStarted > 10) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStarted = performance.now();
    }
    const { row, cells } = rows[n];
    const r = new RowReader(row, cells, columns);
    if (cells.length > width && cells.slice(width).some((c) => !isBlank(c))) {
      r.fail(null, `该行的值多于表头的 ${width} 列（more values than the ${width} header columns）`, null);
    }
    const rec = spec.validate(r, ref);
    if (rec !== null && r.ok) {
      const key = spec.key(rec);
      const first = firstRowOf.get(key);
      if (first !== undefined) r.fail(spec.keyColumn, `与第 ${first} 行重复（duplicate of row ${first}）`);
      else firstRowOf.set(key, row);
    }
    if (r.ok && rec !== null) good.push(rec);
    else {
      rejected++;
      errorCount += r.errors.length;
      for (const e of r.errors) if (errors.length < MAX_REPORTED_ERRORS) errors.push(e);
    }
    if ((n + 1) % PROGRESS_EVERY === 0) progress('validate', n + 1, rows.length);
  }
  progress('validate', rows.length, rows.length);
  const errorsTruncated = errorCount > errors.length;

  const base = {
    kind: spec.kind,
    rows: rows.length,
    rejected,
    errors,
    errorsTruncated,
    dryRun,
    partial,
  };
  const stats: WriteStats = { inserted: 0, updated: 0, unchanged: 0, touched: [], sideEffects: 0 };
  const finish = (batchId: number, accepted: number, committed: boolean, dataVersion: number): ImportResult => ({
    batchId,
    ...base,
    accepted,
    committed,
    inserted: stats.inserted,
    updated: stats.updated,
    unchanged: stats.unchanged,
    dataVersion,
    elapsedMs: Math.round(performance.now() - started),
  });
  const ctx = { crs, ref, now: new Date().toISOString() };

  // All-or-nothing: one bad row rejects the file unless the user asked for a partial import.
  if (rejected > 0 && !partial) {
    // A validation counts the rows that pass (通过 2, not 通过 0); a strict import accepts none.
    const accepted = dryRun ? good.length : 0;
    const [b] = await batch(db, { rows: rows.length, accepted, rejected, errors });
    return finish(b.id, accepted, false, await getDataVersion(db));
  }
  if (dryRun || good.length === 0) {
    if (good.length > 0) Object.assign(stats, await spec.write(db, good, { ...ctx, apply: false }));
    const [b] = await batch(db, { rows: rows.length, accepted: good.length, rejected, errors });
    return finish(b.id, good.length, false, await getDataVersion(db));
  }

  progress('write', 0, good.length);
  const asOf = await dataAsOf(db);
  const out = await db.transaction(async (txn) => {
    const tx = txn as unknown as Db;
    Object.assign(stats, await spec.write(tx, good, { ...ctx, apply: true }));
    if (stats.touched.length > 0) await reassessEnterprises(tx, { asOf, enterpriseIds: stats.touched });
    const changed = stats.inserted + stats.updated + stats.sideEffects > 0;
    // Re-importing the same file writes nothing, so map caches and screens keep their ETags.
    const dataVersion = changed ? await bumpDataVersion(tx) : await getDataVersion(tx);
    const [b] = await batch(tx, { rows: rows.length, accepted: good.length, rejected, errors });
    return { batchId: b.id, dataVersion };
  });
  progress('write', good.length, good.length);
  return finish(out.batchId, good.length, true, out.dataVersion);
}
