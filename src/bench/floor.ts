/**
 * The benchmark's floor: what any tool must pay to look at the archive. Walks the folder the
 * way `extract` does (sorted, streamed), reads each file, decodes UTF-8, NFC-normalises and
 * runs one trivial regex over it. `extract` can never be faster than this on one core.
 */
import { readFileSync } from 'node:fs';
import { walkItems } from '../cli/files.js';

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: node dist/bench/floor.js <folder>\n');
  process.exit(2);
}
const decoder = new TextDecoder('utf-8');
let bytes = 0;
let digits = 0;
let files = 0;
for (const item of walkItems([dir], { glob: '**/*.txt', cwd: process.cwd() })) {
  if (!item.file) continue;
  files++;
  const b = readFileSync(item.file.abs);
  bytes += b.length;
  const text = decoder.decode(b).normalize('NFC');
  for (const _ of text.matchAll(/\d+/g)) digits++;
}
process.stdout.write(JSON.stringify({ files, bytes, digits }) + '\n');
