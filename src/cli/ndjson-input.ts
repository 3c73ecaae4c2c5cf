/**
 * `--stdin-ndjson`: documents as a stream of lines `{"id": "...", "text": "..."}` (an optional
 * `"path"` is kept as the document's path), so `extract` works as a streaming filter and as the
 * mapper of a distributed engine's pipe/streaming interface. Each line is extracted as soon as
 * it arrives and handed on before the next is read, so output flows while input is still open.
 * A malformed line is reported with its line number and skipped; the run goes on.
 */
import { createInterface } from 'node:readline';
import type { Result } from '../schema.js';
import type { Io } from './io.js';
import { extractDecoded, type PipelineOptions, type Problem } from './pipeline.js';
import { inShard } from './shard.js';

/** `runPipeline`'s options (kinds, encoding, the stop signal) and a place for warnings. */
export interface NdjsonInputOptions extends PipelineOptions {
  /** Notes that do not make the run fail (a repeated id). */
  warn?: (message: string) => void;
}

/** What is wrong with one parsed line, or null when it is a document. */
function lineProblem(v: unknown): string | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'expected an object {"id": "...", "text": "..."}';
  const o = v as Record<string, unknown>;
  if (typeof o.id !== 'string' || o.id === '') return '"id" must be a non-empty string';
  if (typeof o.text !== 'string') return '"text" must be a string';
  if (o.path !== undefined && typeof o.path !== 'string') return '"path" must be a string when given';
  return null;
}

/** Same shape as `runPipeline` (the file list is unused), so a command can take either. */
export async function readNdjsonDocuments(
  io: Io,
  opts: NdjsonInputOptions,
  _src: unknown,
  onResult: (r: Result, info: { lossy: boolean }) => void | Promise<void>,
  onProblem: (p: Problem) => void,
): Promise<void> {
  if (opts.signal?.aborted) return;
  const rl = createInterface({ input: io.stdin, crlfDelay: Infinity, ...(opts.signal ? { signal: opts.signal } : {}) });
  const firstLineOf = new Map<string, number>();
  let n = 0;
  try {
    for await (const raw of rl) {
      n++;
      if (opts.signal?.aborted) break;
      const line = n === 1 ? raw.replace(/^\ufeff/, '') : raw;
      if (line.trim() === '') continue;
      let v: unknown;
      try {
        v = JSON.parse(line);
      } catch (err) {
        onProblem({ path: '-', message: `stdin line ${n}: not valid JSON: ${(err as Error).message}` });
        continue;
      }
      const why = lineProblem(v);
      if (why) {
        onProblem({ path: '-', message: `stdin line ${n}: ${why}` });
        continue;
      }
      const doc = v as { id: string; text: string; path?: string };
      const seen = firstLineOf.get(doc.id);
      if (seen !== undefined) opts.warn?.(`stdin line ${n}: id '${doc.id}' was already used on line ${seen}; their record keys will clash`);
      else firstLineOf.set(doc.id, n);
      // `--shard K/N`: another machine (or mapper) takes this document.
      if (!inShard(doc.id, opts.shard)) continue;
      const d = extractDecoded(Buffer.from(doc.text, 'utf8'), { id: doc.id, path: doc.path ?? '-' }, opts.kinds);
      await onResult(d.result, { lossy: d.lossy });
    }
  } catch (err) {
    if (!opts.signal?.aborted) throw err;
  } finally {
    rl.close();
  }
}
