/**
 * Writing to stdout with back-pressure, and a closed pipe (`| head`) as a normal end: once the
 * reader is gone, writes become no-ops and the run ends quietly with exit 0.
 */
import type { Writable } from 'node:stream';

export class Out {
  closed = false;
  constructor(private readonly stream: Writable) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') this.closed = true;
      else throw err;
    });
  }

  async write(chunk: string | Uint8Array): Promise<void> {
    if (this.closed || chunk.length === 0) return;
    const ok = this.stream.write(chunk);
    if (!ok && !this.closed) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          this.stream.off('drain', done);
          this.stream.off('close', done);
          this.stream.off('error', done);
          resolve();
        };
        this.stream.once('drain', done);
        this.stream.once('close', done);
        this.stream.once('error', done);
      });
    }
  }
}
