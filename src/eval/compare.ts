/**
 * Comparison forms of RECORDS.md scoring. Strings: NFC, lower case, one tone placement, white
 * space collapsed, edge punctuation dropped. Titles (and legal-reference issuers) further:
 * abbreviations expanded, `Ủy viên Trung ương Đảng` read as the full form, a trailing province
 * name dropped.
 */
import { z } from 'zod';
import { compareKey } from '../text/normalize.js';
import { loadData } from '../text/lexicon.js';
import { esc, lookupKey } from '../text/pattern.js';
import { provinceSource } from '../values/place.js';

const abbrSchema = z.object({ expansions: z.record(z.string(), z.string()) });
export const abbreviations = (): Record<string, string> => loadData('abbreviations.yaml', abbrSchema).expansions;

let expanders: [RegExp, string][] | undefined;
function getExpanders(): [RegExp, string][] {
  if (expanders) return expanders;
  const entries = Object.entries(abbreviations()).sort((a, b) => b[0].length - a[0].length);
  expanders = entries.map(([abbr, full]) => {
    const key = lookupKey(abbr);
    const src = esc(key).replace(/\\\./g, '\\.\\s*').replace(/ /g, '\\s+');
    return [new RegExp(`(?<![\\p{L}\\p{M}])${src}(?![\\p{L}\\p{M}])`, 'gu'), lookupKey(full)];
  });
  return expanders;
}

/** Expand abbreviations in a lower-cased, folded string. */
export function expandAbbreviations(s: string): string {
  let out = lookupKey(s);
  for (const [re, full] of getExpanders()) out = out.replace(re, full);
  return out;
}

let trailingProvince: RegExp | undefined;
/** Comparison key of a title or issuer. */
export function titleKey(title: string): string {
  trailingProvince ??= new RegExp(`\\s+(?:${provinceSource()})$`, 'iu');
  return compareKey(expandAbbreviations(compareKey(title).replace(trailingProvince, '')));
}

export { compareKey };
