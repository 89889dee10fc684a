import type { DbHandle } from '../../server/db/client';
import { setMeta } from '../../server/db/meta';
import { seedDemo } from '../../server/db/seed';
import { type Engine, freshDb } from './test-db';

export const FIXTURE_AS_OF = '2026-06-30';
export const FIXTURE_SEED = 7;

/**
 * A fresh database holding a small, deterministic demo data set; without the demo's hourly
 * monitoring values unless asked (they take seconds, and only the online tests need them).
 */
export async function seededDb(engine: Engine, scale = 400, onlineOutlets = 0): Promise<DbHandle> {
  const h = await freshDb(engine);
  await seedDemo(h.db, { scale, seed: FIXTURE_SEED, asOf: FIXTURE_AS_OF, onlineOutlets });
  await setMeta(h.db, 'seedComplete', 'true');
  return h;
}
