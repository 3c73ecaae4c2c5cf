/** `extract [paths…]`: the default command. */
import { Command, Option } from 'commander';
import { FORMATS, type Format } from '../../output/formats.js';
import { assemble, ndjsonLines } from '../../output/assemble.js';
import { toJson, toYaml } from '../../output/serialize.js';
import { formatPretty } from '../../output/pretty.js';
import type { Result } from '../../schema.js';
import { EXIT, UsageError, useColour, type Io } from '../io.js';
import { Out } from '../out.js';
import { countInputs, filterInputs, inputStream, isProblem, peekInputs, reportInputProblems, runPipeline, DEFAULT_MAX_BYTES, type Input, type KindOption } from '../pipeline.js';
import type { InputFile } from '../files.js';
import { encodingName, ENCODINGS, type EncodingName } from '../../text/decode.js';
import { statSync } from 'node:fs';
import { dirname, resolve as resolvePath } from 'node:path';
import { writeFileAtomic } from '../write.js';
import { defaultJobs, IN_PROCESS_MAX_FILES, parseJobs } from '../pool.js';
import { inShard, parseShard } from '../shard.js';
import { startProgress, wantsProgress } from '../progress.js';
import { readNdjsonDocuments } from '../ndjson-input.js';
import { planCsv, writeCsvFiles } from '../csv-out.js';
import { BOM, csvHeader, csvRows } from '../../output/csv.js';

export const KIND_NAMES: Record<string, KindOption> = {
  officials: 'officials',
  official: 'officials',
  indicators: 'indicators',
  indicator: 'indicators',
  agreements: 'agreements',
  agreement: 'agreements',
  legalrefs: 'legalRefs',
  legal_refs: 'legalRefs',
  'legal-refs': 'legalRefs',
  legal_ref: 'legalRefs',
};

export function parseKinds(s: string | undefined): KindOption[] | undefined {
  if (!s) return undefined;
  const out: KindOption[] = [];
  for (const part of s.split(',').map((x) => x.trim().toLowerCase()).filter(Boolean)) {
    const k = KIND_NAMES[part];
    if (!k) throw new UsageError(`--kinds: unknown kind '${part}' (officials, indicators, agreements, legalRefs)`);
    if (!out.includes(k)) out.push(k);
  }
  return out;
}

export interface ExtractOptions {
  format?: Format;
  out?: string;
  kinds?: string;
  glob: string;
  quiet?: boolean;
  jobs?: string;
  shard?: string;
  id?: string;
  encoding?: string;
  maxBytes?: string;
  excel?: boolean;
  stdinNdjson?: boolean;
}

/** `--max-bytes`: a byte count with an optional K, M or G suffix (powers of 1024). */
export function parseSize(s: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?$/i.exec(s.trim());
  if (!m) throw new UsageError(`--max-bytes: '${s}' is not a size (e.g. 500000, 800K, 64MB, 1G)`);
  const n = Math.round(Number(m[1]) * 1024 ** ' kmg'.indexOf((m[2] || ' ').toLowerCase()));
  if (n < 1) throw new UsageError(`--max-bytes: must be at least 1 byte`);
  return n;
}

/** Exit code after a signal: 128 + its number, as shells report it. */
const SIGNAL_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

