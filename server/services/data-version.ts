import type { Db } from '../db/client';
import { getDataVersion } from '../db/meta';

/** How often open event streams look for a new data version. */
export const POLL_MS = 2000;

/**
 * The data version as last read from the database, shared by every open stream: one query per
 * poll interval however many screens listen (one per stream let a thousand anonymous streams
 * queue 500 queries a second in front of everyone else's on PGlite). Read afresh when a poll
 * interval has passed; concurrent readers share the one query in flight.
 */
const watched = new WeakMap<Db, { at: number; version: Promise<number> }>();
export function polledVersion(db: Db, fallback: number): Promise<number> {
  const now = performance.now();
  let w = watched.get(db);
  if (!w || now - w.at >= POLL_MS - 50) {
    w = { at: now, version: getDataVersion(db) };
    watched.set(db, w);
  }
  return w.version.catch(() => fallback);
}
