/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));
const E2E_SUITES = [
  'test/e2e/lifecycle.test.ts',
  'test/e2e/two-writers.test.ts',
  'test/e2e/admin-import.test.ts',
  'test/e2e/map.test.ts',
  'test/e2e/analyst.test.ts',
  'test/e2e/screen.test.ts',
  'test/e2e/screen-soak.test.ts',
  'test/e2e/ux.test.ts',
];

// The web app lives in web/ and builds to web/dist, which the Hono server serves.
// The same file configures vitest: three projects (unit, api, e2e) rooted at the repo.
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 4000 },
  // The Origin header must pass through unchanged: the API's CSRF check compares it with Host.
  server: { port: 5173, proxy: { '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false } } },
  test: {
    projects: [
      { root: repoRoot, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        root: repoRoot,
        test: { name: 'api', include: ['test/api/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 180_000 },
      },
      {
        root: repoRoot,
        test: {
          name: 'e2e',
          include: E2E_SUITES,
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
