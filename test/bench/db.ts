// The province-scale database the 1M rows share: built once into /tmp by the real seed CLI and
// reused across runs while its seed parameters match (app_meta).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { openDb, rowsOf } from '../../server/db/client';
import { log } from './common';

// BENCH_SCALE=<n> benches a smaller seed (developing the bench on a loaded machine); the
// published results are the province (1,000,000) run.
export const PROVINCE = { scale: process.env.BENCH_SCALE ?? 'province', seed: '20181', asOf: '2025-06-30' } as const;
export const benchDataDir =
  process.env.BENCH_DATA_DIR ??
  `/tmp/eco-bench-${PROVINCE.scale === 'province' ? 'province' : `scale-${PROVINCE.scale}`}`;
const root = fileURLToPath(new URL('../..', import.meta.url));

async function matches(dir: string): Promise<number | null> {
  if (!existsSync(`${dir}/PG_VERSION`)) return null;
  const h = await openDb({ dataDir: dir });
  try {
    const meta = new Map(
      rowsOf<{ key: string; value: string }>(await h.db.execute(sql`select key, value from app_meta`)).map((r) => [
        r.key,
        r.value,
      ]),
    );
    // BENCH_ACCEPT_ANY=1: use whatever complete seed is there (developing the bench on a small one).
    const ok =
      meta.get('seedComplete') === 'true' &&
      (process.env.BENCH_ACCEPT_ANY === '1' ||
        (meta.get('scale') === PROVINCE.scale &&
          meta.get('seed') === PROVINCE.seed &&
          meta.get('asOf') === PROVINCE.asOf));
    if (!ok) return null;
    const [c] = rowsOf<{ n: number }>(await h.db.execute(sql`select count(*)::int as n from enterprises`));
    return Number(c.n);
  } catch {
    return null;
  } finally {
    await h.close();
  }
}

/** Returns the data directory of a complete province seed, seeding it first when needed. */
export async function ensureProvinceDb(): Promise<{
  dataDir: string;
  seededNow: boolean;
  seedMs: number;
  enterprises: number;
}> {
  const existing = await matches(benchDataDir);
  if (existing !== null) {
    log(`reusing database ${benchDataDir} (${existing} enterprises, seed ${PROVINCE.seed}, as of ${PROVINCE.asOf})`);
    return { dataDir: benchDataDir, seededNow: false, seedMs: 0, enterprises: existing };
  }
  log(`seeding province database into ${benchDataDir} (one time; reused by later runs)…`);
  const t0 = performance.now();
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'server/db/seed/cli.ts',
      '--scale',
      PROVINCE.scale,
      '--seed',
      PROVINCE.seed,
      '--as-of',
      PROVINCE.asOf,
      '--data-dir',
      benchDataDir,
      '--reset',
    ],
    { cwd: root, stdio: 'inherit', env: { ...process.env, DATABASE_URL: '' } },
  );
  if (r.status !== 0) throw new Error(`province seed failed (exit ${r.status})`);
  const seedMs = performance.now() - t0;
  const enterprises = await matches(benchDataDir);
  if (enterprises === null) throw new Error(`the seed in ${benchDataDir} did not complete`);
  return { dataDir: benchDataDir, seededNow: true, seedMs, enterprises };
}
