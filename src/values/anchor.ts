/**
 * Anchor-first scanning for the value rules (dates, periods, places). A big rule that starts
 * with a look-behind and an alternation is tried by V8 at every position of the text, which is
 * what made these scans slow. Every match of such a rule contains a cheap anchor (a digit run,
 * a year, a capital letter) within a few words after its start, so the rule is instead run as a
 * sticky regex at the few word starts just before each anchor. Tried in text order from the end
 * of the previous match, this gives exactly the matches of the global scan.
 */
import { WORD_CHARS } from '../text/pattern.js';
import { searchForm } from '../text/normalize.js';

/** 1 for a UTF-16 unit in WORD_CHARS (the characters `WB`/`WE` treat as part of a word). */
export const WORD = wordTable(WORD_CHARS);

/** The table of a character-class body made of `\uXXXX` escapes, literals and ranges. */
function wordTable(classBody: string): Uint8Array {
  const table = new Uint8Array(0x10000);
  const units: number[] = [];
  for (let i = 0; i < classBody.length; ) {
    if (classBody[i] === '\\' && classBody[i + 1] === 'u') {
      units.push(parseInt(classBody.slice(i + 2, i + 6), 16));
      i += 6;
    } else if (classBody[i] === '-' && units.length > 0 && i + 1 < classBody.length) {
      units.push(-1); // a range marker between two units
      i++;
    } else units.push(classBody.charCodeAt(i++));
  }
  for (let k = 0; k < units.length; k++) {
    const lo = units[k]!;
    const hi = units[k + 1] === -1 ? units[k + 2]! : lo;
    table.fill(1, lo, hi + 1);
    if (hi !== lo) k += 2;
  }
  return table;
}

/**
 * The first UTF-16 units a lexicon phrase can begin with in the search text, as `phrase()`
 * spells it (folded, both cases unless case-sensitive). Throws on a phrase that does not begin
 * with a word character: the scan only tries word starts.
 */
export function leadUnits(words: Iterable<string>, opts: { caseSensitive?: boolean } = {}): number[] {
  const out: number[] = [];
  for (const w of words) {
    const ch = [...searchForm(w.normalize('NFC')).trim()][0];
    if (ch === undefined) continue;
    if (ch.length !== 1 || !WORD[ch.charCodeAt(0)]) throw new Error(`anchor scan: '${w}' does not begin with a word character`);
    out.push(ch.charCodeAt(0));
    // `phrase()` accepts the other case only where it is one unit too.
    if (!opts.caseSensitive) for (const v of [ch.toLowerCase(), ch.toUpperCase()]) if (v.length === 1) out.push(v.charCodeAt(0));
  }
  return out;
}

/** The number of words (runs of word characters) in a lexicon phrase. */
export function wordCount(phrase: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < phrase.length; i++) {
    const w = WORD[phrase.charCodeAt(i)] === 1;
    if (w && !inWord) n++;
    inWord = w;
  }
  return n;
}

/** The most words of any phrase in a list. */
export function maxWords(list: Iterable<string>): number {
  let n = 0;
  for (const w of list) n = Math.max(n, wordCount(searchForm(w.normalize('NFC'))));
  return n;
}

export interface AnchoredRule {
  /** The rule, compiled sticky (`uy`): tried at one position at a time. */
  sticky: RegExp;
  /** 1 for a unit a match may begin with when it begins at a word start before the anchor. */
  lead: Uint8Array;
  /** The most words a match can have before its anchor. */
  wordsBefore: number;
}

/** An anchored rule from its regex source, lead units and word bound. */
export function anchoredRule(source: string, lead: Iterable<number>, wordsBefore: number): AnchoredRule {
  const table = new Uint8Array(0x10000);
  for (const u of lead) table[u] = 1;
  return { sticky: new RegExp(source, 'uy'), lead: table, wordsBefore };
}

/**
 * The first match of `rule` starting in [floor, anchor]: at a word start within
 * `rule.wordsBefore` words before the anchor whose first unit is a lead, or at the anchor.
 */
export function matchNear(rule: AnchoredRule, text: string, anchor: number, floor: number): RegExpExecArray | null {
  let from = anchor;
  for (let k = 0; k < rule.wordsBefore; k++) {
    while (from > floor && !WORD[text.charCodeAt(from - 1)]) from--;
    while (from > floor && WORD[text.charCodeAt(from - 1)]) from--;
  }
  const re = rule.sticky;
  for (let p = from; p < anchor; p++) {
    if (!rule.lead[text.charCodeAt(p)] || (p > 0 && WORD[text.charCodeAt(p - 1)])) continue;
    re.lastIndex = p;
    const m = re.exec(text);
    if (m) return m;
  }
  re.lastIndex = anchor;
  return re.exec(text);
}

/**
 * Digit runs, scanned with `test` (no match array per run): `lastIndex` is a run's end and
 * `digitRunStart` finds its start. Shared, so reset `lastIndex` before each scan.
 */
export const DIGITS = /\d+/g;

/** The start of the digit run that ends at `end`. */
export function digitRunStart(text: string, end: number): number {
  let start = end - 1;
  while (start > 0 && isDigit(text.charCodeAt(start - 1))) start--;
  return start;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Whether the digit run [start, end) is a year of `YEAR` (1940 to 2100). */
export function isYearRun(text: string, start: number, end: number): boolean {
  if (end - start !== 4) return false;
  const y = Number(text.slice(start, end));
  return y >= 1940 && y <= 2100;
}

interface TrieNode {
  end: boolean;
  next: Map<string, TrieNode>;
}

/**
 * A regex source that matches where one of the phrases (lists of atoms, see `phraseAtoms`)
 * begins, built as a trie: V8 scans a shared-prefix tree far faster than a flat alternation of
 * hundreds of names. It only finds where a phrase starts (the shortest one that fits), so a
 * rule's candidates are its hits; the rule itself decides.
 */
export function trieSource(phrases: Iterable<string[]>): string {
  const root: TrieNode = { end: false, next: new Map() };
  for (const atoms of phrases) {
    if (atoms.length === 0) continue;
    let node = root;
    for (const a of atoms) {
      let child = node.next.get(a);
      if (!child) node.next.set(a, (child = { end: false, next: new Map() }));
      node = child;
    }
    node.end = true;
  }
  const emit = (node: TrieNode): string => {
    if (node.end) return '';
    const alts = [...node.next].map(([atom, child]) => atom + emit(child));
    return alts.length === 1 ? alts[0]! : `(?:${alts.join('|')})`;
  };
  return root.next.size === 0 ? '(?!)' : emit(root);
}
