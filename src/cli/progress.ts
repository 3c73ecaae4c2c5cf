/**
 * A progress bar on stderr for long runs: files done/total, MB read, MB/s and ETA. Shown only
 * when stderr is a terminal, never with `--quiet`, and only once a run has lasted a second
 * (short runs print nothing). The bar is drawn by `cli-progress`, loaded only when needed so
 * that short runs never pay for it; it is cleared when the run ends.
 */
import type { Io } from './io.js';

export interface Progress {
  /** One more document done, `bytes` long. */
  tick(bytes: number): void;
  /** Stop and clear the bar (safe to call more than once). */
  stop(): void;
  /** Write a message (whole lines) to stderr: above the bar, which is redrawn under it. */
  note(text: string): void;
}

const none = (io: Io): Progress => ({ tick: () => undefined, stop: () => undefined, note: (text) => void io.stderr.write(text) });

/** Whether a run may show a bar at all: a terminal on stderr, not quiet. */
export function wantsProgress(io: Pick<Io, 'stderrIsTTY'>, quiet: boolean | undefined): boolean {
  return io.stderrIsTTY && !quiet;
}

/** The figures shown next to the bar. */
export function progressFields(bytes: number, seconds: number): { mb: string; rate: string } {
  const mb = bytes / 1e6;
  return { mb: mb.toFixed(1), rate: seconds > 0 ? (mb / seconds).toFixed(1) : '0.0' };
}

interface Bar {
  start(total: number, value: number, payload: Record<string, string>): void;
  update(value: number, payload: Record<string, string>): void;
  render(): void;
  /** cli-progress draws a line only when it differs from this one: cleared to force a redraw. */
  lastDrawnString: string;
  stop(): void;
}

export function startProgress(io: Io, opts: { total: number; quiet?: boolean; delayMs?: number; now?: () => number }): Progress {
  if (!wantsProgress(io, opts.quiet) || opts.total <= 1) return none(io);
  const now = opts.now ?? (() => performance.now());
  const t0 = now();
  const delay = opts.delayMs ?? 1000;
  let done = 0;
  let bytes = 0;
  let bar: Bar | null = null;
  let loading = false;
  let stopped = false;
  let lastDraw = 0;
  const draw = (): void => {
    if (!bar) return;
    const t = now();
    // Redraw at most ten times a second; the final state is drawn on stop.
    if (t - lastDraw < 100 && done < opts.total) return;
    lastDraw = t;
    bar.update(done, progressFields(bytes, (t - t0) / 1000));
  };
  return {
    tick(n: number): void {
      done++;
      bytes += n;
      if (stopped) return;
      if (bar) return draw();
      if (loading || now() - t0 < delay) return;
      loading = true;
      import('cli-progress')
        .then((m) => {
          if (stopped) return;
          const cp = m.default;
          const b = new cp.SingleBar(
            {
              stream: io.stderr,
              format: 'extract {bar} {value}/{total} files | {mb} MB | {rate} MB/s | ETA {eta_formatted}',
              hideCursor: true,
              clearOnComplete: true,
              etaBuffer: 200,
              fps: 10,
            },
            cp.Presets.shades_classic,
          ) as unknown as Bar;
          b.start(opts.total, done, progressFields(bytes, (now() - t0) / 1000));
          bar = b;
        })
        .catch(() => undefined);
    },
    stop(): void {
      if (stopped) return;
      stopped = true;
      if (bar) bar.stop();
    },
    note(text: string): void {
      if (!bar || stopped) return void io.stderr.write(text);
      // Clear the bar's line, write the message, and draw the bar again below it.
      io.stderr.write(`\r\x1b[2K${text}`);
      bar.lastDrawnString = '';
      bar.render();
    },
  };
}
