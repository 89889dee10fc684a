import { expect } from 'vitest';
import type { testApi } from './app';

/** Polls /api/health every `intervalMs` while `work` runs; the worst answer time in ms. */
export async function worstHealthLatency(
  api: ReturnType<typeof testApi>,
  work: Promise<unknown>,
  intervalMs = 100,
): Promise<number> {
  let done = false;
  let worst = 0;
  let polls = 0;
  const poller = (async () => {
    while (!done) {
      const started = performance.now();
      const res = await api.request('/api/health');
      expect(res.status).toBe(200);
      await res.arrayBuffer();
      worst = Math.max(worst, performance.now() - started);
      polls++;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  })();
  try {
    await work;
  } finally {
    done = true;
    await poller;
  }
  expect(polls).toBeGreaterThan(3);
  return worst;
}
