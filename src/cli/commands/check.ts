/**
 * `extract check [paths…] --baseline FILE`: today's extraction against a committed baseline
 * (the `--format json` output of an earlier run), like a snapshot test. Exit 0 when nothing
 * changed, 1 when anything did, 2 on usage errors (no baseline, bad options), 3 when an input
 * could not be read. `--update` (re)writes the baseline atomically instead.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { diffSnapshots, parseTolerance, type DiffOptions } from '../../diff/diff.js';
import { formatDiffJson, formatDiffText, verdictLine } from '../../diff/report.js';
import { parseSnapshot, snapshotOf, type Snapshot } from '../../diff/snapshot.js';
import { assemble } from '../../output/assemble.js';
import { toJson } from '../../output/serialize.js';
import { SCHEMA_VERSION, type Result } from '../../schema.js';
import { EXIT, UsageError, useColour, type Io } from '../io.js';
import { Out } from '../out.js';
import { resolveInputs, runPipeline } from '../pipeline.js';
import { writeFileAtomic } from '../write.js';

/** Report formats of `check` and `diff`: a closed list. */
export const DIFF_FORMATS = ['pretty', 'json'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

export interface DiffCliOptions {
  format?: DiffFormat;
  tolerance?: string;
  strict?: boolean;
}

/** The options `check` and `diff` share. */
export function addDiffOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('-f, --format <format>', 'report format').choices(DIFF_FORMATS).default('pretty'))
    .option('--tolerance <x>', 'ignore number moves up to X: relative (`0.5%`) or absolute (`0.01`)')
    .option('--strict', 'also count evidence (wording and offsets), rule ids, and a document’s hash and length');
}

export function diffOptionsOf(opts: DiffCliOptions): DiffOptions {
  const out: DiffOptions = { strict: Boolean(opts.strict) };
  if (opts.tolerance !== undefined) {
    const t = parseTolerance(opts.tolerance);
    if (!t) throw new UsageError(`--tolerance ${opts.tolerance}: expected a percentage like 0.5% or a number like 0.01`);
    out.tolerance = t;
  }
  return out;
}

/** Write a diff report to stdout; resolves to 0 (same) or 1 (changed). */
export async function writeReport(io: Io, diff: ReturnType<typeof diffSnapshots>, format: DiffFormat, meta: Record<string, unknown>): Promise<number> {
  const out = new Out(io.stdout);
  await out.write(format === 'json' ? formatDiffJson(diff, meta) : formatDiffText(diff, { colour: useColour(io) }));
  return diff.changed ? EXIT.checkFailed : EXIT.ok;
}

interface CheckOptions extends DiffCliOptions {
  baseline: string;
  update?: boolean;
  glob: string;
  quiet?: boolean;
}

export function registerCheck(program: Command, io: Io, setCode: (c: number) => void): void {
  const cmd = program
    .command('check')
    .description('compare today’s extraction with a committed baseline; exit 1 when any record changed')
    .argument('[paths...]', 'the files and folders the baseline was made from (`-` reads one document from stdin)')
    .requiredOption('-b, --baseline <file>', 'the JSON output of an earlier run (`extract --format json`)')
    .option('-u, --update', '(re)write the baseline with today’s extraction, atomically');
  addDiffOptions(cmd)
    .option('-g, --glob <pattern>', 'files to take from folders', '**/*.txt')
    .option('-q, --quiet', 'no warnings on stderr')
    .addHelpText(
      'after',
      `
Records are matched by their stable key; a changed record is shown field by field
(value 9.02 → 9.2). New evidence wording or offsets alone are not a change unless --strict.

Exit codes: 0 no change (or baseline updated) · 1 something changed · 2 usage error
(missing or unreadable baseline, bad option) · 3 some input could not be read.`,
    )
    .action(async (paths: string[], opts: CheckOptions) => {
      setCode(await runCheck(io, paths, opts));
    });
}

function loadBaseline(path: string, shown: string): Snapshot {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `baseline ${shown} does not exist: create it with --update` : `cannot read baseline ${shown}: ${code === 'EISDIR' ? 'is a folder' : (err as Error).message}`);
  }
  try {
    return parseSnapshot(text);
  } catch (err) {
    throw new UsageError(`baseline ${shown}: ${(err as Error).message}`);
  }
}

export async function runCheck(io: Io, paths: string[], opts: CheckOptions): Promise<number> {
  const format = opts.format ?? 'pretty';
  const diffOpts = diffOptionsOf(opts);
  if (paths.length === 0) throw new UsageError('check: name the files or folders the baseline was made from, e.g. `extract check articles --baseline baseline.json`');
  const basePath = resolve(io.cwd, opts.baseline);
  let baseline: Snapshot | undefined;
  if (opts.update) {
    try {
      baseline = loadBaseline(basePath, opts.baseline);
    } catch (err) {
      // A missing or broken baseline is what --update is for.
      if (!(err instanceof UsageError)) throw err;
    }
  } else {
    baseline = loadBaseline(basePath, opts.baseline);
    if (baseline.schemaVersion !== null && baseline.schemaVersion !== SCHEMA_VERSION && !opts.quiet) {
      io.stderr.write(`extract: warning: baseline ${opts.baseline} has schemaVersion ${baseline.schemaVersion}, this version writes ${SCHEMA_VERSION}; refresh it with --update\n`);
    }
  }

  const pipelineOpts = { paths, glob: opts.glob };
  const src = await resolveInputs({ ...io, stdinIsTTY: true }, pipelineOpts);
  let unreadable = false;
  for (const p of src.problems) {
    io.stderr.write(`extract: ${p.message}\n`);
    unreadable = true;
  }
  if (src.inputs.length === 0 && !unreadable) throw new UsageError(`no input: found no ${opts.glob} under ${paths.join(', ')}`);
  const results: Result[] = [];
  await runPipeline(
    io,
    pipelineOpts,
    src,
    (r) => {
      if (!opts.quiet) for (const w of r.document.warnings) io.stderr.write(`extract: ${r.document.path}: ${w}\n`);
      results.push(r);
    },
    (p) => {
      io.stderr.write(`extract: ${p.message}\n`);
      unreadable = true;
    },
  );
  const today = assemble(results);

  if (opts.update) {
    if (unreadable) {
      io.stderr.write(`extract: not updating ${opts.baseline}: some input could not be read\n`);
      return EXIT.unreadable;
    }
    const text = toJson(today);
    let previous: string | undefined;
    try {
      previous = readFileSync(basePath, 'utf8');
    } catch {
      previous = undefined;
    }
    if (previous === text) {
      io.stderr.write(`extract: ${opts.baseline} is up to date: ${verdictLine(diffSnapshots(snapshotOf(today), snapshotOf(today)))}\n`);
      return EXIT.ok;
    }
    mkdirSync(dirname(basePath), { recursive: true });
    writeFileAtomic(basePath, text);
    const what = baseline ? verdictLine(diffSnapshots(baseline, snapshotOf(today), diffOpts)) : `created with ${today.documents.length} document${today.documents.length === 1 ? '' : 's'}`;
    io.stderr.write(`extract: updated ${opts.baseline}: ${what}\n`);
    return EXIT.ok;
  }

  const diff = diffSnapshots(baseline!, snapshotOf(today), diffOpts);
  const code = await writeReport(io, diff, format, { baseline: opts.baseline });
  return unreadable ? EXIT.unreadable : code;
}
