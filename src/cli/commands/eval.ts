/** `extract eval --gold DIR [paths…]`: score extraction against gold files (RECORDS.md). */
import { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadGoldDir } from '../../eval/gold.js';
import { formatScore, score, type Predicted } from '../../eval/score.js';
import { EXIT, UsageError, type Io } from '../io.js';
import { resolveInputs, runPipeline } from '../pipeline.js';

interface EvalOptions {
  gold: string;
  json?: boolean;
  minF1?: string;
  glob: string;
}

export function registerEval(program: Command, io: Io, setCode: (c: number) => void): void {
  program
    .command('eval')
    .description('score extraction against a folder of gold YAML files (RECORDS.md scoring)')
    .argument('[paths...]', 'the documents the gold files describe (default: the gold folder’s parent)')
    .requiredOption('--gold <dir>', 'folder of gold files, one <doc>.yaml per document')
    .option('--json', 'print the score as JSON')
    .option('--min-f1 <x>', 'exit 1 when any kind’s F1 (or title-pair F1) is below X (0..1)')
    .option('-g, --glob <pattern>', 'files to take from folders', '**/*.txt')
    .action(async (paths: string[], opts: EvalOptions) => {
      setCode(await runEval(io, paths, opts));
    });
}

export async function runEval(io: Io, paths: string[], opts: EvalOptions): Promise<number> {
  const goldDir = resolve(io.cwd, opts.gold);
  if (!existsSync(goldDir) || !statSync(goldDir).isDirectory()) throw new UsageError(`--gold ${opts.gold}: not a folder`);
  let minF1: number | undefined;
  if (opts.minF1 !== undefined) {
    minF1 = Number(opts.minF1);
    if (!Number.isFinite(minF1) || minF1 < 0 || minF1 > 1) throw new UsageError(`--min-f1 ${opts.minF1}: expected a number from 0 to 1`);
  }
  const golds = loadGoldDir(goldDir);
  const src = await resolveInputs({ ...io, stdinIsTTY: true }, { paths: paths.length ? paths : [resolve(goldDir, '..')], glob: opts.glob });
  let status: number = EXIT.ok;
  for (const p of src.problems) {
    io.stderr.write(`extract: ${p.message}\n`);
    status = EXIT.unreadable;
  }
  const predicted: Predicted = { officials: [], indicators: [], agreements: [], legalRefs: [] };
  const seen = new Set<string>();
  await runPipeline(
    io,
    { paths, glob: opts.glob },
    src,
    (r) => {
      seen.add(r.document.id);
      predicted.officials.push(...r.officials);
      predicted.indicators.push(...r.indicators);
      predicted.agreements.push(...r.agreements);
      predicted.legalRefs.push(...r.legalRefs);
    },
    (p) => {
      io.stderr.write(`extract: ${p.message}\n`);
      status = EXIT.unreadable;
    },
  );
  for (const g of golds) if (!seen.has(g.doc)) io.stderr.write(`extract: warning: gold file for ${g.doc} has no matching document\n`);
  const s = score(golds, predicted);
  io.stdout.write(opts.json ? JSON.stringify(s, null, 2) + '\n' : formatScore(s));
  if (minF1 !== undefined) {
    const low = Object.entries(s.kinds).filter(([, v]) => v.f1 < minF1!);
    if (low.length) {
      io.stderr.write(`extract: F1 below ${minF1}: ${low.map(([k, v]) => `${k} ${v.f1.toFixed(3)}`).join(', ')}\n`);
      status = Math.max(status, EXIT.checkFailed);
    }
  }
  return status;
}
