/**
 * The run shared by every command: walk the inputs, read and decode each file, extract, and
 * hand results on in input order. One unreadable file is reported and skipped; the others'
 * records are never lost.
 */
import { hash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { addAbortSignal } from 'node:stream';
import { extract, type ExtractMeta } from '../extract.js';
import { decode, looksBinary, type DecodeOptions } from '../text/decode.js';
import type { Result } from '../schema.js';
import { walkItems, type InputFile } from './files.js';
import { extractPool, ordered, ownedBytes, workersFor, WINDOW_PER_JOB } from './pool.js';
import { ndjsonLines } from '../output/assemble.js';
import type { Shard } from './shard.js';
import { EXIT, type Io } from './io.js';
import { HeapTrimmer } from './heap.js';

export type KindOption = NonNullable<ExtractMeta['kinds']>[number];

export interface PipelineOptions {
  paths: string[];
  glob: string;
  kinds?: KindOption[];
  /** Id for a document read from stdin. */
  stdinId?: string;
  /** Read options (`--max-bytes`, `--encoding`). */
  maxBytes?: number;
  encoding?: DecodeOptions['encoding'];
  /** Aborted by SIGINT/SIGTERM: the run stops between two documents. */
  signal?: AbortSignal;
  /** `--jobs`: worker threads for extraction (1, the default, extracts in-process). */
  jobs?: number;
  /** Called once per extracted document, in order, with its size in bytes (progress). */
  onDocument?: (bytes: number) => void;
  /**
   * The caller only writes NDJSON lines: workers may then send `info.ndjson` (the lines) with a
   * Result holding the Document record only.
   */
  ndjsonOnly?: boolean;
  /** `--shard K/N`: sources that find their own documents (stdin NDJSON) keep only this slice. */
  shard?: Shard;
}

/** Files over this size are skipped (one giant file must not exhaust memory). */
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

export interface Problem {
  path: string;
  message: string;
}

/** Read all of stdin as bytes. */
export async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return (await readAtMost(stream, Infinity))!;
}

