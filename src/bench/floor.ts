/**
 * The benchmark's floor: what any tool must pay to look at the archive. Walks the folder the
 * way `extract` does (fast-glob, sorted), reads each file, decodes UTF-8, NFC-normalises and
 * runs one trivial regex over it. `extract` can never be faster than this on one core.
 */
import { readFileSync } from 'node:fs';
import { walk } from '../cli/files.js';

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: node dist/bench/floor.js <folder>\n');
  process.exit(2);
}
const w = await walk([dir], { glob: '**/*.txt', cwd: process.cwd() });
const decoder = new TextDecoder('utf-8');
let bytes = 0;
let digits = 0;
for (const f of w.files) {
  const b = readFileSync(f.abs);
  bytes += b.length;
  const text = decoder.decode(b).normalize('NFC');
  for (const _ of text.matchAll(/\d+/g)) digits++;
}
process.stdout.write(JSON.stringify({ files: w.files.length, bytes, digits }) + '\n');
