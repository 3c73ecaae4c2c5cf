import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { isPersonName, runAfter, splitPlaceName } from './names.js';
import { searchForm } from '../text/normalize.js';

const table = parse(readFileSync(new URL('../../fixtures/officials/names.yaml', import.meta.url), 'utf8'));

describe('isPersonName', () => {
  test.each(table.is_person_name as { text: string; strong: boolean; ok: boolean }[])('$text (strong: $strong) → $ok', ({ text, strong, ok }) => {
    expect(isPersonName(searchForm(text).split(' '), strong)).toBe(ok);
  });
});

describe('splitPlaceName', () => {
  test.each(table.split_place_name as { text: string; place: string; name: string | null }[])('$text → $place | $name', ({ text, place, name }) => {
    const nfc = ` ${text}`;
    const toks = runAfter(searchForm(nfc), 0);
    const split = splitPlaceName(nfc, toks);
    const placeText = split.placeLen > 0 ? nfc.slice(toks[0]!.start, toks[split.placeLen - 1]!.end) : '';
    expect(placeText).toBe(place);
    expect(split.name?.text ?? null).toBe(name);
  });
});
