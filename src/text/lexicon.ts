/**
 * Lexicons live in `data/*.yaml`. Each kind declares a zod schema for its file and loads it
 * once per process through `loadData`; a malformed file fails at start-up with the file name
 * and the offending key.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// js-yaml reads our data files several times faster than `yaml` (start-up, and once per
// worker thread). It is stricter about layout (a flow list's `]` at column 1), so a file it
// refuses is read by `yaml`, as before; on every current file both give the same tree.
import { load } from 'js-yaml';
import { parse } from 'yaml';
import type { z } from 'zod';

/** The package's `data/` folder (works from `src/` under vitest and from `dist/`). */
export const DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));

export class LexiconError extends Error {
  constructor(file: string, detail: string) {
    super(`data/${file}: ${detail}`);
    this.name = 'LexiconError';
  }
}

/** Parsed files, and per file the result of each schema it was validated with. */
const raws = new Map<string, unknown>();
const validated = new Map<string, WeakMap<z.ZodType, unknown>>();

/**
 * Parse and validate `data/<file>` once per schema; later calls return the same object. Two
 * modules may read one file with different schemas (one takes only a list of it): each gets
 * its own validated view, never the other's stripped one.
 */
export function loadData<S extends z.ZodType>(file: string, schema: S): z.infer<S> {
  let bySchema = validated.get(file);
  const hit = bySchema?.get(schema);
  if (hit !== undefined) return hit as z.infer<S>;
  const raw = raws.has(file) ? raws.get(file) : readRaw(file);
  raws.set(file, raw);
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new LexiconError(file, `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  if (!bySchema) validated.set(file, (bySchema = new WeakMap()));
  bySchema.set(schema, result.data);
  return result.data as z.infer<S>;
}

function readRaw(file: string): unknown {
  let raw: unknown;
  try {
    const text = readFileSync(DATA_DIR + file, 'utf8');
    try {
      raw = load(text, { filename: `data/${file}` });
    } catch {
      raw = parse(text);
    }
  } catch (err) {
    throw new LexiconError(file, (err as Error).message);
  }
  return raw;
}
