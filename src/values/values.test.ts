import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { parseNumber, numberWord, formatVietnamese } from './number.js';
import { parseAmount } from './amount.js';
import { findPeriods } from './period.js';
import { findDates, isoDate } from './date.js';
import { findPlaces } from './place.js';
import { searchForm } from '../text/normalize.js';

const table = (name: string): any => parse(readFileSync(new URL(`../../fixtures/values/${name}.yaml`, import.meta.url), 'utf8'));

describe('numbers', () => {
  const t = table('numbers');
  test.each(t.numbers as { text: string; value: number; ambiguousComma?: boolean }[])('$text → $value', ({ text, value, ambiguousComma }) => {
    const r = parseNumber(text);
    expect(r?.value).toBeCloseTo(value, 9);
    expect(r?.ambiguousComma).toBe(Boolean(ambiguousComma));
  });
  test.each(t.number_words as { text: string; value: number }[])('word $text → $value', ({ text, value }) => {
    expect(numberWord(text)).toBe(value);
  });
  test.each([0, 7, 82.38, 1234.5, 10000, 1234567.25])('formatVietnamese(%s) parses back', (n) => {
    expect(parseNumber(formatVietnamese(n))?.value).toBe(n);
  });
});

describe('amounts', () => {
  const t = table('amounts');
  test.each(t.amounts as { text: string; value: number; upper: number | null; unit: string }[])('$text', ({ text, value, upper, unit }) => {
    const a = parseAmount(text);
    expect(a).not.toBeNull();
    expect({ value: a!.value, upper: a!.upper, unit: a!.unit }).toEqual({ value, upper, unit });
  });
  test.each(t.not_amounts as string[])('%s is not an amount', (text) => {
    expect(parseAmount(text)).toBeNull();
  });
});

describe('periods', () => {
  const t = table('periods');
  test.each(t.periods as { text: string; expect: string[] }[])('$text', ({ text, expect: want }) => {
    expect(findPeriods(searchForm(text)).map((p) => p.period)).toEqual(want);
  });
  test.each(t.comparisons as { text: string; comparison: string[] }[])('$text is a comparison', ({ text, comparison }) => {
    expect(findPeriods(searchForm(text)).filter((p) => p.comparison).map((p) => p.period)).toEqual(comparison);
  });
});

describe('dates', () => {
  const t = table('dates');
  test.each(t.dates as { text: string; year?: number; expect: string[] }[])('$text', ({ text, year, expect: want }) => {
    expect(findDates(searchForm(text)).map((d) => isoDate(d, year ?? null))).toEqual(want);
  });
  test.each(t.not_dates as string[])('%s has no full date', (text) => {
    expect(findDates(searchForm(text)).filter((d) => d.shape === 'dmy')).toEqual([]);
  });
});

describe('places', () => {
  const t = table('places');
  test.each(t.places as { text: string; expect: string[]; countries?: string[] }[])('$text', ({ text, expect: want, countries }) => {
    const found = findPlaces(searchForm(text));
    expect(found.map((p) => p.name)).toEqual(want);
    if (countries) expect(found.map((p) => p.country)).toEqual(countries);
    for (const p of found) expect(p.end).toBeGreaterThan(p.start);
  });
});