export function registerExtract(program: Command, io: Io, setCode: (c: number) => void): void {
  program
    .argument('[paths...]', 'files and folders to extract from; `-` (or piped stdin) reads one document from stdin')
    .addOption(new Option('-f, --format <format>', 'output format (default: pretty on a terminal, json when piped)').choices(FORMATS))
    .option('-o, --out <file>', 'write the output to FILE (atomically) instead of stdout')
    .option('-k, --kinds <list>', 'record kinds to extract: officials,indicators,agreements,legalRefs')
    .option('-g, --glob <pattern>', 'files to take from folders', '**/*.txt')
    .option('--id <id>', 'document id for text read from stdin', '-')
    .option('-q, --quiet', 'no warnings or progress on stderr')
    .option('-j, --jobs <n>', 'extract on N worker threads (default: the available cores); output is the same for any N')
    .option('--shard <K/N>', 'process only the K-th of N slices of the input, by a stable hash of the document id (split an archive across machines)')
    .option('--encoding <name>', `force the input encoding (${ENCODINGS.join(', ')}); auto reads a BOM and detects legacy Vietnamese encodings`, 'auto')
    .option('--max-bytes <size>', 'skip files larger than this (e.g. 500K, 64MB)', '64MB')
    .option('--stdin-ndjson', 'read documents as lines {"id": "...", "text": "..."} from stdin; output (ndjson by default) flows as each is done')
    .option('--excel', 'with --format csv: start with a UTF-8 BOM so Excel shows Vietnamese correctly')
    .addHelpText(
      'after',
      `
Formats: json and yaml hold every record until the end (never the texts) and write one tree;
ndjson writes each document's lines as soon as it is done; pretty is for reading in a terminal.
Large archives: files are read one by one, in input order, whatever --jobs; on a terminal a
progress bar shows on stderr for runs over a second (not with --quiet or on a pipe).

Exit codes: 0 success · 1 a requested check failed · 2 usage error or no input · 3 some input
could not be read or decoded (the other files' records are still written).`,
    )
    .action(async (paths: string[], opts: ExtractOptions) => {
      setCode(await runExtract(io, paths, opts));
    });
}

