/**
 * Vietnamese-written numbers: `12.500` (dot groups thousands), `56,7` (comma is the decimal
 * mark), `1.234,5`, and the English-style forms some outlets use (`7.2`, `1,234,567`).
 * Number words (`hai`, `ba`, `sáu`) come from data/values.yaml.
 */
import { lookup, alt, WB, WE } from '../text/pattern.js';
import { values } from './lexicon.js';

export interface ParsedNumber {
  value: number;
  /** `215,730`: a comma before exactly three digits could be a thousands separator. */
  ambiguousComma: boolean;
}

/** Regex source of a written number (digits with `.`/`,` groups). */
export const NUMBER_SRC = '(?:\\d{1,3}(?:\\.\\d{3})+(?:,\\d+)?|\\d{1,3}(?:,\\d{3}){2,}(?:\\.\\d+)?|\\d+(?:[.,]\\d+)?)';

export function parseNumber(raw: string): ParsedNumber | null {
  const s = raw.replace(/\s+/g, '');
  let m: RegExpMatchArray | null;
  if (/^\d+$/.test(s)) return { value: Number(s), ambiguousComma: false };
  if ((m = s.match(/^(\d{1,3}(?:\.\d{3})+)(?:,(\d+))?$/))) {
    const int = m[1]!.replace(/\./g, '');
    return { value: Number(m[2] ? `${int}.${m[2]}` : int), ambiguousComma: false };
  }
  if ((m = s.match(/^(\d{1,3}(?:,\d{3}){2,})(?:\.(\d+))?$/))) {
    const int = m[1]!.replace(/,/g, '');
    return { value: Number(m[2] ? `${int}.${m[2]}` : int), ambiguousComma: false };
  }
  if ((m = s.match(/^(\d+),(\d+)$/))) {
    return { value: Number(`${m[1]}.${m[2]}`), ambiguousComma: m[2]!.length === 3 };
  }
  if ((m = s.match(/^(\d+)\.(\d+)$/))) {
    // `1.500` groups thousands; `7.2`, `9.02` are decimals written the English way.
    if (m[2]!.length === 3) return { value: Number(m[1]! + m[2]!), ambiguousComma: false };
    return { value: Number(`${m[1]}.${m[2]}`), ambiguousComma: false };
  }
  return null;
}

/** Read `215,730` with the comma as a thousands separator instead. */
export function commaAsThousands(raw: string): number | null {
  const s = raw.replace(/\s+/g, '');
  return /^\d+,\d{3}$/.test(s) ? Number(s.replace(',', '')) : null;
}

let numberWordLookup: ((s: string) => number | undefined) | undefined;
/** Value of a number word (`hai` → 2), or undefined. */
export function numberWord(word: string): number | undefined {
  numberWordLookup ??= lookup(Object.entries(values().number_words));
  return numberWordLookup(word);
}

/** Regex source of a number word, as a whole word. */
export function numberWordSrc(): string {
  return `${WB}${alt(Object.keys(values().number_words))}${WE}`;
}

/** Format a number the Vietnamese way: `1234567.5` → `1.234.567,5`. */
export function formatVietnamese(n: number, maxFraction = 2): string {
  const neg = n < 0;
  const [int, rawFrac] = Math.abs(n).toFixed(maxFraction).split('.');
  // Trailing zeros of the fraction dropped with a loop (`/0+$/` backtracks quadratically).
  let end = rawFrac?.length ?? 0;
  while (end > 0 && rawFrac![end - 1] === '0') end--;
  const frac = rawFrac?.slice(0, end);
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return (neg ? '-' : '') + grouped + (frac ? `,${frac}` : '');
}