/** Read all of a stream as bytes; past `max` bytes it stops and returns null. */
export async function readAtMost(stream: NodeJS.ReadableStream, max: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of stream) {
    const b = typeof c === 'string' ? Buffer.from(c) : (c as Buffer);
    size += b.length;
    if (size > max) return null;
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

/** The one-line message for a document the extractor failed on (it is skipped; the run goes on). */
export function internalError(path: string, message: string): Problem {
  return { path, message: `${path}: internal error, document skipped: ${message.split('\n')[0]}` };
}

/** Documents per message to a worker: 8, or fewer when a small run would leave a worker idle. */
export function batchSize(workers: number, count: number): number {
  return Math.max(1, Math.min(MAX_BATCH, Math.floor(count / (workers * WINDOW_PER_JOB))));
}

const MAX_BATCH = 8;

/** `source` in consecutive groups of `size` (the last may be shorter), read lazily. */
export async function* batches<T>(source: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const item of source) {
    batch.push(item);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

export interface ExtractTask {
  /** The document's bytes (stdin), or `file` to be read by whoever runs the task. */
  bytes?: Uint8Array;
  /** A file to read: on a worker, reading then runs on every core, not on the main thread. */
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
   * With `ndjson` (workers): the lines, made on the worker as UTF-8 bytes and moved (not copied) to
   * the main thread, which writes them as they are; `result` then holds the Document record
   * only. Copying a whole Result between threads cost more than making its lines, and lines
   * sent as strings filled the main thread's heap (some 35 MB of its peak RSS).
   */
  ndjson?: Uint8Array<ArrayBuffer>;
}

const ENCODER = new TextEncoder();

/** Run one task: read (unless it holds its bytes), decode, extract; on a worker or in-process alike. */
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

/** Decode and extract one document; `lossy` when some bytes could not be decoded. */
export function extractDecoded(
  bytes: Uint8Array,
  meta: { id: string; path: string },
  kinds?: KindOption[],
  decodeOpts: DecodeOptions = {},
): { result: Result; lossy: boolean } {
  const decoded = decode(bytes, decodeOpts);
  const warnings = bytes.length === 0 ? ['empty file'] : decoded.warnings;
  const result = extract(decoded.text, {
    id: meta.id,
    path: meta.path,
    sha256: hash('sha256', bytes, 'hex'),
    warnings,
    ...(kinds ? { kinds } : {}),
  });
  if (bytes.length === 0) result.document.warnings = warnings;
  return { result, lossy: decoded.lossy };
}

export function extractBytes(bytes: Uint8Array, meta: { id: string; path: string }, kinds?: KindOption[], decodeOpts: DecodeOptions = {}): Result {
  return extractDecoded(bytes, meta, kinds, decodeOpts).result;
}

const MB = 1024 * 1024;
function size(n: number): string {
  return n >= MB ? `${(n / MB).toFixed(1).replace(/\.0$/, '')} MB` : n >= 1024 ? `${(n / 1024).toFixed(1).replace(/\.0$/, '')} KB` : `${n} bytes`;
}

/**
 * Read one input file, or say in one line why it cannot be used: missing (or a dangling
 * link), a symbolic-link loop, no permission, a folder, not a regular file (a FIFO would block
 * the run), over `maxBytes` (checked before reading), or binary. Never throws.
 */
export function readInput(file: InputFile, opts: { maxBytes?: number; encoding?: DecodeOptions['encoding'] } = {}): { bytes: Buffer; problem?: undefined } | { bytes?: undefined; problem: Problem } {
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const fail = (why: string): { problem: Problem } => ({ problem: { path: file.path, message: `${file.path}: ${why}` } });
  const reason = (err: unknown): string => {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'cannot read: no such file (or a dangling link)';
    if (code === 'ELOOP') return 'cannot read: symbolic link loop';
    if (code === 'EACCES' || code === 'EPERM') return 'cannot read: permission denied';
    if (code === 'EISDIR') return 'cannot read: is a folder';
    return `cannot read: ${(err as Error).message}`;
  };
  let st;
  try {
    st = statSync(file.abs);
  } catch (err) {
    return fail(reason(err));
  }
  if (st.isDirectory()) return fail('cannot read: is a folder');
  if (!st.isFile()) return fail('not a regular file (device, FIFO or socket), skipped');
  if (st.size > max) return fail(`${size(st.size)} is over --max-bytes (${size(max)}), skipped`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file.abs);
  } catch (err) {
    return fail(reason(err));
  }
  if (bytes.length > max) return fail(`${size(bytes.length)} is over --max-bytes (${size(max)}), skipped`);
  if (looksBinary(bytes, opts.encoding ? { encoding: opts.encoding } : {})) return fail('binary file, skipped');
  return { bytes };
}

export interface Source {
  /** Files in deterministic order; `-` stands for stdin. */
  inputs: (InputFile | '-')[];
  problems: Problem[];
}

/** One step of a lazy input stream: a file, stdin (`-`), or a path that cannot be used. */
export type Input = InputFile | '-' | { problem: Problem };

export function isProblem(i: Input): i is { problem: Problem } {
  return typeof i === 'object' && 'problem' in i;
}

/** The first items of a stream read ahead, and the whole stream again (head, then the rest). */
export interface Peeked {
  head: Input[];
  /** Inputs (not problems) in the head. */
  inputs: number;
  /** Whether the head is the whole stream. */
  exhausted: boolean;
  all: Iterable<Input>;
}

/** Read ahead until `n` inputs (or the end); problems met on the way are kept in the head. */
export function peekInputs(stream: Iterator<Input>, n: number): Peeked {
  const head: Input[] = [];
  let inputs = 0;
  let exhausted = false;
  while (inputs < n) {
    const next = stream.next();
    if (next.done) {
      exhausted = true;
      break;
    }
    head.push(next.value);
    if (!isProblem(next.value)) inputs++;
  }
  function* all(): Generator<Input> {
    yield* head;
    if (!exhausted) for (let r = stream.next(); !r.done; r = stream.next()) yield r.value;
  }
  return { head, inputs, exhausted, all: all() };
}

export function* filterInputs(stream: Iterable<Input>, keep: (i: Input) => boolean): Generator<Input> {
  for (const i of stream) if (keep(i)) yield i;
}

/** How many inputs (not problems) a stream holds that `keep` accepts, without holding them. */
export function countInputs(stream: Iterable<Input>, keep: (i: Input) => boolean): number {
  let n = 0;
  for (const i of stream) if (!isProblem(i) && keep(i)) n++;
  return n;
}

/**
 * Name every input problem on stderr. Returns the exit status they imply (3 when any), and
 * whether the run has nothing to read (then the caller exits 2; a message says so unless a
 * problem already explained it).
 */
export function reportInputProblems(io: Io, src: Source, where: { glob: string; paths: string[] }): { status: number; empty: boolean } {
  for (const p of src.problems) io.stderr.write(`extract: ${p.message}\n`);
  const empty = src.inputs.length === 0;
  if (empty && src.problems.length === 0) {
    io.stderr.write(`extract: no input: give files or folders (found no ${where.glob} under ${where.paths.join(', ') || '.'}), or pipe text to stdin\n`);
  }
  return { status: src.problems.length ? EXIT.unreadable : EXIT.ok, empty };
}

/** Every input and problem at once (commands that hold all documents anyway). */
export async function resolveInputs(io: Io, opts: PipelineOptions): Promise<Source> {
  const inputs: (InputFile | '-')[] = [];
  const problems: Problem[] = [];
  for (const i of inputStream(io, opts)) {
    if (isProblem(i)) problems.push(i.problem);
    else inputs.push(i);
  }
  return { inputs, problems };
}

/**
 * The inputs as a lazy, ordered stream (folders are read as the walk reaches them, so memory
 * does not grow with the archive): stdin first when named first (or when it is the only
 * input), else in the order given.
 */
export function* inputStream(io: Io, opts: Pick<PipelineOptions, 'paths' | 'glob'>): Generator<Input> {
  const named = opts.paths.filter((p) => p !== '-');
  const wantsStdin = opts.paths.includes('-') || (opts.paths.length === 0 && !io.stdinIsTTY);
  const stdinFirst = wantsStdin && (opts.paths[0] === '-' || opts.paths.length === 0);
  if (stdinFirst) yield '-';
  for (const item of walkItems(named, { glob: opts.glob, cwd: io.cwd })) {
    yield item.file ?? { problem: { path: item.error.split(':')[0]!, message: item.error } };
  }
  if (wantsStdin && !stdinFirst) yield '-';
}

/**
 * Extract every input in order; `onResult` may be async (back-pressure). Its second argument
 * says whether some bytes could not be decoded (the command exits 3 then). With `opts.signal`,
 * the run stops between two documents once it is aborted.
 */
export async function runPipeline(
  io: Io,
  opts: PipelineOptions,
  src: { inputs: Iterable<Input>; count?: number },
  onResult: (r: Result, info: { lossy: boolean; ndjson?: Uint8Array }) => void | Promise<void>,
  onProblem: (p: Problem) => void,
): Promise<void> {
  const decodeOpts: DecodeOptions = opts.encoding ? { encoding: opts.encoding } : {};
  // A task holds stdin's bytes, or only its file: whoever runs it (a worker, or this thread) reads it.
  type Task = { problem: Problem } | { bytes: Uint8Array; id: string; path: string } | { file: InputFile; id: string; path: string };
  type Done = { problem: Problem } | { result: Result; lossy: boolean; bytes: number; ndjson?: Uint8Array };
  // Inputs are read lazily, one at a time, only when the reorder buffer has room (see pool.ts).
  async function* tasks(): AsyncGenerator<Task> {
    for (const input of src.inputs) {
      if (opts.signal?.aborted) return;
      if (isProblem(input)) {
        yield input;
        continue;
      }
      if (input === '-') {
        let bytes: Buffer | null;
        try {
          bytes = await readAtMost(opts.signal ? addAbortSignal(opts.signal, io.stdin) : io.stdin, opts.maxBytes ?? DEFAULT_MAX_BYTES);
        } catch (err) {
          if (opts.signal?.aborted) return;
          throw err;
        }
        if (bytes === null) yield { problem: { path: '-', message: `-: stdin is over --max-bytes (${size(opts.maxBytes ?? DEFAULT_MAX_BYTES)}), skipped` } };
        else if (looksBinary(bytes, decodeOpts)) yield { problem: { path: '-', message: '-: binary input, skipped' } };
        else yield { bytes, id: opts.stdinId ?? '-', path: '-' };
        continue;
      }
      yield { file: input, id: input.id, path: input.path };
      // Let a pending SIGINT/SIGTERM handler run between documents.
      if (opts.signal) await new Promise((resolve) => setImmediate(resolve));
    }
  }
  // `--jobs N`: extraction on worker threads; small runs and `--jobs 1` stay in-process.
  const count = src.count ?? (Array.isArray(src.inputs) ? src.inputs.length : Infinity);
  const workers = workersFor(opts.jobs ?? 1, count);
  const pool = workers > 0 ? extractPool<ExtractTask[], ExtractReply[]>(workers) : null;
  // Workers get documents in batches: each message between threads costs the same whatever it
  // holds (about 0.2 ms on a VM, where waking the other thread exits to the host).
  const perBatch = pool ? batchSize(workers, count) : 1;
  // This thread extracts (in-process) or orders and writes (workers): either way its garbage
  // must not pile up over a long run (heap.ts). Workers trim their own heaps.
  const trimmer = new HeapTrimmer();
  // NDJSON lines are made on the workers (see ExtractDone.ndjson); in-process, the caller makes them.
  const common = { ...(opts.kinds ? { kinds: opts.kinds } : {}), decode: decodeOpts, ...(pool && opts.ndjsonOnly ? { ndjson: true } : {}) };
  /** The task for a document; stdin's bytes are moved to a worker (`transfer`), not copied. */
  const taskOf = (t: Exclude<Task, { problem: Problem }>, transfer: ArrayBuffer[] | null): ExtractTask => {
    if ('file' in t) return { ...common, id: t.id, path: t.path, file: t.file, ...(opts.maxBytes !== undefined ? { maxBytes: opts.maxBytes } : {}) };
    if (!transfer) return { ...common, id: t.id, path: t.path, bytes: t.bytes };
    const bytes = ownedBytes(t.bytes);
    transfer.push(bytes.buffer);
    return { ...common, id: t.id, path: t.path, bytes };
  };
  const done = (t: { path: string }, d: ExtractReply): Done => ('problem' in d ? d : 'error' in d ? { problem: internalError(t.path, d.error) } : { ...d, bytes: d.size });
  try {
    await ordered<Task[], Done[]>(
      batches(tasks(), perBatch),
      pool ? workers * WINDOW_PER_JOB : 1,
      async (batch) => {
        const todo = batch.filter((t): t is Exclude<Task, { problem: Problem }> => !('problem' in t));
        let replies: ExtractReply[];
        if (!pool) replies = runTasks(todo.map((t) => taskOf(t, null)));
        else {
          const transfer: ArrayBuffer[] = [];
          try {
            replies = todo.length > 0 ? await pool.run(todo.map((t) => taskOf(t, transfer)), transfer) : [];
          } catch (err) {
            // The worker itself failed: every document of the batch is reported and skipped.
            replies = todo.map(() => ({ error: (err as Error).message }));
          }
        }
        // One document that broke the extractor is reported and skipped; the run goes on.
        let k = 0;
        return batch.map((t) => ('problem' in t ? t : done(t, replies[k++]!)));
      },
      async (list) => {
        for (const d of list) {
          if ('problem' in d) {
            onProblem(d.problem);
            continue;
          }
          opts.onDocument?.(d.bytes);
          await onResult(d.result, { lossy: d.lossy, ...(d.ndjson !== undefined ? { ndjson: d.ndjson } : {}) });
          trimmer.add(d.bytes);
        }
      },
    );
  } finally {
    await pool?.close();
  }
}
