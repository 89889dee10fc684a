/**
 * npm run restore -- <backup.tar.gz>
 *
 * Replaces the embedded database (DATA_DIR, default ./var/db) with a backup. The backup is
 * checked, started in a new directory and every table read through first; only then are the
 * directories swapped, and the old one is kept as <DATA_DIR>.before-restore-<timestamp>.
 * Refused while the server runs on the directory (stop it first).
 * With DATABASE_URL set, use pg_restore instead (exit code 2).
 */
import { parseArgs } from 'node:util';
import { BackupError, POSTGRES_BACKUP_HINT, restoreDataDir } from '../services/backup';

const usage = '用法 usage: npm run restore -- <backup.tar.gz>';

// An unknown or malformed option is a usage error, not a stack trace.
const { positionals, values } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: { help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    console.error(`${(e as Error).message}\n${usage}`);
    process.exit(2);
  }
})();

if (values.help || positionals.length !== 1) {
  console.log(usage);
  process.exit(values.help ? 0 : 2);
}
if (process.env.DATABASE_URL) {
  console.error(POSTGRES_BACKUP_HINT);
  process.exit(2);
}

const dataDir = process.env.DATA_DIR ?? './var/db';
try {
  const { dataDir: restored, previous, tables } = await restoreDataDir(positionals[0], dataDir);
  console.log('每张表均可读取 every table reads back:');
  for (const [table, n] of Object.entries(tables)) console.log(`  ${table.padEnd(40)} ${String(n).padStart(10)}`);
  console.log(`恢复完成 restored into ${restored}`);
  if (previous) console.log(`原数据目录保留在 previous data kept at ${previous}`);
} catch (e) {
  if (!(e instanceof BackupError)) throw e;
  console.error(e.message);
  process.exit(1);
}
