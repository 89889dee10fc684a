/**
 * npm run seed -- --scale city|province|<n> --seed <int> [--as-of YYYY-MM-DD] [--data-dir ./var/db] [--reset]
 * Uses DATABASE_URL (PostgreSQL) when set, else PGlite in --data-dir / DATA_DIR / ./var/db.
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { today } from '../../domain/dates';
import { type DbHandle, openDb, rowsOf } from '../client';
import { acquireDataDirLock, DataDirBusyError } from '../lock';
import { setMeta } from '../meta';
import { truncateAll } from '../reset';
import { enterpriseCount, type SeedScale, seedDemo } from './index';

const USAGE =
  'usage: npm run seed -- --scale city|province|<n> --seed <int> [--as-of YYYY-MM-DD] [--data-dir ./var/db] [--reset]';

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function parseScale(raw: string): SeedScale {
  const scale: SeedScale = /^\d+$/.test(raw) ? Number(raw) : (raw as SeedScale);
  try {
    enterpriseCount(scale);
  } catch (e) {
    fail((e as Error).message);
  }
  return scale;
}

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'city' },
    seed: { type: 'string', default: '20181' },
    'as-of': { type: 'string' },
    'data-dir': { type: 'string' },
    reset: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
  strict: true,
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const scale = parseScale(values.scale as string);
if (!/^-?\d+$/.test(values.seed as string)) fail(`--seed must be an integer, got ${values.seed}`);
const seed = Number(values.seed);
const asOf = values['as-of'] ?? today();
if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf)))
  fail(`--as-of must be YYYY-MM-DD, got ${asOf}`);
const databaseUrl = process.env.DATABASE_URL || undefined;
const dataDir = values['data-dir'] ?? process.env.DATA_DIR ?? './var/db';

const tty = Boolean(process.stdout.isTTY);
const started = performance.now();
const seconds = (from: number) => `${((performance.now() - from) / 1000).toFixed(1)}s`;

let handle: DbHandle | undefined;
let interrupted = false;
process.on('SIGINT', () => {
  if (interrupted) process.exit(130);
  interrupted = true;
  console.error('\n中断：正在关闭数据库 (interrupted: closing the database)…');
  // A half-seeded database has no seedComplete flag, so the next start or seed knows to redo it.
  const closing = handle ? handle.close().catch(() => {}) : Promise.resolve();
  const timeout = new Promise((resolve) => setTimeout(resolve, 5_000));
  void Promise.race([closing, timeout]).then(() => process.exit(130));
});

async function isEmpty(db: DbHandle['db']): Promise<boolean> {
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`
      select (select count(*) from regions) + (select count(*) from enterprises)
           + (select count(*) from readings) + (select count(*) from app_meta) as n`),
  );
  return Number(row.n) === 0;
}

function progressPrinter() {
  let stage = '';
  let stageStarted = performance.now();
  let lastDraw = 0;
  let lastTenth = -1;
  return (name: string, done: number, total: number) => {
    if (name !== stage) {
      stage = name;
      stageStarted = performance.now();
      lastDraw = 0;
      lastTenth = -1;
    }
    const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
    const line = `  ${name.padEnd(12)} ${String(done).padStart(9)}/${total} ${String(pct).padStart(3)}%  ${seconds(stageStarted)}`;
    if (tty) {
      const now = performance.now();
      if (done === total || now - lastDraw > 100) {
        process.stdout.write(`\r${line}\u001b[K${done === total ? '\n' : ''}`);
        lastDraw = now;
      }
    } else if (done === total || Math.floor(pct / 10) > lastTenth) {
      // Piped to a log: one line per tenth, so a long province seed still shows it is moving.
      lastTenth = Math.floor(pct / 10);
      console.log(line);
    }
  };
}

async function main() {
  if (!databaseUrl) {
    try {
      acquireDataDirLock(dataDir, 'seed', { hint: '请先停止服务器再试（stop the server first, then try again）' });
    } catch (e) {
      if (!(e instanceof DataDirBusyError)) throw e;
      console.error(e.message);
      process.exit(1);
    }
  }
  handle = await openDb({ databaseUrl, dataDir });
  const where = databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite ${dataDir}`;
  console.log(
    `演示数据 demo seed: scale ${scale} (${enterpriseCount(scale)} enterprises), seed ${seed}, as of ${asOf} → ${where}`,
  );
  await handle.migrate();
  if (!(await isEmpty(handle.db))) {
    if (!values.reset) {
      console.error('数据库非空，拒绝写入 (database is not empty); pass --reset to truncate every table first');
      await handle.close();
      process.exit(1);
    }
    console.log('  --reset: truncating all tables');
    await truncateAll(handle.db);
  }
  const summary = await seedDemo(handle.db, { scale, seed, asOf, onProgress: progressPrinter() });
  await setMeta(handle.db, 'seedComplete', 'true');
  await handle.close();

  const { green, yellow, red } = summary.colours;
  const all = green + yellow + red || 1;
  const pct = (n: number) => `${((n / all) * 100).toFixed(1)}%`;
  console.log('rows:');
  for (const [table, n] of Object.entries(summary.counts))
    console.log(`  ${table.padEnd(24)} ${String(n).padStart(9)}`);
  console.log(`colours: green ${green} (${pct(green)}), yellow ${yellow} (${pct(yellow)}), red ${red} (${pct(red)})`);
  console.log(`done in ${seconds(started)}`);
}

main().catch(async (e) => {
  if (interrupted) return;
  console.error(e);
  await handle?.close().catch(() => {});
  process.exit(1);
});
