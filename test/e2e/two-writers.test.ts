import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb, rowsOf } from '../../server/db/client';
import { LOCK_FILE } from '../../server/db/lock';
import { mulberry32 } from '../../server/domain/random';
import { makeUscc } from '../../server/domain/uscc';
import { KECHENG, kechengPoints } from '../support/import-fixtures';
import { type RunningServer, spawnServer, startServer } from '../support/server';

/**
 * Issue 13's data loss: `npm run import` beside the running server on one PGlite directory made
 * it unopenable or lost rows, and a second `npm start` migrated the live database. Real
 * processes on a scratch DATA_DIR: one writer, the others refuse or hand their work over.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const HEADER = '统一社会信用代码,企业名称,地址,经度,纬度,行业代码,重点排污单位,经营状态,联系人,联系电话';
const SEEDED = 300;
const IMPORTED = 2_000;

describe('two writers on one embedded database', { timeout: 420_000 }, () => {
  const tmp = mkdtempSync(join(tmpdir(), 'eco-writers-'));
  const dataDir = join(tmp, 'db');
  const env = { SEED_SCALE: String(SEEDED), DEMO_AS_OF: '2026-06-30', DEMO_ONLINE_OUTLETS: '0' };
  let server: RunningServer | undefined;
  afterAll(async () => {
    await server?.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  // Async, not spawnSync: a blocked test process cannot see the server close an idle keep-alive socket,
  // and its next fetch then fails on the dead socket ("other side closed"), which is not the server's fault.
  const npm = (args: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const p = spawn('npm', ['run', '--silent', ...args], {
        cwd: root,
        env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
        timeout: 180_000,
      });
      let stdout = '';
      let stderr = '';
      p.stdout.on('data', (d) => {
        stdout += d;
      });
      p.stderr.on('data', (d) => {
        stderr += d;
      });
      p.on('close', (status) => resolve({ status, stdout, stderr }));
    });
  const guess = async (s: RunningServer, username: string) =>
    (
      await fetch(`${s.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'wrong password' }),
      })
    ).status;
  const total = async (s: RunningServer) =>
    ((await (await fetch(`${s.url}/api/enterprises?limit=1`)).json()) as { total: number }).total;

  it('a second server refuses before migrating, with who holds the directory', async () => {
    server = await startServer({ dataDir, env });
    const lock = JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8'));
    expect(lock).toMatchObject({ pid: server.proc.pid, command: 'server', url: server.url });
    expect(lock.token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const second = await spawnServer({ dataDir, env });
    const err = await second.ready.catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect(second.proc.exitCode).toBe(1);
    expect(second.output()).toContain(`服务器正在使用此数据目录 ${dataDir}（pid ${server.proc.pid}, ${server.url}）`);
    expect(second.output()).toContain('The server is running on this directory');
    // Refused before the web build, migrations or seeding.
    expect(second.output()).not.toMatch(/building|first start|ready in/);
    expect(JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')).nonce).toBe(lock.nonce);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it('npm run import hands the file to the running server; user, backup, seed and restore refuse', async () => {
    if (!server) throw new Error('no server');
    const rng = mulberry32(1313);
    const points = kechengPoints(IMPORTED);
    const lines = Array.from({ length: IMPORTED }, (_, i) => {
      const [lon, lat] = points[i % points.length];
      return [
        makeUscc(rng, KECHENG),
        `交接导入${i}`,
        `柯城区交接路${i}号`,
        lon,
        lat,
        'C33',
        '否',
        '在产',
        '王五',
        '0570-1234567',
      ].join(',');
    });
    const csv = join(tmp, 'enterprises.csv');
    writeFileSync(csv, `${HEADER}\r\n${lines.join('\r\n')}\r\n`);

    const imp = await npm(['import', '--', 'enterprises', csv]);
    expect(imp.status, imp.stderr + imp.stdout).toBe(0);
    expect(imp.stderr).toContain(`handing the import to ${server.url}`);
    expect(imp.stdout).toMatch(new RegExp(`接受 accepted ${IMPORTED}\\b`));
    expect(await total(server)).toBe(SEEDED + IMPORTED);

    for (const [args, hint] of [
      [['user', '--', 'list'], /admin page \/admin/],
      [['backup', '--', join(tmp, 'b.tar.gz')], /stop the server first/],
      [['seed', '--', '--scale', '10', '--reset'], /stop the server first/],
      [['restore', '--', csv], /stop the server first/],
    ] as const) {
      const r = await npm([...args]);
      expect(r.status, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toMatch(/The server is running on this directory/);
      expect(r.stderr, args.join(' ')).toMatch(hint);
    }
    expect(existsSync(join(tmp, 'b.tar.gz'))).toBe(false);
    expect(await total(server)).toBe(SEEDED + IMPORTED);

    // Username spraying from this address: 30 wrong guesses, then 429 (checked again after the restart).
    const statuses: number[] = [];
    for (let i = 0; i <= 30; i++) statuses.push(await guess(server, `spray-${i}`));
    expect(statuses).toEqual([...Array(30).fill(401), 429]);
  });

  it('after kill -9 the stale lock is taken over and every acknowledged row is there', async () => {
    if (!server) throw new Error('no server');
    const killed = server.proc.pid;
    server.proc.kill('SIGKILL');
    await server.stop();
    expect(JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')).pid).toBe(killed);

    server = await startServer({ dataDir, env });
    expect(JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')).pid).toBe(server.proc.pid);
    expect(await total(server)).toBe(SEEDED + IMPORTED);
    expect(await guess(server, 'spray-after-restart')).toBe(429);
    expect(await server.stop()).toBe(0);
    server = undefined;
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);

    // The directory opens on its own afterwards, with the import audited as the CLI's.
    const h = await openDb({ dataDir });
    try {
      const [{ n }] = rowsOf<{ n: number }>(await h.db.execute(sql`select count(*)::int as n from enterprises`));
      expect(n).toBe(SEEDED + IMPORTED);
      const audits = rowsOf<{ details: { via?: string } }>(
        await h.db.execute(sql`select details from audit_log where action = 'import'`),
      );
      expect(audits.map((a) => a.details.via)).toEqual(['cli']);
    } finally {
      await h.close();
    }
  });
});
