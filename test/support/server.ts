import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export type RunningServer = {
  url: string;
  port: number;
  proc: ChildProcess;
  output: () => string;
  /** Resolves once the server prints "ready"; rejects if it exits first or times out. */
  ready: Promise<void>;
  stop: () => Promise<number | null>;
};

/** Runs `server/main.ts` as `npm start` would, on its own port and data directory. */
export async function spawnServer(opts: {
  dataDir: string;
  port?: number;
  env?: Record<string, string>;
  timeoutMs?: number;
}): Promise<RunningServer> {
  const port = opts.port ?? (await freePort());
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: opts.dataDir,
      DATABASE_URL: '',
      // Parallel servers would fight over the receiver's default port: tests that want it pass one.
      HJ212_PORT: '0',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  proc.stdout?.on('data', (d) => {
    log += d;
  });
  proc.stderr?.on('data', (d) => {
    log += d;
  });
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start in time:\n${log}`)),
      opts.timeoutMs ?? 300_000,
    );
    const check = setInterval(() => {
      if (log.includes('ready in')) {
        clearInterval(check);
        clearTimeout(timer);
        resolve();
      }
    }, 100);
    exited.then((code) => {
      clearInterval(check);
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before it was ready:\n${log}`));
    });
  });
  ready.catch(() => {});
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    proc,
    output: () => log,
    ready,
    stop: async () => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      return exited;
    },
  };
}

export async function startServer(opts: Parameters<typeof spawnServer>[0]): Promise<RunningServer> {
  const server = await spawnServer(opts);
  await server.ready;
  return server;
}
