/** `extract report [paths…] -o report.html`: a self-contained HTML page to review what was extracted. */
import { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadGoldDir } from '../../eval/gold.js';
import { score, type Predicted } from '../../eval/score.js';
import { buildReport, type ReportDocument, type ReportEvaluation } from '../../report/html.js';
import { decode, looksBinary } from '../../text/decode.js';
import { toNfc } from '../../text/normalize.js';
import { generator } from '../../version.js';
import { EXIT, UsageError, type Io } from '../io.js';
import { Out } from '../out.js';
import { DEFAULT_MAX_BYTES, extractBytes, readAtMost, readInput, reportInputProblems, resolveInputs } from '../pipeline.js';
import { writeFileAtomic } from '../write.js';

interface ReportOptions {
  out?: string;
  gold?: string;
  glob: string;
  id?: string;
  title?: string;
  quiet?: boolean;
}

export function registerReport(program: Command, io: Io, setCode: (c: number) => void): void {
  program
    .command('report')
    .description('write one self-contained HTML page to review the extraction: highlighted texts, figures table, chart')
    .argument('[paths...]', 'files and folders to extract from; `-` (or piped stdin) reads one document from stdin')
    .option('-o, --out <file>', 'write the page to FILE (atomically); without it the page goes to stdout when redirected')
    .option('--gold <dir>', 'mark misses and spurious records against a folder of gold files (a visual eval)')
    .option('-g, --glob <pattern>', 'files to take from folders', '**/*.txt')
    .option('--id <id>', 'document id for text read from stdin', '-')
    .option('--title <text>', 'page title', 'Extraction review')
    .option('-q, --quiet', 'no summary or warnings on stderr')
    .action(async (paths: string[], opts: ReportOptions) => {
      setCode(await runReport(io, paths, opts));
    });
}

export async function runReport(io: Io, paths: string[], opts: ReportOptions): Promise<number> {
  if (!opts.out && io.stdoutIsTTY) throw new UsageError('report: give -o FILE (an HTML page is not for the terminal), or redirect stdout');
  let goldDir: string | undefined;
  if (opts.gold !== undefined) {
    goldDir = resolve(io.cwd, opts.gold);
    if (!existsSync(goldDir) || !statSync(goldDir).isDirectory()) throw new UsageError(`--gold ${opts.gold}: not a folder`);
  }
  const golds = goldDir ? loadGoldDir(goldDir) : undefined;
  const src = await resolveInputs(io, { paths, glob: opts.glob, stdinId: opts.id ?? '-' });
  const warn = (s: string): void => {
    if (!opts.quiet) io.stderr.write(`extract: ${s}\n`);
  };
  const inputs = reportInputProblems(io, src, { glob: opts.glob, paths });
  let status: number = inputs.status;
  if (inputs.empty) return EXIT.usage;
  // The pipeline's own loop, keeping the bytes: the page needs each document's NFC text, decoded
  // exactly as extraction decoded it. Files are read with the same checks as `extract`.
  const documents: ReportDocument[] = [];
  for (const input of src.inputs) {
    let bytes: Buffer;
    let meta: { id: string; path: string };
    if (input === '-') {
      const read = await readAtMost(io.stdin, DEFAULT_MAX_BYTES);
      const why = read === null ? `stdin is over ${DEFAULT_MAX_BYTES / (1024 * 1024)} MB, skipped` : looksBinary(read) ? 'binary input, skipped' : undefined;
      if (why || read === null) {
        io.stderr.write(`extract: -: ${why}\n`);
        status = EXIT.unreadable;
        continue;
      }
      bytes = read;
      meta = { id: opts.id ?? '-', path: '-' };
    } else {
      const read = readInput(input);
      if (read.problem) {
        io.stderr.write(`extract: ${read.problem.message}\n`);
        status = EXIT.unreadable;
        continue;
      }
      bytes = read.bytes;
      meta = { id: input.id, path: input.path };
    }
    const result = extractBytes(bytes, meta);
    for (const w of result.document.warnings) warn(`${result.document.path}: ${w}`);
    documents.push({ result, text: toNfc(decode(bytes).text) });
  }
  let evaluation: ReportEvaluation | undefined;
  if (golds) {
    const ids = new Set(documents.map((d) => d.result.document.id));
    for (const g of golds) if (!ids.has(g.doc)) warn(`gold file for ${g.doc} has no matching document; left out of the page's score`);
    const used = golds.filter((g) => ids.has(g.doc));
    const predicted: Predicted = {
      officials: documents.flatMap((d) => d.result.officials),
      indicators: documents.flatMap((d) => d.result.indicators),
      agreements: documents.flatMap((d) => d.result.agreements),
      legalRefs: documents.flatMap((d) => d.result.legalRefs),
    };
    evaluation = { score: score(used, predicted), golds: used };
  }
  const html = buildReport({ documents, generator: generator(), ...(evaluation ? { evaluation } : {}), ...(opts.title ? { title: opts.title } : {}) });
  if (opts.out) {
    writeFileAtomic(resolve(io.cwd, opts.out), html);
    const records = documents.reduce((n, d) => n + d.result.officials.length + d.result.indicators.length + d.result.agreements.length + d.result.legalRefs.length, 0);
    warn(`wrote ${opts.out}: ${documents.length} documents, ${records} records`);
  } else {
    await new Out(io.stdout).write(html);
  }
  return status;
}
