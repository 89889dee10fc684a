import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';

/**
 * Backup and restore of the embedded PGlite data directory as one `.tar.gz`.
 *
 * PGlite has no lock of its own: two processes can open one directory and corrupt it. PGlite
 * does write `postmaster.pid` while a directory is open and removes it on a clean close, so its
 * presence means "the server is running" (or it crashed): we refuse unless forced.
 */

export class BackupError extends Error {}

const pad = (n: number) => String(n).padStart(2, '0');
/** `backup-YYYYMMDD-HHMMSS.tar.gz` in local time: operators read the name, not a computer. */
export function backupFileName(d = new Date()): string {
  const date = `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}`;
  const time = `${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
  return `backup-${date}-${time}.tar.gz`;
}
const stamp = (d: Date) => backupFileName(d).slice('backup-'.length, -'.tar.gz'.length);

export function assertDataDirFree(dataDir: string): void {
  if (existsSync(join(dataDir, 'postmaster.pid')))
    throw new BackupError(
      `数据目录 ${dataDir} 正在使用中：请先停止服务器；若服务器并未运行（上次异常退出），加 --force。\n` +
        `The data directory ${dataDir} is in use: stop the server first; if it is not running (it crashed), pass --force.`,
    );
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
  opts: { force?: boolean; now?: Date } = {},
): Promise<{ file: string; bytes: number }> {
  assertDatabaseDir(dataDir);
  if (!opts.force) assertDataDirFree(dataDir);
  const file = backupTarget(out, opts.now ?? new Date());
  if (existsSync(file)) throw new BackupError(`文件已存在（${file} already exists）`);
  mkdirSync(dirname(file), { recursive: true });
  const db = await PGlite.create(dataDir);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await (await db.dumpDataDir('gzip')).arrayBuffer());
  } finally {
    await db.close();
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

/**
 * Loads a backup into a fresh directory beside `dataDir`, checks that PostgreSQL starts on it,
 * then swaps: the old directory is kept as `<dataDir>.before-restore-<stamp>`. Until the swap,
 * nothing touches `dataDir`, so a bad file leaves the database as it was.
 */
export async function restoreDataDir(
  file: string,
  dataDir: string,
  opts: { force?: boolean; now?: Date } = {},
): Promise<{ dataDir: string; previous: string | null }> {
  const target = resolve(dataDir);
  if (!existsSync(file) || !statSync(file).isFile()) throw new BackupError(`找不到备份文件（no such file: ${file}）`);
  if (existsSync(target) && !opts.force) assertDataDirFree(target);
  const tar = readBackup(readFileSync(file));

  const ts = stamp(opts.now ?? new Date());
  const staging = `${target}.restore-${ts}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(dirname(target), { recursive: true });
  try {
    const db = await PGlite.create({
      dataDir: staging,
      loadDataDir: new Blob([tar as Uint8Array<ArrayBuffer>], { type: 'application/x-tar' }),
    });
    try {
      await db.query('select count(*) from pg_class');
    } finally {
      await db.close();
    }
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e instanceof BackupError
      ? e
      : new BackupError(`数据库无法从备份启动（database does not start from this backup: ${(e as Error).message}）`);
  }
  // A dump taken from a running database carries its pid file; a clean close removes it, but a
  // leftover would make every later tool think the server is running.
  rmSync(join(staging, 'postmaster.pid'), { force: true });

  const previous = existsSync(target) ? `${target}.before-restore-${ts}` : null;
  if (previous) renameSync(target, previous);
  try {
    renameSync(staging, target);
  } catch (e) {
    if (previous) renameSync(previous, target);
    throw e;
  }
  return { dataDir: target, previous };
}

/** The message for PostgreSQL deployments, where the database server has its own tools. */
export const POSTGRES_BACKUP_HINT = [
  'DATABASE_URL 已设置：PostgreSQL 请使用 pg_dump / pg_restore。',
  'DATABASE_URL is set: back up PostgreSQL with its own tools, e.g.',
  '  pg_dump --format=custom --file=eco.dump "$DATABASE_URL"',
  '  pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" eco.dump',
].join('\n');
