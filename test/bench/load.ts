// A small loopback load generator: keep-alive agent, fixed concurrency, bounded in time and count.
import { Agent, request } from 'node:http';

export type LoadResult = { requests: number; errors: number; seconds: number; rps: number; bytes: number };

export async function load(
  url: string,
  opts: { concurrency?: number; seconds?: number; maxRequests?: number; headers?: Record<string, string> } = {},
): Promise<LoadResult> {
  const concurrency = opts.concurrency ?? 16;
  const seconds = opts.seconds ?? 3;
  const maxRequests = opts.maxRequests ?? 200_000;
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const u = new URL(url);
  let requests = 0;
  let errors = 0;
  let bytes = 0;
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  const one = () =>
    new Promise<void>((resolve) => {
      const req = request(
        { agent, host: u.hostname, port: u.port, path: u.pathname + u.search, headers: opts.headers },
        (res) => {
          if (res.statusCode !== 200) errors++;
          res.on('data', (d: Buffer) => {
            bytes += d.length;
          });
          res.on('end', () => resolve());
        },
      );
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end();
    });
  const worker = async () => {
    while (performance.now() < deadline && requests < maxRequests) {
      requests++;
      await one();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - t0) / 1000;
  agent.destroy();
  return { requests, errors, seconds: elapsed, rps: requests / elapsed, bytes };
}
