import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * One writer per embedded database. PGlite has no lock of its own: two processes on one data
 * directory corrupt it (a CLI import beside the running server made it unopenable). Whoever
 * writes first creates `<dataDir>/eco.lock` atomically (O_EXCL); everyone else reads who holds
 * it. A holder whose pid is gone was killed: its lock is stale and taken over.
 *
 * The server also publishes its URL and a random local admin token in the file (mode 0600, so
 * only the same OS user can read it): `npm run import` then hands its file to the server instead
 * of opening the directory itself.
 */

export const LOCK_FILE = 'eco.lock';

export type LockHolder = {
  pid: number;
  /** What holds it: `server`, or the CLI command (`import`, `user`, `backup`, `restore`, `seed`). */
  command: string;
  startedAt: string;
  /** Identifies this acquisition, so a release never removes someone else's lock. */
  nonce: string;
  /** Published by the server once it listens. */
  url?: string;
  token?: string;
};

export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    /** Null when the lock file exists but cannot be read (another OS user holds it). */
    readonly holder: LockHolder | null,
    hint?: string,
  ) {
    super(busyMessage(dataDir, holder, hint));
  }
}

const IMPORT_HINT = '请使用管理页面或 POST /api/import/:kind（use the admin page or `POST /api/import/:kind`）';

function busyMessage(dataDir: string, holder: LockHolder | null, hint = IMPORT_HINT): string {
  const who = holder ? `pid ${holder.pid}${holder.url ? `, ${holder.url}` : ''}` : 'unknown process';
  if (holder?.command === 'server')
    return [
      `服务器正在使用此数据目录 ${dataDir}（${who}）。`,
      `The server is running on this directory ${dataDir} (${who}).`,
      hint,
    ].join('\n');
  const what = holder ? `npm run ${holder.command}, ${who}` : who;
  return [
    `数据目录 ${dataDir} 正被另一个命令使用（${what}）：请等它结束后再试。`,
    `The data directory ${dataDir} is in use by another command (${what}): wait for it to finish.`,
  ].join('\n');
}

export type DataDirLock = {
  path: string;
  /** Adds the server's address and local token to the lock file (replaced atomically). */
  publish(extra: { url: string; token: string }): void;
  /** Removes the lock file if it is still ours. Also runs on process exit. */
  release(): void;
};

/** Whether a process with this pid exists (EPERM: it does, under another user). */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Holder of the lock at `path`; null when absent or unparseable; 'unreadable' on EACCES. */
function readHolder(path: string): LockHolder | null | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') return 'unreadable';
    return null;
  }
  try {
    const h = JSON.parse(text) as LockHolder;
    return Number.isInteger(h.pid) && typeof h.nonce === 'string' ? h : null;
  } catch {
    return null;
  }
}

const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

// Between open(wx) and write() the file is empty for a moment; an empty file older than this was
// left by a process killed in that moment.
const HALF_WRITTEN_GRACE_MS = 5_000;

/**
 * Takes the lock on `dataDir` (created if missing) for `command`, or throws DataDirBusyError.
 * `releaseOnSignals`: for CLIs without their own handlers, so Ctrl-C leaves no lock behind (a
 * lock left behind is still detected as stale; this only keeps the directory tidy).
 */
export function acquireDataDirLock(
  dataDir: string,
  command: string,
  opts: { hint?: string; releaseOnSignals?: boolean } = {},
): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const path = join(resolve(dataDir), LOCK_FILE);
  const mine: LockHolder = {
    pid: process.pid,
    command,
    startedAt: new Date().toISOString(),
    nonce: randomBytes(12).toString('hex'),
  };
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      try {
        writeSync(fd, JSON.stringify(mine));
      } finally {
        closeSync(fd);
      }
      return held(path, mine, opts.releaseOnSignals ?? false);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const holder = readHolder(path);
    if (holder === 'unreadable') throw new DataDirBusyError(dataDir, null, opts.hint);
    if (holder === null) {
      const age = Date.now() - (statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0);
      if (age < HALF_WRITTEN_GRACE_MS) {
        sleepSync(100);
        continue;
      }
    } else if (holder.pid !== process.pid && pidAlive(holder.pid)) {
      throw new DataDirBusyError(dataDir, holder, opts.hint);
    }
    // Stale: its process is gone (or it is our own pid, reused after a container restart).
    takeOver(path, holder);
  }
  throw new DataDirBusyError(dataDir, null, opts.hint);
}

/**
 * Moves a stale lock aside, atomically: of two processes taking over at once only one rename
 * finds the stale file. If what we moved turns out not to be the stale lock we judged (someone
 * took over in between), it goes back.
 */
function takeOver(path: string, judged: LockHolder | null): void {
  const aside = `${path}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(path, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  const moved = readHolder(aside);
  const same =
    judged === null ? moved === null : moved !== null && moved !== 'unreadable' && moved.nonce === judged.nonce;
  if (same) unlinkSync(aside);
  else renameSync(aside, path);
}

function held(path: string, mine: LockHolder, releaseOnSignals: boolean): DataDirLock {
  let current = mine;
  const release = () => {
    const holder = readHolder(path);
    if (holder && holder !== 'unreadable' && holder.nonce === mine.nonce) {
      try {
        unlinkSync(path);
      } catch {
        // Already gone: nothing to release.
      }
    }
    process.off('exit', release);
    for (const s of signals) process.off(s, onSignal);
  };
  const signals: NodeJS.Signals[] = releaseOnSignals ? ['SIGINT', 'SIGTERM', 'SIGHUP'] : [];
  const onSignal = (signal: NodeJS.Signals) => {
    release();
    // Our handler is gone now: raising the signal again ends the process the default way.
    process.kill(process.pid, signal);
  };
  process.on('exit', release);
  for (const s of signals) process.on(s, onSignal);
  return {
    path,
    release,
    publish(extra) {
      current = { ...current, ...extra };
      const tmp = `${path}.${mine.nonce}.tmp`;
      const fd = openSync(tmp, 'w', 0o600);
      try {
        writeSync(fd, JSON.stringify(current));
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, path);
    },
  };
}
