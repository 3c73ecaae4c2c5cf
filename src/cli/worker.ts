/**
 * The worker-thread entry of `--jobs N`: receives a batch of documents (each a file to read
 * here, or bytes moved, not copied) with their ids, paths and read options, runs the same
 * `extractDecoded` as the in-process path on each, and posts the batch's results back in one
 * message. Lexicons and rules compile once per worker, at import.
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

/** A document's outcome: its records, a read problem, or the message of an error the extractor threw. */
export type ExtractReply = ExtractDone | { problem: Problem } | { error: string };

export interface ExtractDone {
  result: Result;
  lossy: boolean;
  /** Size of the document in bytes (progress). */
  size: number;
  /**
   * With `ndjson`: the lines, made here on the worker as UTF-8 bytes and moved (not copied) to
   * the main thread, which writes them as they are; `result` then holds the Document record
   * only. Copying a whole Result between threads cost more than making its lines, and lines
   * sent as strings filled the main thread's heap (some 35 MB of its peak RSS).
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

/** Run a batch of tasks in order; one document that breaks the extractor does not stop the others. */
export function runTasks(tasks: readonly ExtractTask[]): ExtractReply[] {
  return tasks.map((t) => {
    try {
      return runTask(t);
    } catch (err) {
      return { error: err instanceof Error ? err.message : String(err) };
    }
  });
}

if (parentPort) {
  const port = parentPort;
  const trimmer = new HeapTrimmer();
  port.on('message', ({ seq, task }: Request<ExtractTask[]>) => {
    const value = runTasks(task);
    const transfer: ArrayBuffer[] = [];
    let bytes = 0;
    for (const r of value) {
      if ('size' in r) {
        bytes += r.size;
        if (r.ndjson) transfer.push(r.ndjson.buffer);
      }
    }
    const reply: Reply<ExtractReply[]> = { seq, ok: true, value };
    port.postMessage(reply, transfer);
    // After the reply, so a collection never holds back the main thread's writing.
    trimmer.add(bytes);
  });
}
