/**
 * The worker-thread entry of `--jobs N`: receives a batch of documents (each a file to read
 * here, or bytes moved, not copied) with their ids, paths and read options, runs them with the
 * same `runTasks` as the in-process path, and posts the batch's results back in one message.
 * Lexicons and rules compile once per worker, at import.
 */
import { parentPort } from 'node:worker_threads';
import { runTasks, type ExtractReply, type ExtractTask } from './pipeline.js';
import type { Reply, Request } from './pool.js';
import { HeapTrimmer } from './heap.js';

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
