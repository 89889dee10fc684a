import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../client';

/**
 * Rows travel as one json parameter expanded by json_to_recordset: one bind parameter per
 * statement (far below PostgreSQL's 65,535 limit whatever the chunk size) and, on PGlite, about
 * four times faster than a drizzle multi-row VALUES list because nothing is bound per value.
 */
const DEFAULT_ROWS_PER_STATEMENT = 10_000;

function recordsetType(sqlType: string): string {
  if (sqlType === 'serial') return 'integer';
  if (sqlType === 'bigserial') return 'bigint';
  return sqlType;
}

/** Insert rows whose dates and timestamps may be ISO strings (they go through JSON anyway). */
export type LooseInsert<T extends PgTable> = { [K in keyof T['$inferInsert']]?: unknown };

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Inserts rows whose keys are the table's TypeScript property names. The column list is taken
 * from the first row, so every row must carry the same keys (a missing key inserts NULL, not the
 * column default). Returns the number of rows inserted.
 */
export async function bulkInsert<T extends PgTable>(
  db: Db,
  table: T,
  rows: readonly LooseInsert<T>[],
  options: { rowsPerStatement?: number; onChunk?: (inserted: number) => void } = {},
): Promise<number> {
  if (rows.length === 0) return 0;
  const columns = getTableColumns(table);
  const keys = Object.keys(rows[0] as object).filter((k) => k in columns);
  const target = keys.map((k) => quote(columns[k].name)).join(', ');
  const definition = keys.map((k) => `${quote(k)} ${recordsetType(columns[k].getSQLType())}`).join(', ');
  const selected = keys.map(quote).join(', ');
  const head = `insert into ${quote(getTableName(table))} (${target}) select ${selected} from json_to_recordset(`;
  const tail = `::json) as x(${definition})`;
  const size = options.rowsPerStatement ?? DEFAULT_ROWS_PER_STATEMENT;
  let inserted = 0;
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    await db.execute(sql`${sql.raw(head)}${JSON.stringify(chunk)}${sql.raw(tail)}`);
    inserted += chunk.length;
    options.onChunk?.(inserted);
    await yieldToEventLoop();
  }
  return inserted;
}

/** After inserting explicit ids, moves the serial sequence past them so later inserts don't collide. */
export async function syncSerial(db: Db, table: PgTable, column = 'id'): Promise<void> {
  const name = getTableName(table);
  await db.execute(
    sql.raw(
      `select setval(pg_get_serial_sequence('${quote(name)}', '${column}'), coalesce(max(${quote(column)}), 1), max(${quote(column)}) is not null) from ${quote(name)}`,
    ),
  );
}

/**
 * PGlite resolves queries in microtasks, so a long chain of them never lets the event loop reach
 * its I/O phase: signal handlers (Ctrl-C) and HTTP requests would wait for the whole seed.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
