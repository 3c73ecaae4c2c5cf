/**
 * Extraction on every core, output in input order.
 *
 * - `ordered()` is the reorder buffer: it starts tasks from a source while fewer than `window`
 *   are in flight or waiting, and emits results strictly in source order. `emit` is awaited
 *   before the next task is started, so a blocked stdout stops the reading of further files
 *   (back-pressure) and memory stays bounded by `window` documents whatever the corpus size.
 * - `WorkerPool` runs tasks on `node:worker_threads` (one task at a time per worker plus one
 *   queued, so a worker never waits for the main thread between documents). A worker crash or
 *   a task error rejects that task; the run stops with the error, as an in-process one would.
 *
 * `--jobs 1` and tiny inputs never start a worker (start-up time), and any `--jobs` gives
 * byte-identical output because order is restored here, not by the workers.
 */
import { availableParallelism } from 'node:os';
import { Worker, type TransferListItem } from 'node:worker_threads';
import { UsageError } from './io.js';

/** Default for `--jobs`: the cores this process may use. */
export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

/** Parse `--jobs N` (a positive integer). */
export function parseJobs(s: string | number | undefined): number | undefined {
  if (s === undefined) return undefined;
  const n = typeof s === 'number' ? s : /^\s*\d+\s*$/.test(s) ? Number(s) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`--jobs: expected a positive whole number, got '${s}'`);
  return n;
}

/**
 * Map `source` through `run` with at most `window` tasks started but not yet emitted, and
 * hand each result to `emit` in source order. Rejects with the first error (in source order:
 * a failed task is only rethrown when its turn to be emitted comes, so earlier results are
 * still emitted first). Tasks already started when that happens are left to settle.
 */
export async function ordered<T, R>(
  source: Iterable<T> | AsyncIterable<T>,
  window: number,
  run: (item: T, index: number) => Promise<R>,
  emit: (result: R, index: number) => void | Promise<void>,
): Promise<void> {
  if (window < 1) throw new RangeError('ordered: window must be at least 1');
  const pending: Promise<R>[] = [];
  const it = Symbol.asyncIterator in source ? (source as AsyncIterable<T>)[Symbol.asyncIterator]() : (source as Iterable<T>)[Symbol.iterator]();
  let started = 0;
  let emitted = 0;
  let done = false;
  for (;;) {
    while (!done && started - emitted < window) {
      const next = await it.next();
      if (next.done) {
        done = true;
        break;
      }
      const p = run(next.value, started);
      // Keep a rejection from being reported as unhandled while it waits for its turn.
      p.catch(() => undefined);
      pending.push(p);
      started++;
    }
    if (emitted === started) return;
    const head = pending.shift()!;
    const r = await head;
    await emit(r, emitted);
    emitted++;
  }
}

interface Job<Req, Res> {
  req: Req;
  transfer: readonly TransferListItem[];
  resolve: (r: Res) => void;
  reject: (e: Error) => void;
}

interface Slot<Req, Res> {
  worker: Worker;
  busy: Map<number, Job<Req, Res>>;
}

/** What a worker receives: the task and a number to echo back with its reply. */
export interface Request<Req> {
  seq: number;
  task: Req;
}

/** Messages a worker sends back: a result, or the error a task threw, with the request's seq. */
export type Reply<Res> = { seq: number } & ({ ok: true; value: Res } | { ok: false; error: string });

/** How many tasks a worker holds at once (one running, one queued behind it). */
const PER_WORKER = 2;

export class WorkerPool<Req, Res> {
  private readonly slots: Slot<Req, Res>[] = [];
  private readonly queue: Job<Req, Res>[] = [];
  private failed: Error | null = null;
  private closed = false;
  private seq = 0;

