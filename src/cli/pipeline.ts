/**
 * The run shared by every command: walk the inputs, read and decode each file, extract, and
 * hand results on in input order. One unreadable file is reported and skipped; the others'
 * records are never lost.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { extract, type ExtractMeta } from '../extract.js';
import { decode } from '../text/decode.js';
import type { Result } from '../schema.js';
import { walk, type InputFile } from './files.js';
import type { Io } from './io.js';

export type KindOption = NonNullable<ExtractMeta['kinds']>[number];

export interface PipelineOptions {
  paths: string[];
  glob: string;
  kinds?: KindOption[];
  /** Id for a document read from stdin. */
  stdinId?: string;
}

export interface Problem {
  path: string;
  message: string;
}

/** Read all of stdin as bytes. */
export async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks);
}

export function extractBytes(bytes: Uint8Array, meta: { id: string; path: string }, kinds?: KindOption[]): Result {
  const decoded = decode(bytes);
  return extract(decoded.text, {
    id: meta.id,
    path: meta.path,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    warnings: decoded.warnings,
    ...(kinds ? { kinds } : {}),
  });
}

export interface Source {
  /** Files in deterministic order; `-` stands for stdin. */
  inputs: (InputFile | '-')[];
  problems: Problem[];
}

export async function resolveInputs(io: Io, opts: PipelineOptions): Promise<Source> {
  const named = opts.paths.filter((p) => p !== '-');
  const wantsStdin = opts.paths.includes('-') || (opts.paths.length === 0 && !io.stdinIsTTY);
  const w = await walk(named, { glob: opts.glob, cwd: io.cwd });
  const inputs: (InputFile | '-')[] = [];
  // stdin first when named first, else in the order given.
  if (wantsStdin && (opts.paths[0] === '-' || opts.paths.length === 0)) inputs.push('-', ...w.files);
  else if (wantsStdin) inputs.push(...w.files, '-');
  else inputs.push(...w.files);
  return { inputs, problems: w.errors.map((e) => ({ path: e.split(':')[0]!, message: e })) };
}

/** Extract every input in order; `onResult` may be async (back-pressure). */
export async function runPipeline(
  io: Io,
  opts: PipelineOptions,
  src: Source,
  onResult: (r: Result) => void | Promise<void>,
  onProblem: (p: Problem) => void,
): Promise<void> {
  for (const input of src.inputs) {
    if (input === '-') {
      const bytes = await readAll(io.stdin);
      await onResult(extractBytes(bytes, { id: opts.stdinId ?? '-', path: '-' }, opts.kinds));
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = readFileSync(input.abs);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      onProblem({ path: input.path, message: `${input.path}: cannot read: ${code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a folder' : (err as Error).message}` });
      continue;
    }
    await onResult(extractBytes(bytes, { id: input.id, path: input.path }, opts.kinds));
  }
}
