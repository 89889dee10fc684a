import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules' || name === 'dist') continue;
    newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
}

/** The web build is stale when any web source or the shared config is newer than dist/index.html. */
export function webBuildIsStale(): boolean {
  const built = join(root, 'web/dist/index.html');
  if (!existsSync(built)) return true;
  const sources = Math.max(
    newestMtime(join(root, 'web/src')),
    newestMtime(join(root, 'web/index.html')),
    newestMtime(join(root, 'web/public')),
    newestMtime(join(root, 'vite.config.ts')),
  );
  return sources > statSync(built).mtimeMs;
}

export function buildWeb(): void {
  console.log('构建前端 (building the web app)…');
  const vite = join(root, 'node_modules/vite/bin/vite.js');
  // Without NODE_ENV=production this Vite bundles React's development build (slower, noisier).
  const res = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (res.status !== 0) throw new Error(`web build failed (exit ${res.status})`);
}
