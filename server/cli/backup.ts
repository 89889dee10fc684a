/**
 * npm run backup -- [file.tar.gz | directory]
 *
 * Writes the embedded database (DATA_DIR, default ./var/db) to one restorable file, by default
 * ./var/backups/backup-YYYYMMDD-HHMMSS.tar.gz. Refused while the server runs on the directory
 * (PGlite cannot share it between processes): stop it first. With DATABASE_URL set, use
 * pg_dump instead (exit code 2).
 */
import { parseArgs } from 'node:util';
import { BackupError, backupDataDir, POSTGRES_BACKUP_HINT } from '../services/backup';

const usage = '用法 usage: npm run backup -- [file.tar.gz | directory]';

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

if (values.help || positionals.length > 1) {
  console.log(usage);
  process.exit(values.help ? 0 : 2);
}
if (process.env.DATABASE_URL) {
  console.error(POSTGRES_BACKUP_HINT);
  process.exit(2);
}

const dataDir = process.env.DATA_DIR ?? './var/db';
try {
  const { file, bytes } = await backupDataDir(dataDir, positionals[0]);
  console.log(`备份完成 backup written: ${file} (${(bytes / 1024 / 1024).toFixed(1)} MiB)`);
} catch (e) {
  if (!(e instanceof BackupError)) throw e;
  console.error(e.message);
  process.exit(1);
}
