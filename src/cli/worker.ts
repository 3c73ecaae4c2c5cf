/**
 * The worker-thread entry of `--jobs N`: receives one document's bytes (moved, not copied)
 * with its id, path and read options, runs the same `extractDecoded` as the in-process path,
 * and posts the Result back. Lexicons and rules compile once per worker, at import.
 */
import { parentPort } from 'node:worker_threads';
import type { Result } from '../schema.js';
import type { DecodeOptions } from '../text/decode.js';
import { extractDecoded, readInput, type KindOption, type Problem } from './pipeline.js';
import type { InputFile } from './files.js';
import { ndjsonLines } from '../output/assemble.js';
import type { Reply, Request } from './pool.js';
import { HeapTrimmer } from './heap.js';

export interface ExtractTask {
  /** The document's bytes (stdin), or `file` to be read here on the worker. */
  bytes?: Uint8Array;
  /** A file to read on the worker: reading then runs on every core, not on the main thread. */
  file?: InputFile;
  /** `--max-bytes` for `file`. */
  maxBytes?: number;
  id: string;
  path: string;
  kinds?: KindOption[];
  decode: DecodeOptions;
  /** Send back the document's NDJSON lines and only its Document record (see ExtractDone). */
  ndjson?: boolean;
}

export type ExtractReply = ExtractDone | { problem: Problem };

export interface ExtractDone {
  result: Result;
  lossy: boolean;
  /** Size of the document in bytes (progress). */
  size: number;
  /**
   * With `ndjson`: the lines, made here on the worker as UTF-8 bytes and moved (not copied) to
   * the main thread, which writes them as they are; `result` then holds the Document record
   * only. Copying a whole Result between threads cost more than making its lines, and lines
   * sent as strings filled the main thread's heap (some 40 MB of its peak RSS).
   */
  ndjson?: Uint8Array<ArrayBuffer>;
}

const ENCODER = new TextEncoder();

/** Run one task exactly as the in-process path does (read, decode, extract). */
export function runTask(t: ExtractTask): ExtractReply {
  let bytes = t.bytes;
  if (!bytes) {
    const read = readInput(t.file!, { ...(t.maxBytes !== undefined ? { maxBytes: t.maxBytes } : {}), ...t.decode });
    if (read.problem) return { problem: read.problem };
    bytes = read.bytes;
  }
  const d = extractDecoded(bytes, { id: t.id, path: t.path }, t.kinds, t.decode);
  if (!t.ndjson) return { ...d, size: bytes.length };
  const r = d.result;
  return { lossy: d.lossy, size: bytes.length, ndjson: ENCODER.encode(ndjsonLines(r)), result: { document: r.document, officials: [], indicators: [], agreements: [], legalRefs: [] } };
}

if (parentPort) {
  const port = parentPort;
  const trimmer = new HeapTrimmer();
  port.on('message', ({ seq, task }: Request<ExtractTask>) => {
    let reply: Reply<ExtractReply>;
    try {
      const value = runTask(task);
      reply = { seq, ok: true, value };
      if ('size' in value) trimmer.add(value.size);
    } catch (err) {
      reply = { seq, ok: false, error: err instanceof Error ? err.message : String(err) };
    }
    port.postMessage(reply, reply.ok && 'ndjson' in reply.value && reply.value.ndjson ? [reply.value.ndjson.buffer] : []);
  });
}
