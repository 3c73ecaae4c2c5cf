/**
 * General rules, not answers: no person's name, sentence or distinctive figure from the seed
 * articles' gold may appear in the code or the lexicons (src/, data/, bin/).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { expect, test } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

test('seed names, quotes and figures stay out of src/, data/ and bin/', () => {
  const needles = new Set<string>();
  for (const f of readdirSync(join(ROOT, 'fixtures/gold'))) {
    const g = parse(readFileSync(join(ROOT, 'fixtures/gold', f), 'utf8'));
    for (const o of g.officials ?? []) needles.add(o.name);
    for (const i of g.indicators ?? []) {
      const q: string = i.quote ?? '';
      if (q.length >= 25) needles.add(q);
      // Distinctive written figures (`82,38`, `73.600`), not round ones like `10`.
      for (const m of q.matchAll(/\d+(?:[.,]\d+)+/g)) if (m[0].replace(/\D/g, '').length >= 3) needles.add(m[0]);
    }
  }
  expect(needles.size).toBeGreaterThan(20);
  const hits: string[] = [];
  for (const dir of ['src', 'data', 'bin']) {
    for (const p of files(join(ROOT, dir))) {
      if (p.endsWith('.test.ts')) continue;
      const text = readFileSync(p, 'utf8');
      for (const n of needles) if (text.includes(n)) hits.push(`${p.slice(ROOT.length)}: ${n}`);
    }
  }
  expect(hits).toEqual([]);
});
