/**
 * `extract diff A.json B.json`: the differ of `extract check` between two saved outputs (JSON
 * trees or NDJSON), for comparing two runs or two versions of the rules. Exit 0 when they hold
 * the same records, 1 when they differ, 2 on usage errors (a file missing or not an output).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { diffSnapshots } from '../../diff/diff.js';
import { parseSnapshot, type Snapshot } from '../../diff/snapshot.js';
import { UsageError, type Io } from '../io.js';
import { addDiffOptions, diffOptionsOf, writeReport, type DiffCliOptions } from './check.js';

export function registerDiff(program: Command, io: Io, setCode: (c: number) => void): void {
  const cmd = program
    .command('diff')
    .description('compare two saved outputs (--format json or ndjson) record by record; exit 1 when they differ')
    .argument('<a>', 'the older output (`-` reads it from stdin)')
    .argument('<b>', 'the newer output (`-` reads it from stdin)');
  addDiffOptions(cmd)
    .addHelpText('after', '\nExit codes: 0 same records · 1 they differ · 2 usage error (file missing or not an `extract` output).')
    .action(async (a: string, b: string, opts: DiffCliOptions) => {
      setCode(await runDiff(io, a, b, opts));
    });
}

async function load(io: Io, name: string): Promise<Snapshot> {
  let text: string;
  if (name === '-') {
    const chunks: Buffer[] = [];
    for await (const c of io.stdin) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
    text = Buffer.concat(chunks).toString('utf8');
  } else {
    try {
      text = readFileSync(resolve(io.cwd, name), 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new UsageError(`${name}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : (err as Error).message}`);
    }
  }
  try {
    return parseSnapshot(text);
  } catch (err) {
    throw new UsageError(`${name}: ${(err as Error).message}`);
  }
}

export async function runDiff(io: Io, a: string, b: string, opts: DiffCliOptions): Promise<number> {
  const diffOpts = diffOptionsOf(opts);
  if (a === '-' && b === '-') throw new UsageError('diff: only one of the two outputs can come from stdin');
  const sa = await load(io, a);
  const sb = await load(io, b);
  return writeReport(io, diffSnapshots(sa, sb, diffOpts), opts.format ?? 'pretty', { a, b });
}
