import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { buildWeb, webBuildIsStale } from './build-web';
import { openDb } from './db/client';
import { acquireDataDirLock, DataDirBusyError, type DataDirLock } from './db/lock';
import { getMeta, setMeta } from './db/meta';
import { truncateAll } from './db/reset';
import { seedDemo } from './db/seed';
import { today } from './domain/dates';
import { ensureAdmin } from './services/auth';
import { createEnterpriseLayerCache } from './services/enterprise-layer';
import { onlineIngestFor } from './services/online';
import { type Hj212Receiver, startHj212Receiver } from './services/online/receiver';
import { pruneMinuteValues } from './services/online/retention';

const started = performance.now();
const version = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version as string;
const port = Number(process.env.PORT ?? 8080);
const dataDir = process.env.DATA_DIR ?? './var/db';
const databaseUrl = process.env.DATABASE_URL || undefined;

// Before anything touches the directory (migrations included): one writer per embedded database.
let lock: DataDirLock | null = null;
if (!databaseUrl) {
  try {
    lock = acquireDataDirLock(dataDir, 'server', {
      hint: '服务器已在运行：请直接使用它，或先停止它（the server is already running: use it, or stop it first）',
    });
  } catch (e) {
    if (!(e instanceof DataDirBusyError)) throw e;
    console.error(e.message);
    process.exit(1);
  }
}
// Lets `npm run import` on this machine hand its file to us (see http/session.ts, localToken).
const localToken = lock ? randomBytes(32).toString('base64url') : undefined;

if (webBuildIsStale()) buildWeb();

const handle = await openDb({ databaseUrl, dataDir });
let server: ReturnType<typeof serve> | null = null;
let receiver: Hj212Receiver | null = null;
const hj212Port = Number(process.env.HJ212_PORT ?? 9212);
const minuteRetentionDays = Number(process.env.HJ212_MINUTE_RETENTION_DAYS ?? 30);
let stopping = false;

async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n收到 ${signal}，正在关闭 (shutting down)…`);
  if (server) {
    const closed = new Promise<void>((resolve) => server?.close(() => resolve()));
    // Event streams (/api/events, wall screens) never end on their own: after a grace period for
    // requests in flight, cut every connection, else close() waits forever.
    setTimeout(() => (server as { closeAllConnections?: () => void } | null)?.closeAllConnections?.(), 1000).unref();
    await closed;
  }
  // Stop taking packets, then write what was taken before the database closes.
  await receiver?.close();
  await onlineIngestFor(handle.db).close();
  await handle.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

await handle.migrate();

// A start that was killed while seeding leaves no `seedComplete`: start the demo data over.
if ((await getMeta(handle.db, 'seedComplete')) !== 'true') {
  const rawScale = process.env.SEED_SCALE ?? 'city';
  const scale = /^\d+$/.test(rawScale) ? Number(rawScale) : (rawScale as 'city' | 'province');
  const seed = Number(process.env.SEED ?? 20181);
  const asOf = process.env.DEMO_AS_OF ?? today();
  console.log(
    `首次启动：生成演示数据 (first start: generating demo data, scale ${scale}, seed ${seed}, as of ${asOf})`,
  );
  await truncateAll(handle.db);
  let lastStage = '';
  await seedDemo(handle.db, {
    scale,
    seed,
    asOf,
    onlineOutlets: process.env.DEMO_ONLINE_OUTLETS ? Number(process.env.DEMO_ONLINE_OUTLETS) : undefined,
    onProgress: (stage, done, total) => {
      if (stage !== lastStage || done === total) {
        console.log(`  ${stage} ${done}/${total}`);
        lastStage = stage;
      }
    },
  });
  await setMeta(handle.db, 'seedComplete', 'true');
}
// After seeding: a reseed truncates every table, users included.
const boot = await ensureAdmin(handle.db);
if (boot.password)
  console.log(`已创建管理员 admin，初始密码（只显示这一次 / initial password, shown once）: ${boot.password}`);
else if (boot.created) console.log('已创建管理员 admin（密码来自 ADMIN_PASSWORD / password from ADMIN_PASSWORD）');
if (stopping) await new Promise(() => {});

if (hj212Port > 0) {
  try {
    receiver = await startHj212Receiver(onlineIngestFor(handle.db), {
      port: hj212Port,
      host: process.env.HJ212_HOST ?? process.env.HOST ?? '0.0.0.0',
      maxConnections: Number(process.env.HJ212_MAX_CONNECTIONS ?? 2000),
      idleTimeoutMs: Number(process.env.HJ212_IDLE_TIMEOUT_S ?? 120) * 1000,
    });
    console.log(`HJ 212-2017 接收端口 (receiver) TCP ${receiver.port}`);
  } catch (e) {
    // The dashboard is still useful without the receiver: say so loudly and go on.
    console.error(`HJ 212 接收端口 ${hj212Port} 无法监听 (receiver not started): ${(e as Error).message}`);
  }
}
const prune = () =>
  pruneMinuteValues(handle.db, minuteRetentionDays).catch((e) =>
    console.warn(`minute data retention failed: ${(e as Error).message}`),
  );
void prune();
setInterval(prune, 6 * 3_600_000).unref();

const app = createApp({
  db: handle.db,
  dbKind: handle.kind,
  version,
  enterpriseLayer: createEnterpriseLayerCache(handle.db),
  localToken,
});
const hostname = process.env.HOST ?? '0.0.0.0';
server = serve({ fetch: app.fetch, port, hostname }, () => {
  if (lock && localToken) lock.publish({ url: `http://${localHost(hostname)}:${port}`, token: localToken });
  const secs = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`生态治理一张图 ready in ${secs}s → http://localhost:${port}  (db: ${handle.kind})`);
});

/** How a process on this machine reaches a server listening on `hostname`. */
function localHost(hostname: string): string {
  if (hostname === '0.0.0.0' || hostname === '') return '127.0.0.1';
  if (hostname === '::') return '[::1]';
  return hostname.includes(':') ? `[${hostname}]` : hostname;
}
