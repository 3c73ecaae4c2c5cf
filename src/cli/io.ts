/** The streams and environment a CLI run talks to; tests pass fakes. */
import type { Readable, Writable } from 'node:stream';

export interface Io {
  stdout: Writable;
  stderr: Writable;
  stdin: Readable;
  /** Whether stdout is a terminal (pretty output, colour). */
  stdoutIsTTY: boolean;
  /** Whether stderr is a terminal (progress bars). */
  stderrIsTTY: boolean;
  /** Whether stdin is a terminal (no piped input). */
  stdinIsTTY: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
}

export function processIo(): Io {
  // A reader that leaves (`| head`, `2>&1 | head`) is a normal end, never an EPIPE stack trace:
  // stdout writers stop via Out (src/cli/out.ts); what still goes to a closed pipe is dropped.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err;
    });
  }
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    stdinIsTTY: Boolean(process.stdin.isTTY),
    env: process.env,
    cwd: process.cwd(),
  };
}

/** Colour is for terminals only, and never under NO_COLOR (https://no-color.org). */
export function useColour(io: Io, stream: 'stdout' | 'stderr' = 'stdout'): boolean {
  const tty = stream === 'stdout' ? io.stdoutIsTTY : io.stderrIsTTY;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return tty;
}

/** Exit codes (README table). */
export const EXIT = { ok: 0, checkFailed: 1, usage: 2, unreadable: 3 } as const;

/** A usage error: exit 2 with the message on stderr. */
export class UsageError extends Error {}
