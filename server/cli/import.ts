// npm run import -- <kind> <file> [--crs wgs84|gcj02|bd09] [--dry-run] [--partial]
// The same import as POST /api/import/:kind, run against DATABASE_URL or the embedded database.
// When the server is running on the embedded database, the file is handed to it over HTTP
// (PGlite cannot share its directory): the server's lock file gives its URL and a local token.
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { openDb } from '../db/client';
import { acquireDataDirLock, DataDirBusyError } from '../db/lock';
import type { Crs } from '../domain/coordinates';
import { audit } from '../services/auth';
import {
  CRS_VALUES,
  IMPORT_KINDS,
  ImportFileError,
  type ImportProgress,
  type ImportResult,
  isImportKind,
  KINDS,
  runImport,
} from '../services/import';

const USAGE = `用法 (usage): npm run import -- <kind> <file> [--crs wgs84|gcj02|bd09] [--dry-run] [--partial]
  kind: ${IMPORT_KINDS.join(' | ')}
  环境变量 (env): DATABASE_URL（PostgreSQL）或 DATA_DIR（嵌入式数据库目录，默认 ./var/db）`;

export type CliArgs = { kind: string; file: string; crs: Crs; dryRun: boolean; partial: boolean };

export function parseArgs(argv: string[]): CliArgs | string {
  const positional: string[] = [];
  let crs: Crs = 'wgs84';
  let dryRun = false;
  let partial = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--dry-run' || a === '--dryRun') dryRun = true;
    else if (a === '--partial') partial = true;
    else if (a === '--crs' || a.startsWith('--crs=')) {
      const v = a.includes('=') ? a.slice(6) : argv[++i];
      if (!(CRS_VALUES as readonly string[]).includes(v ?? '')) return `未知坐标系 ${v}（unknown CRS）`;
      crs = v as Crs;
    } else if (a === '-h' || a === '--help') return '';
    else if (a.startsWith('--')) return `未知参数 ${a}（unknown option）`;
    else positional.push(a);
  }
  if (positional.length !== 2) return '需要 <kind> 和 <file> 两个参数（expected <kind> and <file>）';
  return { kind: positional[0], file: positional[1], crs, dryRun, partial };
}

/** A bar on stderr, redrawn in place, for files big enough to make someone wait. */
export function progressBar(stream: NodeJS.WriteStream = process.stderr, minRows = 10_000): ImportProgress {
  let last = '';
  return (phase, done, total) => {
    if (total < minRows) return;
    const width = 30;
    const share = total > 0 ? done / total : 1;
    const filled = Math.round(share * width);
    const label = { parse: '读取 parse', validate: '校验 validate', write: '写入 write' }[phase];
    const line = `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(share * 100)).padStart(3)}% ${label} ${done}/${total}`;
    if (line === last) return;
    stream.write(line);
    last = line;
    if (done >= total) stream.write('\n');
  };
}

export function formatResult(r: ImportResult, maxErrors = 20): string {
  const lines = [
    `批次 (batch) #${r.batchId}  类型 (kind) ${r.kind}${r.dryRun ? '  [试运行 dry run]' : ''}${r.partial ? '  [部分导入 partial]' : ''}`,
    `行数 rows ${r.rows}  接受 accepted ${r.accepted}  拒绝 rejected ${r.rejected}`,
    `新增 inserted ${r.inserted}  更新 updated ${r.updated}  未变 unchanged ${r.unchanged}  数据版本 data version ${r.dataVersion}  用时 ${r.elapsedMs} ms`,
  ];
  if (!r.committed) {
    lines.push(
      r.dryRun
        ? '试运行：未写入任何数据（dry run: nothing written）'
        : r.rejected > 0 && !r.partial
          ? '有错误行，整个文件未导入（rows rejected: nothing written）'
          : '没有可写入的行（nothing to write）',
    );
  }
  if (r.errors.length > 0) {
    lines.push(
      `错误 (errors)${r.errors.length > maxErrors || r.errorsTruncated ? `，前 ${maxErrors} 条 (first ${maxErrors})` : ''}:`,
    );
    for (const e of r.errors.slice(0, maxErrors)) {
      lines.push(
        `  第 ${e.row} 行 (row)${e.column ? ` [${e.column}]` : ''}${e.value !== null ? ` "${e.value}"` : ''}: ${e.message}`,
      );
    }
  }
  return lines.join('\n');
}

