import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { personName, runAfter, splitPlaceName, type Token } from './names.js';
import { searchForm } from '../text/normalize.js';

const table = parse(readFileSync(new URL('../../fixtures/officials/names.yaml', import.meta.url), 'utf8'));

/** The words of `text`, split at its spaces, as tokens. */
function tokens(text: string): Token[] {
  const out: Token[] = [];
  let at = 0;
  for (const word of searchForm(text).split(' ')) {
    out.push({ text: word, start: at, end: at + word.length });
    at += word.length + 1;
  }
  return out;
}

describe('personName', () => {
  test.each(table.is_person_name as { text: string; strong: boolean; ok: boolean }[])('$text (strong: $strong) → $ok', ({ text, strong, ok }) => {
    const toks = tokens(text);
    expect(personName(text, toks, 0, toks.length, strong) !== null).toBe(ok);
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
