import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../db/client';
import { getDataVersion } from '../db/meta';
import { windowFrom } from '../domain/dates';
import type { MultiPolygonGeometry } from '../domain/hotspots';
import type { ErrorDetail } from '../http/errors';
import { ComputeRefused } from '../http/hotspot-compute';
import { limits } from '../limits';
import { dataAsOf } from './as-of';
import { WorkerLane, WorkerLimitError, WorkerTaskError } from './workers';

type Params = { from: string; to: string; res: number; source: 'cases' | 'cases+complaints' };

/**
 * Gi* runs on one worker thread, one computation at a time: tiling a large area is seconds of
 * CPU that would otherwise stall every request, /api/health included. The thread keeps the
 * region's tilings between calls.
 */
const lane = new WorkerLane({
  heapBytes: limits.workerHeapBytes,
  timeoutMs: limits.workerTimeoutMs,
  idleMs: 10 * 60_000,
});

/** Serialised results (the worker sends JSON), cached per data version and parameters. */
const cache = new Map<string, Uint8Array>();
const CACHE_LIMIT = 32;
const inflight = new Map<string, Promise<Uint8Array>>();

/**
 * The days a hotspot request covers: up to `to` (default the data's as-of day), from `from`
 * (default the 12 months ending on `to`, by calendar arithmetic so 2024-02-29 works).
 */
export async function hotspotWindow(
  db: Db,
  asked: { from?: string; to?: string },
): Promise<{ from: string; to: string }> {
  const to = asked.to ?? (await dataAsOf(db));
  return { from: asked.from ?? windowFrom(to), to };
}

/** Hotspots over the whole region (every county) as a JSON document. */
export async function studyAreaHotspots(db: Db, p: Params): Promise<Uint8Array> {
  const key = `${await getDataVersion(db)}|${p.from}|${p.to}|${p.res}|${p.source}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let running = inflight.get(key);
  if (!running) {
    running = regionHotspots(db, p).then((json) => {
      if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
      cache.set(key, json);
      return json;
    });
    inflight.set(key, running);
    running.then(
      () => inflight.delete(key),
      () => inflight.delete(key),
    );
  }
  return running;
}

async function regionHotspots(db: Db, p: Params): Promise<Uint8Array> {
  const counties = rowsOf<{ geometry: { type: string; coordinates: unknown } }>(
    await db.execute(sql`select geometry from regions where level = 'county' and geometry is not null order by code`),
  );
  const polygons = counties.flatMap((c) =>
    c.geometry.type === 'MultiPolygon'
      ? (c.geometry.coordinates as number[][][][])
      : [c.geometry.coordinates as number[][][]],
  );
  const complaints =
    p.source === 'cases+complaints'
      ? sql`union all select lon, lat from complaints where verified and received between ${p.from}::date and ${p.to}::date`
      : sql``;
  const points = rowsOf<{ lon: number; lat: number }>(
    await db.execute(sql`
      select lon, lat from violation_cases where filed between ${p.from}::date and ${p.to}::date
      ${complaints}`),
  );
  const studyArea: MultiPolygonGeometry = { type: 'MultiPolygon', coordinates: polygons };
  return lane.run<Uint8Array>({ kind: 'hotspots', input: { res: p.res, studyArea, points, reuseGrid: true } });
}

let publicPending = 0;

/**
 * Gi* over any study area and points (the what-if endpoint), from the raw request body, as a
 * JSON document. Anonymous callers get a smaller area, fewer points and a short queue; signed-in
 * staff the larger limits.
 */
export async function computeHotspotsFor(body: Uint8Array, caller: 'public' | 'staff'): Promise<Uint8Array> {
  const anonymous = caller === 'public';
  if (anonymous && publicPending >= limits.computeQueuePublic)
    throw new ComputeRefused(429, 'busy', '热点计算繁忙，请稍后再试（hotspot computation busy: try again shortly）');
  const allowance = anonymous
    ? { maxCells: limits.computeCellsPublic, maxPoints: limits.computePointsPublic, signedIn: false }
    : { maxCells: limits.computeCellsStaff, maxPoints: Number.POSITIVE_INFINITY, signedIn: true };
  if (anonymous) publicPending++;
  try {
    return await lane.run<Uint8Array>(
      { kind: 'compute', input: { body, allowance } },
      { transfer: [body.buffer as ArrayBuffer] },
    );
  } catch (e) {
    if (e instanceof WorkerTaskError && e.failure.name === 'ComputeRefused') {
      const f = e.failure as { status: 400; code: string; message: string; details?: ErrorDetail[] };
      throw new ComputeRefused(f.status, f.code, f.message, f.details ?? []);
    }
    if (e instanceof WorkerLimitError)
      throw new ComputeRefused(
        400,
        'compute_limit',
        '计算超出时间或内存上限，请缩小范围或降低分辨率（computation exceeded its time or memory limit: use a smaller area or resolution）',
      );
    throw e;
  } finally {
    if (anonymous) publicPending--;
  }
}
