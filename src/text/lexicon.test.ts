/**
 * loadData reads data/ with js-yaml (fast) and falls back to `yaml` when js-yaml refuses a
 * file. The two must never disagree on a file both accept, or a lexicon would change with
 * the parser that happened to read it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { DATA_DIR, dataFiles } from './lexicon.js';

describe('data/ files read the same with js-yaml and yaml', () => {
  const files = dataFiles();
  test('there are data files', () => expect(files.length).toBeGreaterThan(5));
  test.each(files)('%s', (f) => {
    const text = readFileSync(join(DATA_DIR, f), 'utf8');
    let fast: unknown;
    try {
      fast = load(text);
    } catch {
      return; // js-yaml refuses it: loadData reads it with yaml only
    }
    expect(fast).toEqual(parse(text));
  });
});

describe('loadData validates per schema', () => {
  test('a narrower schema read first does not strip the file for a wider one', async () => {
    const { z } = await import('zod');
    const { loadData } = await import('./lexicon.js');
    const narrow = loadData('names.yaml', z.object({ surnames: z.array(z.string()) }));
    expect(Object.keys(narrow)).toEqual(['surnames']);
    const wide = loadData('names.yaml', z.object({ surnames: z.array(z.string()) }).passthrough());
    expect(Object.keys(wide).length).toBeGreaterThan(1);
    expect(wide.surnames).toEqual(narrow.surnames);
  });

  test('every kind works whatever kind ran first in the process', async () => {
    const { extract } = await import('../extract.js');
    const seeds = join(DATA_DIR, '../fixtures/seeds');
    const text = readFileSync(join(seeds, readdirSync(seeds).filter((f) => f.endsWith('.txt')).sort()[0]!), 'utf8');
    extract(text, { id: 'a', kinds: ['agreements'] });
    extract(text, { id: 'b', kinds: ['legalRefs'] });
    const alone = extract(text, { id: 'c', kinds: ['officials'] }).officials;
    expect(alone.length).toBeGreaterThan(0);
    expect(alone).toEqual(extract(text, { id: 'c' }).officials);
  });
});

describe('the build-time data cache (dist/data-cache)', () => {
  const dir = join(DATA_DIR, '../dist/data-cache/');
  test('serves exactly the parsed YAML while the file is unchanged, and nothing once it is edited', async () => {
    const { readCached, parseData } = await import('./lexicon.js');
    const files = dataFiles();
    let served = 0;
    for (const f of files) {
      const text = readFileSync(join(DATA_DIR, f), 'utf8');
      const hit = readCached(f, text, dir);
      if (hit === undefined) continue;
      served++;
      expect(hit).toEqual(parseData(f, text));
      expect(readCached(f, text + '\n# edited\n', dir)).toBeUndefined();
    }
    // `npm test` builds first: every data file round-trips through JSON today.
    expect(served).toBe(files.length);
  });
});
