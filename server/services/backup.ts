import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { acquireDataDirLock, DataDirBusyError, type DataDirLock, LOCK_FILE } from '../db/lock';
import { formatInstant } from '../domain/dates';

/**
 * Backup and restore of the embedded PGlite data directory as one `.tar.gz`. Both hold the
 * directory's lock (db/lock.ts) while they work: the server must be stopped.
 */

export class BackupError extends Error {}

/**
 * `backup-YYYYMMDD-HHMMSS.tar.gz` on the bureau's clock: operators read the name, and a host
 * set to UTC must not date a 07:00 Beijing backup the day before.
 */
export function backupFileName(d = new Date()): string {
  const iso = formatInstant(d); // 2026-06-10T08:00:00+08:00
  return `backup-${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}.tar.gz`;
}
const stamp = (d: Date) => backupFileName(d).slice('backup-'.length, -'.tar.gz'.length);

const STOP_SERVER_HINT = '请先停止服务器再试（stop the server first, then try again）';

/** Takes the directory's lock, or refuses with who holds it, as a BackupError. */
function lockDataDir(dataDir: string, command: 'backup' | 'restore'): DataDirLock {
  try {
    return acquireDataDirLock(dataDir, command, { hint: STOP_SERVER_HINT });
  } catch (e) {
    if (e instanceof DataDirBusyError) throw new BackupError(e.message);
    throw e;
  }
}

function assertDatabaseDir(dataDir: string): void {
  if (!existsSync(join(dataDir, 'PG_VERSION')))
    throw new BackupError(`${dataDir} 不是数据库目录（no PGlite database in ${dataDir}）`);
}

/** Where a backup goes: a `.tar.gz` path as given, otherwise a directory to put a dated file in. */
function backupTarget(out: string | undefined, now: Date): string {
  const target = resolve(out ?? 'var/backups');
  if (target.endsWith('.tar.gz') || target.endsWith('.tgz')) return target;
  return join(target, backupFileName(now));
}

/** Dumps `dataDir` to one gzip tarball and returns its path. The server must be stopped. */
export async function backupDataDir(
  dataDir: string,
  out?: string,
  opts: { now?: Date } = {},
): Promise<{ file: string; bytes: number }> {
  assertDatabaseDir(dataDir);
  const file = backupTarget(out, opts.now ?? new Date());
  if (existsSync(file)) throw new BackupError(`文件已存在（${file} already exists）`);
  const lock = lockDataDir(dataDir, 'backup');
  let bytes: Uint8Array;
  try {
    mkdirSync(dirname(file), { recursive: true });
    const db = await PGlite.create(dataDir);
    try {
      bytes = new Uint8Array(await (await db.dumpDataDir('gzip')).arrayBuffer());
    } finally {
      await db.close();
    }
  } finally {
    lock.release();
  }
  // Validate what we wrote the same way restore will, so a bad backup fails now, not on the day.
  readBackup(bytes);
  // Written beside the target and renamed: a crash never leaves a half file with the final name.
  const partial = `${file}.partial`;
  writeFileSync(partial, bytes, { flag: 'w' });
  renameSync(partial, file);
  return { file, bytes: bytes.length };
}

const corrupt = (why: string) =>
  new BackupError(`备份文件损坏或不是数据库备份：${why}（backup file is corrupt or not a database backup: ${why}）`);

/**
 * Unzips and checks a backup: gzip's CRC-32 and length catch any damaged byte, the tar headers'
 * checksums catch a wrong kind of file, and a Postgres data dir must hold PG_VERSION and
 * global/pg_control. Returns the plain tar. Checked here because PGlite, given a bad tarball,
 * rejects from inside its loader in a way that escapes to the process.
 */
export function readBackup(gz: Uint8Array): Uint8Array {
  let tar: Uint8Array;
  try {
    tar = gunzipSync(gz);
  } catch (e) {
    throw corrupt(`gzip: ${(e as Error).message}`);
  }
  const names = new Set<string>();
  const text = (b: Uint8Array) => {
    const nul = b.indexOf(0);
    return Buffer.from(nul === -1 ? b : b.subarray(0, nul)).toString('utf8');
  };
  const octal = (b: Uint8Array) => Number.parseInt(text(b).trim() || '0', 8);
  let off = 0;
  while (off + 512 <= tar.length) {
    const h = tar.subarray(off, off + 512);
    if (h.every((x) => x === 0)) break;
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : h[i];
    if (sum !== octal(h.subarray(148, 156))) throw corrupt(`tar header checksum at byte ${off}`);
    const size = octal(h.subarray(124, 136));
    if (!Number.isFinite(size) || size < 0) throw corrupt(`tar entry size at byte ${off}`);
    const isUstar = text(h.subarray(257, 263)).startsWith('ustar');
    const prefix = isUstar ? text(h.subarray(345, 500)) : '';
    const name = text(h.subarray(0, 100));
    names.add((prefix ? `${prefix}/${name}` : name).replace(/^\.?\/+/, ''));
    off += 512 + Math.ceil(size / 512) * 512;
  }
  if (off > tar.length) throw corrupt('tar archive is truncated');
  for (const required of ['PG_VERSION', 'global/pg_control'])
    if (!names.has(required)) throw corrupt(`missing ${required}`);
  return tar;
}