  constructor(size: number, spawn: () => Worker) {
    for (let i = 0; i < size; i++) {
      const slot: Slot<Req, Res> = { worker: spawn(), busy: new Map() };
      slot.worker.on('message', (m: Reply<Res>) => this.onReply(slot, m));
      slot.worker.on('error', (err) => this.fail(err instanceof Error ? err : new Error(String(err))));
      slot.worker.on('exit', (code) => {
        if (!this.closed) this.fail(new Error(`worker stopped unexpectedly (exit code ${code})`));
      });
      this.slots.push(slot);
    }
  }

  get size(): number {
    return this.slots.length;
  }

  /** Run one task on the least busy worker; `transfer` moves buffers instead of copying them. */
  run(req: Req, transfer: readonly TransferListItem[] = []): Promise<Res> {
    if (this.failed) return Promise.reject(this.failed);
    if (this.closed) return Promise.reject(new Error('worker pool is closed'));
    return new Promise<Res>((resolve, reject) => {
      this.queue.push({ req, transfer, resolve, reject });
      this.dispatch();
    });
  }

  /** Stop every worker; pending tasks are rejected. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const err = new Error('worker pool is closed');
    for (const j of this.queue.splice(0)) j.reject(err);
    for (const s of this.slots) this.rejectBusy(s, err);
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let best: Slot<Req, Res> | undefined;
      for (const s of this.slots) if (s.busy.size < PER_WORKER && (!best || s.busy.size < best.busy.size)) best = s;
      if (!best) return;
      const job = this.queue.shift()!;
      const seq = this.seq++;
      best.busy.set(seq, job);
      const msg: Request<Req> = { seq, task: job.req };
      best.worker.postMessage(msg, job.transfer);
    }
  }

  private onReply(slot: Slot<Req, Res>, m: Reply<Res>): void {
    const job = slot.busy.get(m.seq);
    if (!job) return;
    slot.busy.delete(m.seq);
    if (m.ok) job.resolve(m.value);
    else job.reject(new Error(m.error));
    this.dispatch();
  }

  private fail(err: Error): void {
    if (this.failed || this.closed) return;
    this.failed = err;
    for (const j of this.queue.splice(0)) j.reject(err);
    for (const s of this.slots) this.rejectBusy(s, err);
  }

  private rejectBusy(slot: Slot<Req, Res>, err: Error): void {
    const jobs = [...slot.busy.values()];
    slot.busy.clear();
    for (const j of jobs) j.reject(err);
  }
}

/** Inputs up to this many are extracted in-process whatever `--jobs` says (start-up time). */
export const IN_PROCESS_MAX_FILES = 16;

/** Tasks (batches of documents, see pipeline.ts) started but not yet written, per worker (the reorder buffer's window). */
export const WINDOW_PER_JOB = 4;

/** How many workers a run of `files` inputs uses: 0 means in-process. */
export function workersFor(jobs: number, files: number): number {
  if (jobs <= 1 || files <= IN_PROCESS_MAX_FILES) return 0;
  return Math.min(jobs, files);
}

/**
 * Young generation of each worker's heap, in MB. V8's default lets it grow to 48 MB per thread
 * under the allocation rate of extraction; a third of that measured as fast on the bench
 * corpus (a document's garbage dies young either way) and saves about 20 MB of peak RSS per
 * worker. The old generation is not limited: one large document may need it.
 */
export const WORKER_YOUNG_MB = 16;

/** A pool of extraction workers (dist/cli/worker.js). */
export function extractPool<Req, Res>(size: number): WorkerPool<Req, Res> {
  return new WorkerPool<Req, Res>(size, () => new Worker(new URL('./worker.js', import.meta.url), { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB } }));
}

/**
 * The bytes to post to a worker, as an `ArrayBuffer` the worker may own: a Buffer that is a
 * slice of Node's shared pool (small reads) must be copied, never transferred, or the pool
 * would be detached under the other Buffers that use it.
 */
export function ownedBytes(b: Uint8Array): Uint8Array<ArrayBuffer> {
  if (b.buffer instanceof ArrayBuffer && b.byteOffset === 0 && b.byteLength === b.buffer.byteLength) return b as Uint8Array<ArrayBuffer>;
  return new Uint8Array(b);
}
