/**
 * The worker-thread entry of `--jobs N`: receives one document's bytes (moved, not copied)
 * with its id, path and read options, runs the same `extractDecoded` as the in-process path,
 * and posts the Result back. Lexicons and rules compile once per worker, at import.
 */
import { parentPort } from 'node:worker_threads';
import type { Result } from '../schema.js';
import type { DecodeOptions } from '../text/decode.js';
import { extractDecoded, type KindOption } from './pipeline.js';
import type { Reply, Request } from './pool.js';

export interface ExtractTask {
  bytes: Uint8Array;
  id: string;
  path: string;
  kinds?: KindOption[];
  decode: DecodeOptions;
}

export interface ExtractDone {
  result: Result;
  lossy: boolean;
}

/** Run one task exactly as the in-process path does. */
export function runTask(t: ExtractTask): ExtractDone {
  return extractDecoded(t.bytes, { id: t.id, path: t.path }, t.kinds, t.decode);
}

if (parentPort) {
  const port = parentPort;
  port.on('message', ({ seq, task }: Request<ExtractTask>) => {
    let reply: Reply<ExtractDone>;
    try {
      reply = { seq, ok: true, value: runTask(task) };
    } catch (err) {
      reply = { seq, ok: false, error: err instanceof Error ? err.message : String(err) };
    }
    port.postMessage(reply);
  });
}
