// Set-based writes: rows travel as one jsonb parameter expanded by jsonb_to_recordset, the same
// technique as the seed's bulkInsert (one bind parameter per statement on both engines), here
// with ON CONFLICT upserts and id-keyed updates, which the seed never needs.
import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { type Db, rowsOf } from '../../db/client';

const ROWS_PER_STATEMENT = 5_000;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

function recordsetType(sqlType: string): string {
  if (sqlType === 'serial') return 'integer';
  if (sqlType === 'bigserial') return 'bigint';
  return sqlType;
}

function shape(table: PgTable, keys: string[]) {
  const columns = getTableColumns(table);
  const unknown = keys.filter((k) => !(k in columns));
  if (unknown.length) throw new Error(`recordset: ${getTableName(table)} has no column ${unknown.join(', ')}`);
  return {
    name: quote(getTableName(table)),
    column: (k: string) => quote(columns[k].name),
    definition: keys.map((k) => `${quote(k)} ${recordsetType(columns[k].getSQLType())}`).join(', '),
  };
}

type Row = Record<string, unknown>;

/**
 * INSERT … ON CONFLICT (conflict) DO UPDATE for rows keyed by the table's TypeScript property
 * names (every row the same keys). Returns the `returning` columns of every row written.
 */
export async function upsertRows<R extends Row = Row>(
  db: Db,
  table: PgTable,
  rows: Row[],
  opts: { conflict: string[]; returning?: string[] },
): Promise<R[]> {
  if (rows.length === 0) return [];
  const keys = Object.keys(rows[0]);
  const t = shape(table, keys);
  const target = keys.map(t.column).join(', ');
  const selected = keys.map(quote).join(', ');
  const set = keys
    .filter((k) => !opts.conflict.includes(k))
    .map((k) => `${t.column(k)} = excluded.${t.column(k)}`)
    .join(', ');
  const returning = opts.returning?.length
    ? ` returning ${opts.returning.map((k) => `${t.column(k)} as ${quote(k)}`).join(', ')}`
    : '';
  const head = `insert into ${t.name} (${target}) select ${selected} from jsonb_to_recordset(`;
  const tail = `::jsonb) as x(${t.definition}) on conflict (${opts.conflict.map(t.column).join(', ')}) do update set ${set}${returning}`;
  const out: R[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
    const res = await db.execute(sql`${sql.raw(head)}${JSON.stringify(chunk)}${sql.raw(tail)}`);
    if (returning) out.push(...rowsOf<R>(res));
  }
  return out;
}

/** Plain INSERT for tables without a natural-key constraint (complaints, findings). */
export async function insertRows<R extends Row = Row>(
  db: Db,
  table: PgTable,
  rows: Row[],
  opts: { returning?: string[] } = {},
): Promise<R[]> {
  if (rows.length === 0) return [];
  const keys = Object.keys(rows[0]);
  const t = shape(table, keys);
  const returning = opts.returning?.length
    ? ` returning ${opts.returning.map((k) => `${t.column(k)} as ${quote(k)}`).join(', ')}`
    : '';
  const head = `insert into ${t.name} (${keys.map(t.column).join(', ')}) select ${keys.map(quote).join(', ')} from jsonb_to_recordset(`;
  const tail = `::jsonb) as x(${t.definition})${returning}`;
  const out: R[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
    const res = await db.execute(sql`${sql.raw(head)}${JSON.stringify(chunk)}${sql.raw(tail)}`);
    if (returning) out.push(...rowsOf<R>(res));
  }
  return out;
}

/** UPDATE … FROM recordset WHERE id = x.id; every row carries `id` and the same other keys. */
export async function updateRowsById(db: Db, table: PgTable, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const keys = Object.keys(rows[0]);
  const t = shape(table, keys);
  const set = keys
    .filter((k) => k !== 'id')
    .map((k) => `${t.column(k)} = x.${quote(k)}`)
    .join(', ');
  const head = `update ${t.name} set ${set} from jsonb_to_recordset(`;
  const tail = `::jsonb) as x(${t.definition}) where ${t.name}.${t.column('id')} = x."id"`;
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
    await db.execute(sql`${sql.raw(head)}${JSON.stringify(chunk)}${sql.raw(tail)}`);
  }
}
