/** `extract [paths…]`: the default command. */
import { Command, Option } from 'commander';
import { FORMATS, type Format } from '../../output/formats.js';
import { assemble, ndjsonLines } from '../../output/assemble.js';
import { toJson, toYaml } from '../../output/serialize.js';
import { formatPretty } from '../../output/pretty.js';
import type { Result } from '../../schema.js';
import { EXIT, UsageError, useColour, type Io } from '../io.js';
import { Out } from '../out.js';
import { resolveInputs, runPipeline, type KindOption } from '../pipeline.js';
import { writeFileAtomic } from '../write.js';

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
  id?: string;
}

export function registerExtract(program: Command, io: Io, setCode: (c: number) => void): void {
  program
    .argument('[paths...]', 'files and folders to extract from; `-` (or piped stdin) reads one document from stdin')
    .addOption(new Option('-f, --format <format>', 'output format (default: pretty on a terminal, json when piped)').choices(FORMATS))
    .option('-o, --out <file>', 'write the output to FILE (atomically) instead of stdout')
    .option('-k, --kinds <list>', 'record kinds to extract: officials,indicators,agreements,legalRefs')
    .option('-g, --glob <pattern>', 'files to take from folders', '**/*.txt')
    .option('--id <id>', 'document id for text read from stdin', '-')
    .option('-q, --quiet', 'no warnings or progress on stderr')
    .addHelpText(
      'after',
      `
Formats: json and yaml hold every record until the end (never the texts) and write one tree;
ndjson writes each document's lines as soon as it is done; pretty is for reading in a terminal.

Exit codes: 0 success · 1 a requested check failed · 2 usage error or no input · 3 some input
could not be read or decoded (the other files' records are still written).`,
    )
    .action(async (paths: string[], opts: ExtractOptions) => {
      setCode(await runExtract(io, paths, opts));
    });
}

export async function runExtract(io: Io, paths: string[], opts: ExtractOptions): Promise<number> {
  const kinds = parseKinds(opts.kinds);
  const format: Format = opts.format ?? (io.stdoutIsTTY && !opts.out ? 'pretty' : 'json');
  if (format === 'csv') throw new UsageError('--format csv is not available yet');
  const src = await resolveInputs(io, { paths, glob: opts.glob, ...(kinds ? { kinds } : {}), stdinId: opts.id ?? '-' });
  let status: number = EXIT.ok;
  const warn = (s: string): void => {
    if (!opts.quiet) io.stderr.write(`extract: ${s}\n`);
  };
  for (const p of src.problems) {
    io.stderr.write(`extract: ${p.message}\n`);
    status = EXIT.unreadable;
  }
  if (src.inputs.length === 0) {
    if (src.problems.length === 0) {
      io.stderr.write(`extract: no input: give files or folders (found no ${opts.glob} under ${paths.join(', ') || '.'}), or pipe text to stdin\n`);
    }
    return EXIT.usage;
  }
  const out = new Out(io.stdout);
  const results: Result[] = [];
  const streaming = format === 'ndjson' && !opts.out;
  const chunks: string[] = [];
  await runPipeline(
    io,
    { paths, glob: opts.glob, ...(kinds ? { kinds } : {}), stdinId: opts.id ?? '-' },
    src,
    async (r) => {
      for (const w of r.document.warnings) warn(`${r.document.path}: ${w}`);
      if (streaming) await out.write(ndjsonLines(r));
      else if (format === 'ndjson') chunks.push(ndjsonLines(r));
      else results.push(r);
    },
    (p) => {
      io.stderr.write(`extract: ${p.message}\n`);
      status = EXIT.unreadable;
    },
  );
  if (!streaming) {
    const text =
      format === 'ndjson'
        ? chunks.join('')
        : format === 'yaml'
          ? toYaml(assemble(results))
          : format === 'pretty'
            ? formatPretty(results, { colour: !opts.out && useColour(io) })
            : toJson(assemble(results));
    if (opts.out) writeFileAtomic(opts.out, text);
    else await out.write(text);
  }
  return status;
}