export type RestoreResult = {
  dataDir: string;
  previous: string | null;
  /** Rows in every table of the restored database, `schema.table` → count. */
  tables: Record<string, number>;
};

/**
 * Loads a backup into a fresh directory beside `dataDir`, starts PostgreSQL on it and reads
 * every table through (a damaged table file fails here, not later as a 500), then swaps: the old
 * directory is kept as `<dataDir>.before-restore-<stamp>`. Until the swap nothing touches
 * `dataDir`, so a bad file leaves the database as it was.
 */
export async function restoreDataDir(file: string, dataDir: string, opts: { now?: Date } = {}): Promise<RestoreResult> {
  const target = resolve(dataDir);
  if (!existsSync(file) || !statSync(file).isFile()) throw new BackupError(`找不到备份文件（no such file: ${file}）`);
  const created = !existsSync(target);
  const lock = lockDataDir(target, 'restore');
  const ts = stamp(opts.now ?? new Date());
  const staging = `${target}.restore-${ts}`;
  try {
    const tar = readBackup(readFileSync(file));
    rmSync(staging, { recursive: true, force: true });
    let tables: Record<string, number>;
    try {
      tables = await loadAndCheck(staging, tar);
    } catch (e) {
      rmSync(staging, { recursive: true, force: true });
      throw e;
    }
    // A dump taken from an open database carries its pid and lock files; a leftover would make
    // every later tool think the directory is in use.
    rmSync(join(staging, 'postmaster.pid'), { force: true });
    rmSync(join(staging, LOCK_FILE), { force: true });

    const previous = existsSync(join(target, 'PG_VERSION')) ? `${target}.before-restore-${ts}` : null;
    if (previous) renameSync(target, previous);
    // Otherwise the directory holds nothing but our lock: make room.
    else rmSync(target, { recursive: true, force: true });
    try {
      renameSync(staging, target);
    } catch (e) {
      if (previous) renameSync(previous, target);
      throw e;
    }
    // Our lock moved aside with the old directory.
    if (previous) rmSync(join(previous, LOCK_FILE), { force: true });
    return { dataDir: target, previous, tables };
  } catch (e) {
    if (created) rmSync(target, { recursive: true, force: true });
    throw e;
  } finally {
    lock.release();
  }
}

/** Opens the backup in `staging` and counts the rows of every table; any unreadable one refuses it. */
async function loadAndCheck(staging: string, tar: Uint8Array): Promise<Record<string, number>> {
  let db: PGlite;
  try {
    db = await PGlite.create({
      dataDir: staging,
      loadDataDir: new Blob([tar as Uint8Array<ArrayBuffer>], { type: 'application/x-tar' }),
    });
  } catch (e) {
    throw new BackupError(`数据库无法从备份启动（database does not start from this backup: ${(e as Error).message}）`);
  }
  try {
    // Read every heap page: an index-only count would skip a damaged table file.
    await db.exec('set enable_indexscan = off; set enable_indexonlyscan = off; set enable_bitmapscan = off');
    const { rows } = await db.query<{ schema: string; name: string }>(
      `select schemaname as schema, tablename as name from pg_tables
        where schemaname not in ('pg_catalog', 'information_schema') order by 1, 2`,
    );
    const tables: Record<string, number> = {};
    for (const { schema, name } of rows) {
      const qualified = `"${schema.replaceAll('"', '""')}"."${name.replaceAll('"', '""')}"`;
      try {
        const [{ n }] = (await db.query<{ n: number }>(`select count(*)::int as n from ${qualified}`)).rows;
        tables[`${schema}.${name}`] = n;
      } catch (e) {
        throw new BackupError(
          `备份中的表 ${schema}.${name} 已损坏，未恢复，当前数据库未改动（table ${schema}.${name} in the backup is damaged: ${(e as Error).message}; nothing was restored, the current database is untouched）`,
        );
      }
    }
    return tables;
  } finally {
    await db.close();
  }
}

/** The message for PostgreSQL deployments, where the database server has its own tools. */
export const POSTGRES_BACKUP_HINT = [
  'DATABASE_URL 已设置：PostgreSQL 请使用 pg_dump / pg_restore。',
  'DATABASE_URL is set: back up PostgreSQL with its own tools, e.g.',
  '  pg_dump --format=custom --file=eco.dump "$DATABASE_URL"',
  '  pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" eco.dump',
].join('\n');