export async function runExtract(io: Io, paths: string[], opts: ExtractOptions): Promise<number> {
  const kinds = parseKinds(opts.kinds);
  const jobs = opts.jobs !== undefined ? parseJobs(opts.jobs)! : defaultJobs();
  const shard = opts.shard !== undefined ? parseShard(opts.shard) : undefined;
  const format: Format = opts.format ?? (opts.stdinNdjson ? 'ndjson' : io.stdoutIsTTY && !opts.out ? 'pretty' : 'json');
  if (opts.excel && format !== 'csv') throw new UsageError('--excel goes with --format csv');
  // CSV is one table per kind: one kind to stdout or -o FILE, several to -o DIR.
  const csv = format === 'csv' ? planCsv(io, kinds, opts.out, Boolean(opts.excel)) : null;
  if (opts.stdinNdjson && paths.length) throw new UsageError('--stdin-ndjson reads documents from stdin only: drop the paths, or drop --stdin-ndjson');
  let encoding: EncodingName | undefined;
  if (opts.encoding !== undefined) {
    encoding = encodingName(opts.encoding);
    if (!encoding) throw new UsageError(`--encoding: unknown encoding '${opts.encoding}' (${ENCODINGS.join(', ')})`);
  }
  const maxBytes = opts.maxBytes !== undefined ? parseSize(opts.maxBytes) : DEFAULT_MAX_BYTES;
  if (opts.out && !csv?.dir) {
    // Fail before the run, not after it: a folder in the way or a missing parent folder.
    const target = resolvePath(io.cwd, opts.out);
    let isDir = false;
    try {
      isDir = statSync(target).isDirectory();
    } catch {
      /* a new file: fine */
    }
    if (isDir) throw new UsageError(`--out ${opts.out}: is a folder; give a file name`);
    try {
      if (!statSync(dirname(target)).isDirectory()) throw new Error();
    } catch {
      throw new UsageError(`--out ${opts.out}: folder ${dirname(opts.out)} does not exist`);
    }
  }
  // Messages go above the progress bar once there is one.
  let note = (text: string): void => void io.stderr.write(text);
  const warn = (s: string): void => {
    if (!opts.quiet) note(`extract: ${s}\n`);
  };
  // Inputs stream in as the walk reaches them (memory stays flat on any archive); the head is
  // read ahead to tell an empty run (exit 2) and a small one (extracted in-process).
  const source = opts.stdinNdjson ? null : peekInputs(inputStream(io, { paths, glob: opts.glob }), IN_PROCESS_MAX_FILES + 1);
  if (source && source.inputs === 0) {
    reportInputProblems(io, { inputs: [], problems: source.head.filter(isProblem).map((i) => i.problem) }, { glob: opts.glob, paths });
    return EXIT.usage;
  }
  let status: number = EXIT.ok;
  // `--shard K/N`: this machine's slice (an empty slice is a normal, empty run).
  const idOf = (i: InputFile | '-'): string => (i === '-' ? (opts.id ?? '-') : i.id);
  const inMine = (i: Input): boolean => !shard || isProblem(i) || inShard(idOf(i), shard);
  const mine = source ? filterInputs(source.all, inMine) : [];
  const headCount = source ? source.head.filter((i) => !isProblem(i) && inMine(i)).length : 0;
  // The bar's total needs a count: only then is the folder walked twice (count, then read).
  const total = source && wantsProgress(io, opts.quiet) ? countInputs(inputStream(io, { paths, glob: opts.glob }), inMine) : 0;
  const progress = startProgress(io, { total, ...(opts.quiet ? { quiet: true } : {}) });
  note = (text) => progress.note(text);
  const out = new Out(io.stdout);
  const results: Result[] = [];
  const streaming = (format === 'ndjson' || format === 'csv') && !opts.out;
  if (streaming && csv) await out.write((csv.bom ? BOM : '') + csvHeader(csv.tables[0]!));
  // Nobody reads stdout any more (`| head`): stop between documents, quietly, exit code as is.
  const readerGone = new AbortController();
  const chunks: (string | Uint8Array)[] = [];
  // SIGINT/SIGTERM stop the run between two documents: no -o file is written, and ndjson on
  // stdout ends after the last complete document. A second signal kills as usual.
  const stop = new AbortController();
  const onSignal = (sig: NodeJS.Signals): void => stop.abort(sig);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await (opts.stdinNdjson ? readNdjsonDocuments : runPipeline)(
      io,
      {
        paths,
        glob: opts.glob,
        ...(kinds ? { kinds } : {}),
        stdinId: opts.id ?? '-',
        maxBytes,
        ...(encoding ? { encoding } : {}),
        signal: AbortSignal.any([stop.signal, readerGone.signal]),
        warn,
        jobs,
        ...(shard ? { shard } : {}),
        onDocument: (bytes: number) => progress.tick(bytes),
        ...(format === 'ndjson' ? { ndjsonOnly: true } : {}),
      },
      { inputs: mine, count: source?.exhausted ? headCount : Infinity },
      async (r, info) => {
        if (info?.lossy) status = EXIT.unreadable;
        for (const w of r.document.warnings) warn(`${r.document.path}: ${w}`);
        // Lines a worker already made (--jobs), else made here.
        const lines = (): string | Uint8Array => (info && 'ndjson' in info && info.ndjson !== undefined ? info.ndjson : ndjsonLines(r));
        if (streaming) await out.write(csv ? csvRows(csv.tables[0]!, r) : lines());
        else if (format === 'ndjson') chunks.push(lines());
        else results.push(r);
        if (out.closed) readerGone.abort();
      },
      (p) => {
        note(`extract: ${p.message}\n`);
        status = EXIT.unreadable;
      },
    );
    progress.stop();
    if (stop.signal.aborted) {
      const sig = String(stop.signal.reason);
      io.stderr.write(`extract: interrupted by ${sig}: ${opts.out ? `${opts.out} not written` : streaming ? 'output ends after the last complete document' : 'no output written'}\n`);
      return SIGNAL_EXIT[sig] ?? EXIT.unreadable;
    }
    if (csv && opts.out) writeCsvFiles(io, csv, opts.out, results);
    else if (!streaming) {
      const text =
        format === 'ndjson'
          ? joinChunks(chunks)
          : format === 'yaml'
            ? toYaml(assemble(results))
            : format === 'pretty'
              ? formatPretty(results, { colour: !opts.out && useColour(io) })
              : toJson(assemble(results));
      if (opts.out) writeFileAtomic(opts.out, text);
      else await out.write(text);
    }
  } finally {
    progress.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  return status;
}

/** NDJSON held for `-o`: lines made here (strings) and by workers (UTF-8 bytes), as one file's bytes. */
function joinChunks(chunks: readonly (string | Uint8Array)[]): Buffer {
  return Buffer.concat(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : c)));
}
