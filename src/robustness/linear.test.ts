/**
 * Linear time on hostile lines. Each adversarial unit (fixtures/bad/adversarial.yaml) is
 * repeated to n and to 4n characters with no newline; `extract()` runs on both, several times,
 * and the fastest runs are compared. Linear work gives a ratio near 4, quadratic near 16; the
 * bound (10) is generous, and taking the minimum of repeats keeps a busy machine from making
 * it flaky. It is a ratio, not a wall-clock threshold. Units listed under `known_superlinear`
 * in the YAML are measured and printed only (found superlinear in the kind extractors).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { extract } from '../extract.js';

const data = parse(readFileSync(fileURLToPath(new URL('../../fixtures/bad/adversarial.yaml', import.meta.url)), 'utf8')) as {
  units: Record<string, string>;
  known_superlinear?: string[];
};
const units = data.units;
const known = new Set(data.known_superlinear ?? []);

const N = 20_000;

function repeatTo(unit: string, chars: number): string {
  return unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars);
}

function fastest(text: string, runs: number): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    extract(text, { id: 'x' });
    best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e6);
  }
  return best;
}

describe('extract() is linear on adversarial lines', () => {
  extract('warm up the lexicons', { id: 'x' });
  test.each(Object.entries(units))('%s', { timeout: 120_000 }, (name, unit) => {
    const small = repeatTo(unit, N);
    const big = repeatTo(unit, 4 * N);
    fastest(small, 1);
    const a = fastest(small, 5);
    const b = fastest(big, 3);
    // Below a few milliseconds, timer noise dominates: floor the small run at 2 ms.
    const ratio = b / Math.max(a, 2);
    const detail = `n=${N}: ${a.toFixed(1)} ms, 4n: ${b.toFixed(1)} ms, ratio ${ratio.toFixed(1)}`;
    if (known.has(name)) {
      console.warn(`linear check, known superlinear unit '${name}': ${detail}`);
      return;
    }
    expect(ratio, detail).toBeLessThan(10);
  });
});
