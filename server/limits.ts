/**
 * The bounds the server puts on what one caller can make it compute or hold, each with its
 * environment setting (README, "Limits and safety"). Read once at start.
 */
const MB = 1024 * 1024;

function setting(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return n;
}

export const limits = {
  /** Bytes of cached GET responses, all cached endpoints together (least recently used go first). */
  responseCacheBytes: setting('RESPONSE_CACHE_MB', 64) * MB,
  /** H3 cells one POST /api/hotspots/compute may tile, anonymous and signed-in. */
  computeCellsPublic: setting('COMPUTE_MAX_CELLS_PUBLIC', 150_000),
  computeCellsStaff: setting('COMPUTE_MAX_CELLS', 300_000),
  /** Points in one anonymous compute (signed-in: whatever fits the 5 MB body). */
  computePointsPublic: setting('COMPUTE_MAX_POINTS_PUBLIC', 50_000),
  /** Computations waiting for the worker; further anonymous ones get 503 at once. */
  computeQueuePublic: setting('COMPUTE_QUEUE_PUBLIC', 2),
  /** A worker job (hotspot compute, import parse) is stopped after this long. */
  workerTimeoutMs: setting('WORKER_TIMEOUT_S', 60) * 1000,
  /** Heap of one worker; a file or computation that needs more is refused, not the server. */
  workerHeapBytes: setting('WORKER_HEAP_MB', 1024) * MB,
  /** Bytes an XLSX upload may inflate to, counted while inflating (declared sizes are not trusted). */
  xlsxInflatedBytes: setting('IMPORT_XLSX_MAX_INFLATED_MB', 200) * MB,
  /** Items in one page of GET /api/enterprises for anonymous callers (staff: 5,000); a larger `limit` is clamped. */
  publicPageSize: setting('PUBLIC_PAGE_MAX', 500),
  /** Anonymous expensive reads (list pages the cache lacks, export batches, layer builds) running at once; the rest wait their turn. */
  publicReadConcurrency: setting('PUBLIC_READ_CONCURRENCY', 1),
  /** Anonymous expensive reads one address may have open (an export counts until it ends); the next gets 429 busy. */
  publicReadsPerIp: setting('PUBLIC_READS_PER_IP', 8),
  /** A download whose client takes nothing for this long is cut off (its memory and turn freed). */
  streamIdleMs: setting('EXPORT_IDLE_TIMEOUT_S', 60) * 1000,
} as const;
