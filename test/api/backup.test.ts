import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, rowsOf } from '../../server/db/client';
import { LOCK_FILE } from '../../server/db/lock';
import { users } from '../../server/db/schema';
import { createUser } from '../../server/services/auth';
import { BackupError, backupDataDir, restoreDataDir } from '../../server/services/backup';

const repo = fileURLToPath(new URL('../..', import.meta.url));
// The CLIs run as `npm run` runs them; cwd is a temp dir so that ./var defaults stay out of the repo.
const tsx = join(repo, 'node_modules/.bin/tsx');

async function usernames(dataDir: string): Promise<string[]> {
  const h = await openDb({ dataDir });
  try {
    return (await h.db.select({ u: users.username }).from(users)).map((r) => r.u);
  } finally {
    await h.close();
  }
}

describe('backup and restore of the embedded database', () => {
  let root: string;
  let dataDir: string;
  let backupFile: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'eco-backup-'));
    dataDir = join(root, 'db');
    const h = await openDb({ dataDir });
    await h.migrate();
    await createUser(h.db, {
      username: 'marker',
      displayName: '标记',
      role: 'analyst',
      password: 'marker password',
    });
    await h.close();
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('writes one dated .tar.gz', async () => {
    const { file, bytes } = await backupDataDir(dataDir, join(root, 'backups'));
    expect(basename(file)).toMatch(/^backup-\d{8}-\d{6}\.tar\.gz$/);
    expect(readFileSync(file).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(bytes).toBeGreaterThan(1000);
    expect(readdirSync(join(root, 'backups'))).toEqual([basename(file)]);
    backupFile = file;
  });

  it('restores into a new directory with the data in it', async () => {
    const target = join(root, 'restored');
    const { previous, tables } = await restoreDataDir(backupFile, target);
    expect(previous).toBeNull();
    // Every table was read through and counted.
    expect(tables['public.users']).toBe(1);
    expect(tables['public.enterprises']).toBe(0);
    expect(tables['drizzle.__drizzle_migrations']).toBeGreaterThan(0);
    expect(existsSync(join(target, 'postmaster.pid'))).toBe(false);
    expect(await usernames(target)).toEqual(['marker']);
  });

  it('restoring over a database keeps the old one aside', async () => {
    const target = join(root, 'restored');
    const h = await openDb({ dataDir: target });
    await h.db.update(users).set({ username: 'changed' }).where(eq(users.username, 'marker'));
    await h.close();
    // Named on the bureau's clock, whatever the host's zone.
    const { previous } = await restoreDataDir(backupFile, target, { now: new Date('2030-01-02T03:04:05+08:00') });
    expect(previous).toBe(`${target}.before-restore-20300102-030405`);
    expect(await usernames(target)).toEqual(['marker']);
    expect(await usernames(previous as string)).toEqual(['changed']);
  });

  it('a corrupt file is refused clearly and the database is untouched', async () => {
    const good = readFileSync(backupFile);
    const junk = join(root, 'junk.tar.gz');
    const truncated = join(root, 'truncated.tar.gz');
    const flipped = join(root, 'flipped.tar.gz');
    const empty = join(root, 'empty.tar.gz');
    writeFileSync(junk, 'this is not a backup');
    writeFileSync(truncated, good.subarray(0, Math.floor(good.length / 2)));
    const bad = Buffer.from(good);
    bad[Math.floor(bad.length / 2)] ^= 0xff;
    writeFileSync(flipped, bad);
    writeFileSync(empty, '');
    const before = readdirSync(root).sort();
    for (const file of [junk, truncated, flipped, empty]) {
      const err = await restoreDataDir(file, dataDir).catch((e) => e);
      expect(err, basename(file)).toBeInstanceOf(BackupError);
      expect(err.message).toMatch(/备份文件损坏.*backup file is corrupt/);
    }
    await expect(restoreDataDir(join(root, 'missing.tar.gz'), dataDir)).rejects.toThrow(/no such file/);
    // No staging directory left behind, nothing renamed, the data still there.
    expect(readdirSync(root).sort()).toEqual(before);
    expect(await usernames(dataDir)).toEqual(['marker']);
  });

  it("refuses a data directory another live process holds, takes over a dead one's lock", async () => {
    // A live process that is not us: the lock says the server runs there.
    const holder = spawn('sleep', ['30']);
    const lockFile = join(dataDir, LOCK_FILE);
    try {
      writeFileSync(lockFile, JSON.stringify({ pid: holder.pid, command: 'server', nonce: 'n1', startedAt: '' }));
      await expect(backupDataDir(dataDir, join(root, 'busy'))).rejects.toThrow(
        /服务器正在使用此数据目录[\s\S]*The server is running on this directory[\s\S]*stop the server first/,
      );
      await expect(restoreDataDir(backupFile, dataDir)).rejects.toThrow(/The server is running on this directory/);
      expect(existsSync(join(root, 'busy'))).toBe(false);
      expect(readFileSync(lockFile, 'utf8')).toContain('"n1"');
    } finally {
      holder.kill('SIGKILL');
      await new Promise((r) => holder.once('exit', r));
    }
    // The same lock from a killed process is stale: taken over, and released after.
    const { file } = await backupDataDir(dataDir, join(root, 'after-kill.tar.gz'));
    expect(existsSync(file)).toBe(true);
    expect(existsSync(lockFile)).toBe(false);
  });

  it('a backup with one damaged table file is refused and the database is untouched', async () => {
    const h = await openDb({ dataDir });
    const [{ path }] = rowsOf<{ path: string }>(await h.db.execute(sql`select pg_relation_filepath('users') as path`));
    await h.close();
    const unpacked = join(root, 'unpacked');
    mkdirSync(unpacked);
    const untar = spawnSync('tar', ['-xzf', backupFile, '-C', unpacked]);
    expect(untar.status, String(untar.stderr)).toBe(0);
    // Garbage over the table's first page: PostgreSQL starts fine, the table does not read.
    const tableFile = join(unpacked, path);
    const bytes = readFileSync(tableFile);
    bytes.fill(0xab, 0, 8192);
    writeFileSync(tableFile, bytes);
    const damaged = join(root, 'damaged.tar.gz');
    const tar = spawnSync('tar', ['--format=ustar', '-czf', damaged, '-C', unpacked, ...readdirSync(unpacked)]);
    expect(tar.status, String(tar.stderr)).toBe(0);
    rmSync(unpacked, { recursive: true });

    const before = readdirSync(root).sort();
    const err = await restoreDataDir(damaged, dataDir).catch((e) => e);
    expect(err).toBeInstanceOf(BackupError);
    expect(err.message).toMatch(/表 public\.users 已损坏.*table public\.users in the backup is damaged.*untouched/);
    expect(readdirSync(root).sort()).toEqual(before);
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
    expect(await usernames(dataDir)).toEqual(['marker']);
  });

  it('the CLIs round-trip, and send PostgreSQL users to pg_dump', () => {
    const run = (script: string, args: string[], env: Record<string, string>) =>
      spawnSync(tsx, [join(repo, 'server/cli', script), ...args], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: '', ...env },
        encoding: 'utf8',
        timeout: 120_000,
      });
    const out = join(root, 'cli.tar.gz');
    const backup = run('backup.ts', [out], { DATA_DIR: dataDir });
    expect(backup.status, backup.stderr).toBe(0);
    expect(backup.stdout).toContain(out);
    const restore = run('restore.ts', [out], { DATA_DIR: join(root, 'cli-restored') });
    expect(restore.status, restore.stderr).toBe(0);
    const pg = run('backup.ts', [], { DATABASE_URL: 'postgres://127.0.0.1:1/none' });
    expect(pg.status).toBe(2);
    expect(pg.stderr).toContain('pg_dump');
    const usage = run('restore.ts', [], { DATA_DIR: dataDir });
    expect(usage.status).toBe(2);
    // Four CLI processes, three of them starting PGlite.
  }, 300_000);

  it('the user CLI adds, lists and disables users, audited', async () => {
    const run = (...args: string[]) =>
      spawnSync(tsx, [join(repo, 'server/cli/user.ts'), ...args], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir },
        encoding: 'utf8',
        timeout: 120_000,
      });
    const add = run('add', 'cli-ana', '--role', 'analyst');
    expect(add.status, add.stderr).toBe(0);
    expect(add.stdout).toMatch(/shown once: [A-Za-z0-9_-]{24}/);
    expect(run('add', 'cli-ana', '--role', 'analyst').status).toBe(1);
    expect(run('add', 'x2', '--role', 'root').status).toBe(2);
    expect(run('add', 'x3', '--role', 'analyst', '--password', 'short').status).toBe(2);
    expect(run('disable', 'cli-ana').status).toBe(0);
    expect(run('passwd', 'nobody').status).toBe(2);
    const list = run('list');
    expect(list.stdout).toMatch(/cli-ana\s+analyst\s+disabled/);
    const h = await openDb({ dataDir });
    try {
      const rows = await h.db.query.auditLog.findMany();
      expect(rows.map((r) => r.action)).toEqual(['cli.user.add', 'cli.user.disable']);
      expect(rows.every((r) => r.userId === null)).toBe(true);
    } finally {
      await h.close();
    }
    // Seven CLI processes, each starting PGlite.
  }, 300_000);
});
