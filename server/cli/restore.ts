/**
 * npm run restore -- <backup.tar.gz> [--force]
 *
 * Replaces the embedded database (DATA_DIR, default ./var/db) with a backup. The backup is
 * checked and started in a new directory first; only then are the directories swapped, and the
 * old one is kept as <DATA_DIR>.before-restore-<timestamp>. Stop the server first.
 * With DATABASE_URL set, use pg_restore instead (exit code 2).
 */
import { parseArgs } from 'node:util';
import { BackupError, POSTGRES_BACKUP_HINT, restoreDataDir } from '../services/backup';

const usage = '用法 usage: npm run restore -- <backup.tar.gz> [--force]';

// An unknown or malformed option is a usage error, not a stack trace.
const { positionals, values } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: { force: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
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
  const { dataDir: restored, previous } = await restoreDataDir(positionals[0], dataDir, {
    force: values.force,
  });
  console.log(`恢复完成 restored into ${restored}`);
  if (previous) console.log(`原数据目录保留在 previous data kept at ${previous}`);
} catch (e) {
  if (!(e instanceof BackupError)) throw e;
  console.error(e.message);
  process.exit(1);
}
