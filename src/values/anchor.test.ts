import { describe, expect, test } from 'vitest';
import { WORD_CHARS } from '../text/pattern.js';
import { WORD, wordCount } from './anchor.js';

describe('anchor scan', () => {
  test('WORD is exactly the WORD_CHARS class', () => {
    const re = new RegExp(`[${WORD_CHARS}]`, 'u');
    for (let c = 0; c < 0x10000; c++) expect(WORD[c], c.toString(16)).toBe(re.test(String.fromCharCode(c)) ? 1 : 0);
  });
  test('words are runs of word characters', () => {
    expect(wordCount('a b-c.d')).toBe(4);
    expect(wordCount(' -. ')).toBe(0);
  });
});
