import { describe, expect, test } from 'vitest';
import { PhraseScanner, PhraseSet, firstWithin, lastWithin } from './phrases.js';
import { firstAtOrAfter } from '../engine/context.js';

describe('PhraseSet', () => {
  const set = new PhraseSet<string>([
    ['export', 'x'],
    ['export turnover', 'xt'],
    ['export - import', 'xi'],
    ['per/capita', 'pc'],
  ]);
  test.each([
    ['the export turnover grew', ['xt']],
    ['EXPORT  Turnover', ['xt']],
    ['export-import and export', ['xi', 'x']],
    ['export -  import', ['xi']],
    ['export, import', ['x']],
    ['export\nturnover', ['x']],
    ['exported goods', []],
    ['GDP per/capita', ['pc']],
  ])('%s', (text, values) => {
    expect(set.findAll(text).map((h) => h.value)).toEqual(values);
  });
  test('hits are spans of the text', () => {
    const text = 'an export turnover';
    const [hit] = set.findAll(text);
    expect(text.slice(hit!.start, hit!.end)).toBe('export turnover');
  });
});

describe('PhraseScanner', () => {
  test('each list keeps its own longest, non-overlapping matches', () => {
    const scanner = new PhraseScanner({ a: [['rate', 1], ['rate of growth', 2]], b: [['growth', 3]] });
    const hits = scanner.scan('the rate of growth');
    expect(hits.a.map((h) => h.value)).toEqual([2]);
    expect(hits.b.map((h) => h.value)).toEqual([3]);
  });
});

describe('span look-ups', () => {
  const list = [
    { start: 0, end: 3 },
    { start: 5, end: 9 },
    { start: 12, end: 14 },
  ];
  test.each([
    [0, 0],
    [4, 1],
    [12, 2],
    [20, 3],
  ])('firstAtOrAfter(%i) = %i', (pos, i) => expect(firstAtOrAfter(list, pos)).toBe(i));
  test('lastWithin and firstWithin', () => {
    expect(lastWithin(list, 0, 10)).toEqual({ start: 5, end: 9 });
    expect(lastWithin(list, 6, 10)).toBeNull();
    expect(firstWithin(list, 4, 20)).toEqual({ start: 5, end: 9 });
    expect(firstWithin(list, 13, 20)).toBeNull();
  });
});
