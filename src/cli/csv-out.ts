/**
 * Where `--format csv` goes. CSV is one table per kind, so: one kind chosen with `--kinds`
 * goes to stdout (streamed, a document's rows as soon as it is done) or to `-o FILE`; several
 * kinds (or none chosen) need `-o DIR`, which gets `<kind>.csv` per kind plus `documents.csv`.
 * Files are written atomically.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { toCsv, type CsvTable } from '../output/csv.js';
import type { Result } from '../schema.js';
import { UsageError, type Io } from './io.js';
import type { KindOption } from './pipeline.js';
import { writeFileAtomic } from './write.js';

export interface CsvPlan {
  /** Tables to write, in order. */
  tables: CsvTable[];
  /** The folder for one file per table, or null for one table (stdout or `-o FILE`). */
  dir: string | null;
  bom: boolean;
}

const ALL: KindOption[] = ['officials', 'indicators', 'agreements', 'legalRefs'];

export function planCsv(io: Io, kinds: KindOption[] | undefined, out: string | undefined, bom: boolean): CsvPlan {
  const chosen = kinds ?? ALL;
  let dir: string | null = null;
  if (out !== undefined) {
    const abs = resolve(io.cwd, out);
    const isDir = /[\\/]$/.test(out) || (existsSync(abs) && statSync(abs).isDirectory());
    if (isDir || chosen.length > 1) dir = abs;
  }
  if (dir === null && chosen.length !== 1) {
    throw new UsageError('--format csv writes one kind per table: choose one with --kinds (e.g. --kinds indicators), or give -o DIR for one CSV per kind');
  }
  return { tables: dir === null ? [chosen[0]!] : ['documents', ...chosen], dir, bom };
}

/** `-o DIR` or `-o FILE`: write the tables of all results. */
export function writeCsvFiles(io: Io, plan: CsvPlan, out: string, results: Result[]): void {
  if (plan.dir === null) {
    writeFileAtomic(resolve(io.cwd, out), toCsv(plan.tables[0]!, results, { bom: plan.bom }));
    return;
  }
  try {
    mkdirSync(plan.dir, { recursive: true });
  } catch (err) {
    throw new Error(`cannot create folder ${out}: ${(err as Error).message}`);
  }
  for (const t of plan.tables) writeFileAtomic(join(plan.dir, `${t}.csv`), toCsv(t, results, { bom: plan.bom }));
}
