// Vouchers are rendered on worker threads (piscina), never on the thread that answers HTTP: a
// 100-line 支出命令書 takes ~30 ms of CPU, which on the main thread would stall every request of
// the process (/health included) while it ran. One pool per process, started on the first render;
// what it rendered is kept on the main thread (rendered-pdfs.ts), so a voucher asked for again
// costs no worker at all.
import { join } from 'node:path';
import { Piscina } from 'piscina';
import type { RenderJob } from './jobs';
import { renderedPdfs, type RenderedPdfs } from './rendered-pdfs';

export interface PdfRenderingOptions {
  /**
   * Worker threads; each holds the parsed fonts and its own heap (~50 MB once started, ~105 MB
   * while busy; see WORKER_HEAP). Default 1: a repeated print needs none (the cache).
   */
  workers?: number;
  /** Renders that may wait for a worker; one more is refused with PdfQueueFull. Default: unbounded. */
  maxQueue?: number;
  /** Bytes of rendered PDFs kept for repeated prints (~55 KB a voucher). Default 8 MiB; 0: none. */
  cacheBytes?: number;
}

const DEFAULT_CACHE_BYTES = 8 * 1024 * 1024;

/** The render queue is full: the process is overloaded, retry later (HTTP 503). */
export class PdfQueueFull extends Error {
  readonly code = 'PDF_QUEUE_FULL';
  constructor() {
    super('Too many PDF renders are waiting; retry later');
  }
}

/** How piscina refuses a job when its queue is full (Errors.TaskQueueAtLimit, NoTaskQueueAvailable). */
const QUEUE_FULL_MESSAGES = new Set(['Task queue is at limit', 'No task queue available']);

/**
 * A worker left idle this long exits, its fonts and heap with it: an idle service holds no
 * worker (50–105 MB, as much as the rest of the service), and the first voucher after a pause
 * pays a cold start (~0.4 s: loading pdfkit, parsing the fonts, the first render).
 */
const IDLE_TIMEOUT_MS = 60 * 1000;

/**
 * A worker's heap, sized for its job: a render allocates fast but keeps little (~20 MB live after
 * hundreds of vouchers, ~27 MB after a 1,000-line one). With V8's default young generation a
 * busy worker added ~125 MB to the process; with 16 MB ~105 MB, at ~10 % more CPU a voucher than
 * 32 MB (8 MB: ~85 MB, but ~30 % more). An old generation over its limit ends the worker: that
 * render fails, the pool starts another.
 */
const WORKER_HEAP = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 96 };

/**
 * Built code runs dist/render-worker.js. Under ts-jest this module is src/pool.ts, and the
 * worker thread, outside jest's transform, loads the sources through a small transpiling shim.
 */
const WORKER_FILE = __filename.endsWith('.ts')
  ? join(__dirname, 'render-worker-from-source.cjs')
  : join(__dirname, 'render-worker.js');

let options: PdfRenderingOptions = {};
let users = 0;
let pool: Piscina<RenderJob, Uint8Array> | undefined;
let rendered: RenderedPdfs | undefined;

function currentPool(): Piscina<RenderJob, Uint8Array> {
  if (pool) return pool;
  const workers = Math.max(1, options.workers ?? 1);
  pool = new Piscina<RenderJob, Uint8Array>({
    filename: WORKER_FILE,
    // Workers come with the renders and leave when idle (IDLE_TIMEOUT_MS).
    minThreads: 0,
    maxThreads: workers,
    idleTimeout: IDLE_TIMEOUT_MS,
    resourceLimits: WORKER_HEAP,
    // Reject rather than queue without bound: the caller answers 503.
    maxQueue: options.maxQueue ?? Number.MAX_SAFE_INTEGER,
  });
  return pool;
}

function currentCache(): RenderedPdfs {
  rendered ??= renderedPdfs(options.cacheBytes ?? DEFAULT_CACHE_BYTES);
  return rendered;
}

/** How many renders this process answered from its cache and how many it drew (for the bench). */
export function pdfRenderingStats(): { hits: number; renders: number } {
  return { ...currentCache().stats };
}

/**
 * Sizes this process's pool (a service at start-up) and returns what shuts it down (the service
 * at stop). Several services in one process (the in-process system tests) share the pool: the
 * first one's options hold, and it closes when the last one stops.
 */
export function usePdfRendering(settings: PdfRenderingOptions = {}): () => Promise<void> {
  if (users === 0 && !pool) options = settings;
  users += 1;
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    users -= 1;
    if (users > 0) return;
    rendered?.clear();
    rendered = undefined;
    if (!pool) return;
    const closing = pool;
    pool = undefined;
    await closing.close(); // renders in hand finish first
  };
}

async function renderOnWorker(job: RenderJob): Promise<Buffer> {
  let bytes: Uint8Array;
  try {
    bytes = await currentPool().run(job);
  } catch (error) {
    if (QUEUE_FULL_MESSAGES.has((error as Error).message)) throw new PdfQueueFull();
    throw error;
  }
  // The worker's Buffer arrives as a Uint8Array (its memory moved, not copied): view it as a
  // Buffer again.
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * The PDF of a job: from this process's cache if it was rendered before (or is being rendered
 * now), else rendered on a worker thread. The bytes may be shared: never write to them.
 */
export function renderInPool(job: RenderJob): Promise<Buffer> {
  return currentCache().get(job, () => renderOnWorker(job));
}
