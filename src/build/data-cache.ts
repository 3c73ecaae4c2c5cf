/**
 * Build step (`npm run build`): a JSON copy of every data/**\/*.yaml in dist/data-cache/, with
 * the sha256 of its YAML text (see text/lexicon.ts). A file whose parsed tree JSON cannot hold
 * exactly (a YAML date, say) gets no copy and is always read as YAML.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { DATA_CACHE_DIR, DATA_DIR, dataFiles, parseData, sha256, type CachedData } from '../text/lexicon.js';
import { writeFileAtomic } from '../cli/write.js';

rmSync(DATA_CACHE_DIR, { recursive: true, force: true });
let cached = 0;
for (const file of dataFiles()) {
  const text = readFileSync(DATA_DIR + file, 'utf8');
  const value = parseData(file, text);
  if (!isDeepStrictEqual(JSON.parse(JSON.stringify(value)) as unknown, value)) {
    process.stderr.write(`data-cache: data/${file} does not round-trip through JSON; it stays YAML-only\n`);
    continue;
  }
  const entry: CachedData = { sha256: sha256(text), value };
  mkdirSync(dirname(DATA_CACHE_DIR + file), { recursive: true });
  writeFileAtomic(`${DATA_CACHE_DIR}${file}.json`, JSON.stringify(entry));
  cached++;
}
process.stderr.write(`data-cache: ${cached} data files cached in dist/data-cache/\n`);
