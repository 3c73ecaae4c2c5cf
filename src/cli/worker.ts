/**
 * The worker-thread entry of `--jobs N`: receives one document's bytes (moved, not copied)
 * with its id, path and read options, runs the same `extractDecoded` as the in-process path,
 * and posts the Result back. Lexicons and rules compile once per worker, at import.
 */
import { parentPort } from 'node:worker_threads';
import type { Result } from '../schema.js';
import type { DecodeOptions } from '../text/decode.js';
import { extractDecoded, type KindOption } from './pipeline.js';
import { ndjsonLines } from '../output/assemble.js';
import type { Reply, Request } from './pool.js';

export interface ExtractTask {
  bytes: Uint8Array;
  id: string;
  path: string;
  kinds?: KindOption[];
  decode: DecodeOptions;
  /** Send back the document's NDJSON lines and only its Document record (see ExtractDone). */
  ndjson?: boolean;
}

export interface ExtractDone {
  result: Result;
  lossy: boolean;
  /**
   * With `ndjson`: the lines, made here on the worker; `result` then holds the Document record
   * only. Copying a whole Result between threads cost more than making its lines.
   */
  ndjson?: string;
}

/** Run one task exactly as the in-process path does. */
export function runTask(t: ExtractTask): ExtractDone {
  const d = extractDecoded(t.bytes, { id: t.id, path: t.path }, t.kinds, t.decode);
  if (!t.ndjson) return d;
  const r = d.result;
  return { lossy: d.lossy, ndjson: ndjsonLines(r), result: { document: r.document, officials: [], indicators: [], agreements: [], legalRefs: [] } };
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
