// The worker side of services/workers.ts: CPU-heavy, pure work that must not hold the event loop
// that answers every other request. Each message is one task; results go back as messages.
import { parentPort } from 'node:worker_threads';
import { buildStudyGrid, computeHotspots, type MultiPolygonGeometry, type StudyGrid } from '../domain/hotspots';
import { type ComputeAllowance, ComputeRefused, checkedComputeBody } from '../http/hotspot-compute';
import { parseFile } from '../services/import/parse';

export type HotspotTask = {
  kind: 'hotspots';
  input: {
    res: number;
    studyArea: MultiPolygonGeometry | { type: 'Polygon'; coordinates: number[][][] };
    points: { lon: number; lat: number; weight?: number }[];
    /** Keep the tiling for the next call (the region's own outline, asked for again and again). */
    reuseGrid?: boolean;
  };
};
/** POST /api/hotspots/compute: the raw body, checked here against the caller's allowance. */
export type ComputeTask = { kind: 'compute'; input: { body: Uint8Array; allowance: ComputeAllowance } };
export type ParseTask = { kind: 'parse'; input: { bytes: Uint8Array; fileName: string; maxInflated: number } };
export type Task = HotspotTask | ComputeTask | ParseTask;

/** Rows of a parsed table travel in slices, so the receiving thread never decodes one huge message. */
export const ROWS_PER_MESSAGE = 5000;

const grids = new Map<string, StudyGrid>();
function studyGrid(area: HotspotTask['input']['studyArea'], res: number): StudyGrid {
  // Keyed by the outlines themselves, so an import that redraws a county gets a fresh grid.
  const json = JSON.stringify(area.coordinates);
  let h = 0x811c9dc5;
  for (let i = 0; i < json.length; i++) h = Math.imul(h ^ json.charCodeAt(i), 0x01000193);
  const key = `${res}|${json.length}|${h >>> 0}`;
  let grid = grids.get(key);
  if (!grid) {
    grid = buildStudyGrid(area, res);
    if (grids.size >= 4) grids.delete(grids.keys().next().value as string);
    grids.set(key, grid);
  }
  return grid;
}

type Send = (message: unknown) => void;

async function run(task: Task, send: Send): Promise<unknown> {
  if (task.kind === 'hotspots') {
    const { res, studyArea, points, reuseGrid } = task.input;
    const result = computeHotspots({ res, studyArea, points, grid: reuseGrid ? studyGrid(studyArea, res) : undefined });
    // Serialised and encoded here: a 300,000-cell answer is a second of work the main thread need not do.
    return new TextEncoder().encode(JSON.stringify(result));
  }
  if (task.kind === 'compute') {
    const input = checkedComputeBody(task.input.body, task.input.allowance);
    try {
      return new TextEncoder().encode(JSON.stringify(computeHotspots(input)));
    } catch (e) {
      // Degenerate rings (all points equal, a ring through a pole) make H3 fail with a numeric
      // code; the domain throws RangeError for values it cannot use. Both are bad input.
      if (e instanceof RangeError || typeof (e as { code?: unknown }).code === 'number')
        throw new ComputeRefused(
          400,
          'invalid_geometry',
          `研究区或点位无效（invalid study area or points）：${(e as Error).message}`,
        );
      throw e;
    }
  }
  const { rows, ...table } = await parseFile(task.input.bytes, task.input.fileName, task.input.maxInflated);
  for (let i = 0; i < rows.length; i += ROWS_PER_MESSAGE) send(rows.slice(i, i + ROWS_PER_MESSAGE));
  return table;
}

parentPort?.on('message', async ({ id, task }: { id: number; task: Task }) => {
  const port = parentPort as NonNullable<typeof parentPort>;
  try {
    const result = await run(task, (chunk) => port.postMessage({ id, chunk }));
    // Encoded answers move to the main thread without a copy.
    port.postMessage({ id, result }, result instanceof Uint8Array ? [result.buffer as ArrayBuffer] : []);
  } catch (e) {
    const err = e as Error & { code?: unknown; details?: unknown; status?: unknown };
    port.postMessage({
      id,
      error: {
        name: err.constructor?.name ?? 'Error',
        message: err.message,
        code: err.code,
        details: err.details,
        status: err.status,
      },
    });
  }
});
