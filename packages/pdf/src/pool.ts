// Vouchers are rendered on worker threads (piscina), never on the thread that answers HTTP: a
// 100-line 支出命令書 takes ~0.4 s of CPU, which on the main thread stalled every request of the
// process (/health included) while it ran. One pool per process, started on the first render.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Piscina } from 'piscina';
import type { RenderJob } from './jobs';

export interface PdfRenderingOptions {
  /** Worker threads; each parses the fonts once (50–100 MB of memory). Default: the available cores. */
  workers?: number;
  /** Renders that may wait for a worker; one more is refused with PdfQueueFull. Default: unbounded. */
  maxQueue?: number;
}

/** The render queue is full: the process is overloaded, retry later (HTTP 503). */
export class PdfQueueFull extends Error {
  readonly code = 'PDF_QUEUE_FULL';
  constructor() {
    super('Too many PDF renders are waiting; retry later');
  }
}

/** How piscina refuses a job when its queue is full (Errors.TaskQueueAtLimit, NoTaskQueueAvailable). */
const QUEUE_FULL_MESSAGES = new Set(['Task queue is at limit', 'No task queue available']);

/** A worker beyond the first left idle this long exits (its fonts with it). */
const IDLE_TIMEOUT_MS = 5 * 60 * 1000;

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

function currentPool(): Piscina<RenderJob, Uint8Array> {
  if (pool) return pool;
  const workers = Math.max(1, options.workers ?? availableParallelism());
  pool = new Piscina<RenderJob, Uint8Array>({
    filename: WORKER_FILE,
    // The pool is made by the first render, not by every process that might render; from then
    // one worker stays (a cold one takes ~1 s to start and parse the fonts), others come with
    // a burst and leave when idle.
    minThreads: 1,
    maxThreads: workers,
    idleTimeout: IDLE_TIMEOUT_MS,
    // Reject rather than queue without bound: the caller answers 503.
    maxQueue: options.maxQueue ?? Number.MAX_SAFE_INTEGER,
  });
  return pool;
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
    if (users > 0 || !pool) return;
    const closing = pool;
    pool = undefined;
    await closing.close(); // renders in hand finish first
  };
}

/** Renders a job on a worker thread and resolves with the PDF bytes. */
export async function renderInPool(job: RenderJob): Promise<Buffer> {
  let bytes: Uint8Array;
  try {
    bytes = await currentPool().run(job);
  } catch (error) {
    if (QUEUE_FULL_MESSAGES.has((error as Error).message)) throw new PdfQueueFull();
    throw error;
  }
  // The worker's Buffer arrives as a Uint8Array (structured clone): view it as a Buffer again.
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
