import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type RunningServer, spawnServer, startServer } from '../support/server';

// npm start on a fresh data directory, killed mid-seed and restarted, must come up whole.
describe('server lifecycle on the embedded database', () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'eco-life-')), 'db');
  const env = { SEED_SCALE: '300', DEMO_AS_OF: '2026-06-30', DEMO_ONLINE_OUTLETS: '0' };
  let server: RunningServer | undefined;
  afterAll(async () => {
    await server?.stop();
  });

  it('survives SIGKILL during the first seeding, then restarts, reuses the data and stops cleanly', async () => {
    const doomed = await spawnServer({ dataDir, env });
    // Wait until the demo data is being written, then kill without warning.
    for (let i = 0; i < 1200 && !/readings|enterprises/.test(doomed.output()); i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(doomed.output()).toMatch(/first start/);
    doomed.proc.kill('SIGKILL');
    await expect(doomed.ready).rejects.toThrow();

    server = await startServer({ dataDir, env });
    const health = await (await fetch(`${server.url}/api/health`)).json();
    expect(health).toMatchObject({ status: 'ok', db: 'pglite', demo: true });
    expect((await (await fetch(`${server.url}/api/enterprises?limit=1`)).json()).total).toBe(300);
    expect(await server.stop()).toBe(0);
    expect(server.output()).toMatch(/shutting down/);

    server = await startServer({ dataDir, env });
    // Reusing the data skips seeding entirely.
    expect(server.output()).not.toMatch(/first start/);
    expect((await (await fetch(`${server.url}/api/enterprises?limit=1`)).json()).total).toBe(300);
    expect(await server.stop()).toBe(0);
  });
});
