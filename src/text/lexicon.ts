/**
 * Lexicons live in `data/*.yaml`. Each kind declares a zod schema for its file and loads it
 * once per process through `loadData`; a malformed file fails at start-up with the file name
 * and the offending key.
 */
import { hash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// js-yaml reads our data files several times faster than `yaml` (start-up, and once per
// worker thread). It is stricter about layout (a flow list's `]` at column 1), so a file it
// refuses is read by `yaml`, as before; on every current file both give the same tree.
import { load } from 'js-yaml';
import { yaml } from '../lazy.js';
import type { z } from 'zod';

/** The package's `data/` folder (works from `src/` under vitest and from `dist/`). */
export const DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));

/**
 * Build-time JSON copies of the data files (`npm run build` writes dist/data-cache/), each
 * with the sha256 of the YAML text it was parsed from. A copy is used only while its YAML is
 * unchanged, so an edited data file is read as YAML at once: JSON parses some thirty times
 * faster than YAML, which is most of a short run's start-up. (From src/ under vitest there is
 * no cache: the YAML is read.)
 */
export const DATA_CACHE_DIR = fileURLToPath(new URL('../data-cache/', import.meta.url));

export interface CachedData {
  sha256: string;
  value: unknown;
}

export function sha256(text: string): string {
  return hash('sha256', text, 'hex');
}

/** Every data file, as paths relative to `data/` (`encodings/tcvn3.yaml`), sorted. */
export function dataFiles(dir = DATA_DIR, prefix = ''): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((f) => (statSync(join(dir, f)).isDirectory() ? dataFiles(join(dir, f), `${prefix}${f}/`) : f.endsWith('.yaml') ? [`${prefix}${f}`] : []));
}

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
  // Each data file is validated once: zod's compiled fast path (code generated per object
  // schema) would cost more to build than it saves, so it is skipped here (start-up time).
  const result = schema.safeParse(raw, { jitless: true });
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new LexiconError(file, `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  if (!bySchema) validated.set(file, (bySchema = new WeakMap()));
  bySchema.set(schema, result.data);
  return result.data as z.infer<S>;
}

function readRaw(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(DATA_DIR + file, 'utf8');
  } catch (err) {
    throw new LexiconError(file, (err as Error).message);
  }
  const cached = readCached(file, text);
  return cached !== undefined ? cached : parseData(file, text);
}

/** The build-time copy of `file` when it was made from exactly `text`, else undefined. */
export function readCached(file: string, text: string, dir = DATA_CACHE_DIR): unknown {
  let cached: CachedData;
  try {
    cached = JSON.parse(readFileSync(`${dir}${file}.json`, 'utf8')) as CachedData;
  } catch {
    return undefined; // no cache (tests from src/, a build without it): read the YAML
  }
  return cached.sha256 === sha256(text) ? cached.value : undefined;
}

/** Parse one data file's YAML (the run-time reader, and the build step that caches it). */
export function parseData(file: string, text: string): unknown {
  try {
    try {
      return load(text, { filename: `data/${file}` });
    } catch {
      // Loaded only then (start-up time).
      return yaml().parse(text);
    }
  } catch (err) {
    throw new LexiconError(file, (err as Error).message);
  }
}
