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
  const s = hasSpace(raw) ? raw.replace(/\s+/g, '') : raw;
  // Cut at the marks: the digit groups and the mark before each group after the first.
  const groups: string[] = [];
  const marks: number[] = [];
  let from = 0;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : DOT;
    if (c >= 48 && c <= 57) continue;
    if (c !== DOT && c !== COMMA) return null;
    if (i === from) return null;
    groups.push(s.slice(from, i));
    if (i < s.length) marks.push(c);
    from = i + 1;
  }
  const n = marks.length;
  if (n === 0) return { value: Number(s), ambiguousComma: false };
  // `1.234.567` (dots group thousands), then maybe `,<decimals>`.
  const dots = groupedRun(groups, marks, DOT);
  if (dots >= 1 && (dots === n || (dots === n - 1 && marks[n - 1] === COMMA))) {
    const int = groups.slice(0, dots + 1).join('');
    return { value: Number(dots < n ? `${int}.${groups[n]}` : int), ambiguousComma: false };
  }
  // `1,234,567` (commas group thousands, at least two), then maybe `.<decimals>`.
  const commas = groupedRun(groups, marks, COMMA);
  if (commas >= 2 && (commas === n || (commas === n - 1 && marks[n - 1] === DOT))) {
    const int = groups.slice(0, commas + 1).join('');
    return { value: Number(commas < n ? `${int}.${groups[n]}` : int), ambiguousComma: false };
  }
  if (n !== 1) return null;
  if (marks[0] === COMMA) return { value: Number(`${groups[0]}.${groups[1]}`), ambiguousComma: groups[1]!.length === 3 };
  // `1.500` groups thousands; `7.2`, `9.02` are decimals written the English way.
  if (groups[1]!.length === 3) return { value: Number(groups[0]! + groups[1]!), ambiguousComma: false };
  return { value: Number(`${groups[0]}.${groups[1]}`), ambiguousComma: false };
}

const DOT = 46;
const COMMA = 44;

/**
 * How many leading marks are `mark` between thousands groups: the first group has 1-3 digits
 * and each group after such a mark exactly 3; 0 when the first group is longer.
 */
function groupedRun(groups: readonly string[], marks: readonly number[], mark: number): number {
  if (groups[0]!.length > 3) return 0;
  let k = 0;
  while (k < marks.length && marks[k] === mark && groups[k + 1]!.length === 3) k++;
  return k;
}

function hasSpace(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13) || c >= 0xa0) return true;
  }
  return false;
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
