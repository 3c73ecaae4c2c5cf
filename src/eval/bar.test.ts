/**
 * The accuracy bars, as `extract eval` computes them: the seeds (F1 ≥ 0.95 per kind, attribute
 * accuracies ≥ 0.90) and our own development corpus (F1 ≥ 0.90, accuracies ≥ 0.90).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { extract } from '../extract.js';
import { loadGoldDir } from './gold.js';
import { formatScore, score, type Predicted } from './score.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));

function run(dir: string): Predicted {
  const p: Predicted = { officials: [], indicators: [], agreements: [], legalRefs: [] };
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.txt')).sort()) {
    const r = extract(readFileSync(join(dir, f), 'utf8'), { id: f });
    p.officials.push(...r.officials);
    p.indicators.push(...r.indicators);
    p.agreements.push(...r.agreements);
    p.legalRefs.push(...r.legalRefs);
  }
  return p;
}

function checkBar(name: string, dir: string, goldDir: string, minF1: number, minAcc: number): void {
  describe(name, () => {
    const s = score(loadGoldDir(goldDir), run(dir));
    const report = formatScore(s);
    test.each(Object.keys(s.kinds))(`%s F1 ≥ ${minF1}`, (kind) => {
      const k = s.kinds[kind as keyof typeof s.kinds];
      expect(k.f1, report).toBeGreaterThanOrEqual(minF1);
    });
    test.each(Object.keys(s.attributes))(`%s accuracy ≥ ${minAcc}`, (attr) => {
      expect(s.attributes[attr]!.accuracy, report).toBeGreaterThanOrEqual(minAcc);
    });
  });
}

checkBar('seeds', join(FIXTURES, 'seeds'), join(FIXTURES, 'gold'), 0.95, 0.9);
if (existsSync(join(FIXTURES, 'dev', 'gold'))) checkBar('dev corpus', join(FIXTURES, 'dev'), join(FIXTURES, 'dev', 'gold'), 0.9, 0.9);
