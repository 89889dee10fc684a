// COPY … FROM in PostgreSQL's binary format. On PGlite a binary COPY from a blob loads rows
// three to four times faster than json_to_recordset or a text COPY: the rows are built here as
// bytes, so the database parses no timestamps or floats. node-postgres has no COPY without an
// extra package; callers fall back to bulkInsert there (PostgreSQL loads json fast enough).
import { PGlite } from '@electric-sql/pglite';
import type { Db } from './client';

export type CopyColumn = 'int4' | 'text' | 'timestamptz' | 'float8';

const PG_EPOCH_MS = Date.UTC(2000, 0, 1);
const SIGNATURE = [0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00];

/** Writes rows in COPY BINARY format; values go in the column order given to the constructor. */
export class BinaryCopyWriter {
  private buf: Buffer;
  private view: DataView;
  private off = 0;
  rows = 0;

  constructor(
    readonly columns: readonly CopyColumn[],
    initialBytes = 1 << 20,
  ) {
    this.buf = Buffer.alloc(initialBytes);
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
    this.reserve(19);
    for (const b of SIGNATURE) this.buf[this.off++] = b;
    this.view.setInt32(this.off, 0); // flags
    this.view.setInt32(this.off + 4, 0); // header extension length
    this.off += 8;
  }

  private reserve(bytes: number): void {
    if (this.off + bytes <= this.buf.length) return;
    const next = Buffer.alloc(Math.max(this.buf.length * 2, this.off + bytes));
    this.buf.copy(next, 0, 0, this.off);
    this.buf = next;
    this.view = new DataView(next.buffer, next.byteOffset, next.byteLength);
  }

  /** One row: a value per column (null → SQL NULL; timestamptz as epoch milliseconds). */
  row(values: readonly (number | string | null)[]): void {
    this.reserve(2);
    this.view.setInt16(this.off, this.columns.length);
    this.off += 2;
    for (let i = 0; i < this.columns.length; i++) {
      const v = values[i];
      if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) {
        this.reserve(4);
        this.view.setInt32(this.off, -1);
        this.off += 4;
        continue;
      }
      switch (this.columns[i]) {
        case 'int4':
          this.reserve(8);
          this.view.setInt32(this.off, 4);
          this.view.setInt32(this.off + 4, v as number);
          this.off += 8;
          break;
        case 'float8':
          this.reserve(12);
          this.view.setInt32(this.off, 8);
          this.view.setFloat64(this.off + 4, v as number);
          this.off += 12;
          break;
        case 'timestamptz':
          this.reserve(12);
          this.view.setInt32(this.off, 8);
          this.view.setBigInt64(this.off + 4, BigInt(((v as number) - PG_EPOCH_MS) * 1000));
          this.off += 12;
          break;
        case 'text': {
          const s = v as string;
          this.reserve(4 + s.length * 3);
          const n = this.buf.write(s, this.off + 4, 'utf8');
          this.view.setInt32(this.off, n);
          this.off += 4 + n;
          break;
        }
      }
    }
    this.rows++;
  }

  /** The whole COPY stream, trailer included. */
  finish(): Uint8Array {
    this.reserve(2);
    this.view.setInt16(this.off, -1);
    this.off += 2;
    return this.buf.subarray(0, this.off);
  }
}

/** The PGlite instance behind a drizzle database, or null on node-postgres. */
export function pgliteOf(db: Db): PGlite | null {
  const client = (db as unknown as { $client?: unknown }).$client;
  return client instanceof PGlite ? client : null;
}

/**
 * COPY rows into `table (columns)` on PGlite; returns false (nothing written) on other drivers.
 * `trusted`: the caller vouches for the rows' foreign keys, so their per-row triggers are skipped
 * (PGlite's one role is a superuser) — on the value tables that check is most of COPY's time.
 * Not inside a drizzle transaction: PGlite serialises on its one session.
 */
export async function copyBinary(
  db: Db,
  table: string,
  columnNames: string[],
  data: Uint8Array,
  opts: { trusted?: boolean } = {},
): Promise<boolean> {
  const pg = pgliteOf(db);
  if (!pg) return false;
  const cols = columnNames.map((c) => `"${c.replace(/"/g, '""')}"`).join(', ');
  const copy = `copy "${table.replace(/"/g, '""')}" (${cols}) from '/dev/blob' with (format binary)`;
  const blob = new Blob([data as Uint8Array<ArrayBuffer>]);
  await pg.transaction(async (tx) => {
    if (opts.trusted) await tx.exec('set local session_replication_role = replica');
    await tx.query(copy, [], { blob });
  });
  return true;
}