/** Runs one import; returns the process exit code (0 ok, 1 rejected or failed, 2 usage). */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    if (args) console.error(args);
    console.error(USAGE);
    return 2;
  }
  if (!isImportKind(args.kind) || !KINDS[args.kind]) {
    console.error(`未知的导入类型 ${args.kind}（unknown kind）\n${USAGE}`);
    return 2;
  }
  let data: Uint8Array;
  try {
    if (!statSync(args.file).isFile()) throw new Error('not a file');
    data = readFileSync(args.file);
  } catch {
    console.error(`无法读取文件 ${args.file}（cannot read the file）`);
    return 1;
  }
  const databaseUrl = env.DATABASE_URL || undefined;
  const dataDir = env.DATA_DIR ?? './var/db';
  let release = () => {};
  if (!databaseUrl) {
    try {
      release = acquireDataDirLock(dataDir, 'import', { releaseOnSignals: true }).release;
    } catch (e) {
      if (!(e instanceof DataDirBusyError)) throw e;
      const server = e.holder;
      if (server?.command === 'server' && server.url && server.token)
        return handOver(server.url, server.token, args, data);
      console.error(e.message);
      return 1;
    }
  }
  const handle = await openDb({ databaseUrl, dataDir });
  try {
    await handle.migrate();
    const result = await runImport(handle.db, {
      kind: args.kind,
      fileName: basename(args.file),
      data,
      crs: args.crs,
      dryRun: args.dryRun,
      partial: args.partial,
      userId: null,
      onProgress: progressBar(),
    });
    await audit(handle.db, {
      userId: null,
      action: result.dryRun ? 'import.dry_run' : 'import',
      target: `import_batch:${result.batchId}`,
      details: {
        kind: result.kind,
        rows: result.rows,
        accepted: result.accepted,
        rejected: result.rejected,
        via: 'cli',
      },
    });
    console.log(formatResult(result));
    return result.rejected > 0 ? 1 : 0;
  } catch (e) {
    if (e instanceof ImportFileError) {
      console.error(`\n导入失败 (import failed): ${e.message}`);
      return 1;
    }
    throw e;
  } finally {
    await handle.close();
    release();
  }
}

/** Sends the file to the running server's import endpoint; same output and exit codes. */
async function handOver(url: string, token: string, args: CliArgs, data: Uint8Array): Promise<number> {
  console.error(`服务器正在运行，导入交给它处理（the server is running: handing the import to ${url}）`);
  const form = new FormData();
  form.set('file', new Blob([data as Uint8Array<ArrayBuffer>]), basename(args.file));
  form.set('crs', args.crs);
  form.set('dryRun', String(args.dryRun));
  form.set('partial', String(args.partial));
  let res: Response;
  try {
    res = await fetch(`${url}/api/import/${args.kind}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
  } catch (e) {
    console.error(`无法连接服务器 ${url}（cannot reach the server: ${(e as Error).message}）`);
    return 1;
  }
  const body = (await res.json().catch(() => null)) as
    | (ImportResult & { error?: { message: string } })
    | { error: { message: string } }
    | null;
  if (body && 'batchId' in body) {
    console.log(formatResult(body));
    return body.rejected > 0 ? 1 : 0;
  }
  console.error(`\n导入失败 (import failed): ${body?.error?.message ?? `HTTP ${res.status}`}`);
  return 1;
}

// Run only as a script, so tests can import main().
if (process.argv[1] && /cli[\\/]import\.[cm]?[jt]s$/.test(process.argv[1])) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
