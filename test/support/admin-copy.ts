import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * A private copy of the shared e2e database (a test that writes must not touch the others'),
 * whose admin gets a known password: the shared one got a generated password at its first start.
 */
export function dbCopyWithAdmin(sharedDir: string, password: string, prefix: string): { tmp: string; dataDir: string } {
  const tmp = mkdtempSync(join(tmpdir(), prefix));
  const dataDir = join(tmp, 'db');
  cpSync(sharedDir, dataDir, { recursive: true });
  const passwd = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'server/cli/user.ts', 'passwd', 'admin', '--password', password],
    { cwd: root, env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' }, encoding: 'utf8' },
  );
  expect(passwd.status, passwd.stderr + passwd.stdout).toBe(0);
  return { tmp, dataDir };
}
