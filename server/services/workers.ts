/**
 * Worker threads for work that would otherwise hold the event loop (hotspot tiling, file
 * parsing): a lane runs one task at a time on its own thread, with a heap cap and a time limit.
 * A task over either is stopped with its thread — the server and the other requests go on.
 */
import { Worker } from 'node:worker_threads';
import type { Task } from '../workers/tasks';

const BOOT = new URL('../workers/boot.mjs', import.meta.url);
const ENTRY = new URL('../workers/tasks.ts', import.meta.url).href;

export type WorkerFailure = { name: string; message: string; code?: unknown; details?: unknown; status?: unknown };

/** The task failed inside the worker (bad input, usually): `failure` is its error, as data. */
export class WorkerTaskError extends Error {
  constructor(readonly failure: WorkerFailure) {
    super(failure.message);
  }
}
/** The task needed more time or memory than the lane allows; its thread was stopped. */
export class WorkerLimitError extends Error {
  constructor(readonly limit: 'time' | 'memory') {
    super(limit === 'time' ? 'worker task timed out' : 'worker task ran out of memory');
  }
}

type Job = {
  task: Task;
  transfer: ArrayBuffer[];
  onChunk?: (chunk: unknown) => void;
  resolve: (value: unknown) => void;
  reject: (e: Error) => void;
};

export class WorkerLane {
  private worker: Worker | null = null;
  private readonly queue: Job[] = [];
  private running = false;
  private nextId = 1;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly opts: {
      heapBytes: number;
      timeoutMs: number;
      /** How long an idle thread (and what it caches) is kept for the next task. */
      idleMs: number;
    },
  ) {}

  /** Tasks waiting or running. */
  get pending(): number {
    return this.queue.length + (this.running ? 1 : 0);
  }

  run<T>(task: Task, options: { transfer?: ArrayBuffer[]; onChunk?: (chunk: unknown) => void } = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({
        task,
        transfer: options.transfer ?? [],
        onChunk: options.onChunk,
        resolve: resolve as (v: unknown) => void,
        reject,
      });
      this.next();
    });
  }

  private next(): void {
    if (this.running) return;
    const job = this.queue.shift();
    if (!job) {
      if (this.worker && !this.idleTimer) {
        const idle = this.worker;
        this.idleTimer = setTimeout(() => this.stop(idle), this.opts.idleMs);
        this.idleTimer.unref();
      }
      return;
    }
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.running = true;
    const worker = this.thread();
    // Busy, the thread keeps the process alive (a CLI import awaits it); idle, it must not.
    worker.ref();
    const id = this.nextId++;
    let settled = false;
    const finish = (stop: boolean, settle: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      worker.unref();
      if (stop) this.stop(worker);
      settle();
      this.running = false;
      this.next();
    };
    const onMessage = (m: { id: number; chunk?: unknown; result?: unknown; error?: WorkerFailure }) => {
      if (m.id !== id) return;
      if ('chunk' in m) job.onChunk?.(m.chunk);
      else if (m.error) finish(false, () => job.reject(new WorkerTaskError(m.error as WorkerFailure)));
      else finish(false, () => job.resolve(m.result));
    };
    const onError = (e: Error & { code?: string }) =>
      finish(true, () => job.reject(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new WorkerLimitError('memory') : e));
    const onExit = () => finish(true, () => job.reject(new WorkerLimitError('memory')));
    const timer = setTimeout(() => finish(true, () => job.reject(new WorkerLimitError('time'))), this.opts.timeoutMs);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage({ id, task: job.task }, job.transfer);
  }

  private thread(): Worker {
    if (!this.worker) {
      this.worker = new Worker(BOOT, {
        workerData: { entry: ENTRY },
        resourceLimits: { maxOldGenerationSizeMb: Math.ceil(this.opts.heapBytes / (1024 * 1024)) },
      });
    }
    return this.worker;
  }

  private stop(worker: Worker): void {
    if (this.worker === worker) this.worker = null;
    void worker.terminate();
  }
}
