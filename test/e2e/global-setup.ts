import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startServer } from '../support/server';

declare module 'vitest' {
  export interface ProvidedContext {
    e2eDataDir: string;
  }
}

/**
 * One seeded city-scale database for the whole e2e run: the first start builds the web app and
 * loads the demo data, later starts in each test file reuse it.
 */
export default async function setup(project: TestProject) {
  const dataDir = process.env.E2E_DATA_DIR ?? join(mkdtempSync(join(tmpdir(), 'eco-e2e-')), 'db');
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    const server = await startServer({ dataDir, env: { DEMO_AS_OF: '2026-06-30' }, timeoutMs: 600_000 });
    await server.stop();
  }
  project.provide('e2eDataDir', dataDir);
}
