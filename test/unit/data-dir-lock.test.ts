import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirBusyError, LOCK_FILE, pidAlive } from '../../server/db/lock';

describe('the data directory lock', () => {
  const root = mkdtempSync(join(tmpdir(), 'eco-lock-'));
  let dir: string;
  let n = 0;
  beforeEach(() => {
    dir = join(root, `db${n++}`);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  // A live process that is not this one.
  let other: ReturnType<typeof spawn> | null = null;
  afterEach(() => {
    other?.kill('SIGKILL');
    other = null;
  });
  const lockAs = (pid: number | undefined, command = 'server', extra = {}) =>
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid, command, nonce: 'theirs', startedAt: '', ...extra }));

  it('creates the directory and an owner-only lock file naming this process; release removes it', () => {
    const lock = acquireDataDirLock(dir, 'import');
    const path = join(dir, LOCK_FILE);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ pid: process.pid, command: 'import' });
    lock.publish({ url: 'http://127.0.0.1:9', token: 't'.repeat(43) });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ pid: process.pid, url: 'http://127.0.0.1:9' });
    lock.release();
    expect(existsSync(path)).toBe(false);
  });

  it('refuses while another live process holds it, naming it, and leaves its lock alone', () => {
    other = spawn('sleep', ['30']);
    acquireDataDirLock(dir, 'x').release();
    lockAs(other.pid, 'server', { url: 'http://127.0.0.1:8080' });
    const err = (() => {
      try {
        acquireDataDirLock(dir, 'user', { hint: 'use the admin page' });
      } catch (e) {
        return e;
      }
    })() as DataDirBusyError;
    expect(err).toBeInstanceOf(DataDirBusyError);
    expect(err.holder).toMatchObject({ pid: other.pid, url: 'http://127.0.0.1:8080' });
    expect(err.message).toBe(
      [
        `服务器正在使用此数据目录 ${dir}（pid ${other.pid}, http://127.0.0.1:8080）。`,
        `The server is running on this directory ${dir} (pid ${other.pid}, http://127.0.0.1:8080).`,
        'use the admin page',
      ].join('\n'),
    );
    lockAs(other.pid, 'seed');
    expect(() => acquireDataDirLock(dir, 'import')).toThrow(/in use by another command \(npm run seed, pid \d+\)/);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).nonce).toBe('theirs');
  });

  it('takes over the lock of a process that is gone', async () => {
    other = spawn('true');
    const pid = other.pid as number;
    await new Promise((r) => other?.once('exit', r));
    expect(pidAlive(pid)).toBe(false);
    acquireDataDirLock(dir, 'x').release();
    lockAs(pid);
    const lock = acquireDataDirLock(dir, 'server');
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('takes over a lock naming our own pid (reused after a container restart)', () => {
    acquireDataDirLock(dir, 'x').release();
    lockAs(process.pid);
    acquireDataDirLock(dir, 'server').release();
  });

  it('an empty lock file is being written; once old, it was left by a kill and is taken over', () => {
    acquireDataDirLock(dir, 'x').release();
    writeFileSync(join(dir, LOCK_FILE), '');
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(dir, LOCK_FILE), old, old);
    acquireDataDirLock(dir, 'server').release();
  });

  it('release never removes a lock someone else holds now', () => {
    other = spawn('sleep', ['30']);
    const lock = acquireDataDirLock(dir, 'x');
    lockAs(other.pid);
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
  });

  it('a process that exits releases its lock; one killed leaves it behind to be taken over', async () => {
    const script = (then: string) =>
      `import('${new URL('../../server/db/lock.ts', import.meta.url).pathname}').then((m) => { m.acquireDataDirLock(${JSON.stringify(dir)}, 'import'); console.log('held'); ${then} })`;
    const run = (then: string) =>
      new Promise<void>((resolve, reject) => {
        const p = spawn(process.execPath, ['--import', 'tsx', '-e', script(then)], {
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        p.stdout.on('data', () => {
          if (then === 'setInterval(() => {}, 1000)') p.kill('SIGKILL');
        });
        p.on('exit', () => resolve());
        p.on('error', reject);
      });
    await run('process.exit(0)');
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    await run('setInterval(() => {}, 1000)');
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
    acquireDataDirLock(dir, 'server').release();
  }, 60_000);
});
