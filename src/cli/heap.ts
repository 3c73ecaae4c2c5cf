/**
 * Flat memory on a long run. V8 sizes the old generation lazily: on an archive run most
 * garbage is short-lived, a little survives two scavenges (a document's records waiting to
 * be written, memo entries replaced), and the first full collection can come only after
 * hundreds of MB of input, so the peak RSS of a run grew with the corpus (about 130 MB at
 * 100 MB, 155 MB at 1 GB) although the live heap stays at about 25 MB. A full collection
 * every `HEAP_TRIM_BYTES` of input keeps the peak the same at any corpus size, for well
 * under 1% of the run's time (one collection takes about 10 ms; 16 MB take about 2.5 s).
 *
 * The collector is V8's own `gc`, exposed for this isolate the way test runners do (jest's
 * `--logHeapUsage`): `--expose-gc` is set, `gc` is read from a fresh context, and the flag is
 * turned off again. Where that is not possible the trimmer does nothing.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Input bytes between two full collections (per thread: each worker counts its own). 32 MB
 * kept --jobs 1 flat, but --jobs 2 still peaked at 267-270 MB on the 100 MB corpus; 16 MB
 * gave 215-231 MB at the same speed, and --jobs 1 was unchanged (137-139 MB, 16.5 s).
 */
export const HEAP_TRIM_BYTES = 16 * 1024 * 1024;

let collector: (() => void) | null | undefined;

/** V8's full collection for this isolate (thread), or null when it cannot be had. */
export function fullCollection(): (() => void) | null {
  if (collector === undefined) {
    const exposed = (globalThis as { gc?: unknown }).gc;
    if (typeof exposed === 'function') collector = exposed as () => void;
    else {
      try {
        setFlagsFromString('--expose-gc');
        const gc: unknown = runInNewContext('gc');
        collector = typeof gc === 'function' ? (gc as () => void) : null;
      } catch {
        collector = null;
      } finally {
        setFlagsFromString('--no-expose-gc');
      }
    }
  }
  return collector;
}

/** Counts input bytes and runs `collect` each time `every` more bytes have been processed. */
export class HeapTrimmer {
  private since = 0;

  constructor(
    private readonly every: number = HEAP_TRIM_BYTES,
    private readonly collect: (() => void) | null = fullCollection(),
  ) {}

  /** `bytes` more input were processed; collect when the interval is reached. */
  add(bytes: number): void {
    if (!this.collect) return;
    this.since += bytes;
    if (this.since >= this.every) {
      this.since = 0;
      this.collect();
    }
  }
}
