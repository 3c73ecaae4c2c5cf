/**
 * Loads the bundled command line (dist/bundle/cli.cjs, see build/bundle.ts) with V8's code
 * cache (dist/bundle/cli.cache, written by the build after a warm-up run): the functions a
 * run needs are then read back compiled instead of being parsed and compiled again, which is
 * a good part of a short run's start-up. V8 checks the cache against the source and its own
 * version and flags; a cache it rejects (another Node, an edited bundle) is simply not used.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import type { Io } from './io.js';

export const BUNDLE = fileURLToPath(new URL('../bundle/cli.cjs', import.meta.url));
export const CODE_CACHE = fileURLToPath(new URL('../bundle/cli.cache', import.meta.url));

export interface Cli {
  run(argv: string[], io: Io): Promise<number>;
  processIo(): Io;
  /** The compiled bundle, for the build step that writes its code cache. */
  script: Script;
}

export function loadCli(opts: { codeCache?: boolean } = {}): Cli {
  const source = readFileSync(BUNDLE, 'utf8');
  let cachedData: Buffer | undefined;
  if (opts.codeCache !== false) {
    try {
      cachedData = readFileSync(CODE_CACHE);
    } catch {
      cachedData = undefined; // no cache yet: compile as usual
    }
  }
  // The CommonJS module wrapper, as Node's own loader builds it.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: BUNDLE,
    ...(cachedData ? { cachedData } : {}),
  });
  const module = { exports: {} as Omit<Cli, 'script'> };
  const init = script.runInThisContext() as (e: unknown, r: NodeRequire, m: unknown, f: string, d: string) => void;
  init(module.exports, createRequire(BUNDLE), module, BUNDLE, fileURLToPath(new URL('../bundle/', import.meta.url)));
  return { run: module.exports.run, processIo: module.exports.processIo, script };
}
