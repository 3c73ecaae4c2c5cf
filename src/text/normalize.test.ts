import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { compareKey, foldTones, searchForm, toNfc } from './normalize.js';
import { titleKey } from '../eval/compare.js';

const t = parse(readFileSync(new URL('../../fixtures/values/normalize.yaml', import.meta.url), 'utf8'));

describe('tone folding', () => {
  test.each(t.fold as { text: string; expect: string }[])('$text → $expect', ({ text, expect: want }) => {
    expect(foldTones(text)).toBe(want);
    expect(foldTones(text).length).toBe(text.length);
  });
  test('searchForm keeps length for NFD input turned NFC, dashes and odd spaces', () => {
    for (const s of t.fold as { text: string }[]) {
      const nfc = toNfc(s.text.normalize('NFD') + '\u2013\u00a0\u201c');
      expect(searchForm(nfc).length).toBe(nfc.length);
      expect(searchForm(nfc).endsWith('- "')).toBe(true);
    }
  });
  test('toNfc drops a BOM and composes', () => {
    expect(toNfc('\ufeffa\u0301')).toBe('\u00e1');
  });
});

describe('comparison keys', () => {
  test.each(t.compare as { a: string; b: string }[])('$a ~ $b', ({ a, b }) => {
    expect(compareKey(a)).toBe(compareKey(b));
  });
  test.each(t.titles as { a: string; b: string }[])('title $a ~ $b', ({ a, b }) => {
    expect(titleKey(a)).toBe(titleKey(b));
  });
});
