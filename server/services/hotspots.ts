import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../db/client';
import { getDataVersion } from '../db/meta';
import { buildStudyGrid, computeHotspots, type MultiPolygonGeometry, type StudyGrid } from '../domain/hotspots';

type Params = { from: string; to: string; res: number; source: 'cases' | 'cases+complaints' };
type Result = ReturnType<typeof computeHotspots>;

const cache = new Map<string, Result>();
const CACHE_LIMIT = 32;

/**
 * The region's tiling and neighbour index per resolution: county outlines never change while the
 * server runs, and building them (polygonToCells + gridDisk per cell) is most of a request.
 */
const grids = new Map<string, StudyGrid>();
function studyGrid(area: MultiPolygonGeometry, res: number): StudyGrid {
  // Keyed by the outlines themselves, so an import that redraws a county gets a fresh grid.
  const json = JSON.stringify(area.coordinates);
  let h = 0x811c9dc5;
  for (let i = 0; i < json.length; i++) h = Math.imul(h ^ json.charCodeAt(i), 0x01000193);
  const key = `${res}|${json.length}|${h >>> 0}`;
  let grid = grids.get(key);
  if (!grid) {
    grid = buildStudyGrid(area, res);
    if (grids.size >= 8) grids.delete(grids.keys().next().value as string);
    grids.set(key, grid);
  }
  return grid;
}

/**
 * Requests for the same result share one computation, and different ones queue behind each
 * other: the endpoint is public, so a burst of distinct windows must cost one core at a time,
 * not every core at once.
 */
const inflight = new Map<string, Promise<Result>>();
let queue: Promise<unknown> = Promise.resolve();

/** Hotspots over the whole region (every county), cached per data version and parameters. */
export async function studyAreaHotspots(db: Db, p: Params): Promise<Result> {
  const key = `${await getDataVersion(db)}|${p.from}|${p.to}|${p.res}|${p.source}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let running = inflight.get(key);
  if (!running) {
    running = queue.then(() => compute(db, p, key));
    queue = running.catch(() => undefined);
    inflight.set(key, running);
    running.then(
      () => inflight.delete(key),
      () => inflight.delete(key),
    );
  }
  return running;
}

async function compute(db: Db, p: Params, key: string): Promise<Result> {
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
  const studyArea = { type: 'MultiPolygon', coordinates: polygons } as MultiPolygonGeometry;
  const result = computeHotspots({ res: p.res, studyArea, points, grid: studyGrid(studyArea, p.res) });
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, result);
  return result;
}
