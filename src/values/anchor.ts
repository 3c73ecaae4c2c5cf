/**
 * Anchor-first scanning for the value rules (dates, periods, places). A big rule that starts
 * with a look-behind and an alternation is tried by V8 at every position of the text, which is
 * what made these scans slow. Instead the rule is compiled sticky and tried only at candidate
 * positions, in text order from the end of the previous match, which gives exactly the matches
 * of the global scan as long as every match begins at a candidate:
 * - dates and periods: every match has a digit run (its first one, or its first year) a few
 *   words after its start, so the candidates are the word starts just before each such run
 *   that begin with a word the rule can begin with (`matchNear`);
 * - places: every match begins with a level word or a known name, found by one scan of a
 *   trie of those phrases (`trieSource`).
 */
import { WORD_CHARS } from '../text/pattern.js';
import { searchForm } from '../text/normalize.js';

/**
 * 1 for each UTF-16 unit a character class (its body, e.g. `\\s/-`) accepts: one scan of a
 * string of every unit, so the table is the class itself.
 */
export function unitTable(classBody: string): Uint8Array {
  ALL_UNITS ??= Array.from({ length: 0x100 }, (_, hi) => String.fromCharCode(...Array.from({ length: 0x100 }, (_, lo) => (hi << 8) | lo))).join('');
  const table = new Uint8Array(0x10000);
  const re = new RegExp(`[${classBody}]`, 'g');
  for (let m = re.exec(ALL_UNITS); m; m = re.exec(ALL_UNITS)) table[m.index] = 1;
  return table;
}
let ALL_UNITS: string | undefined;

/** 1 for a UTF-16 unit in WORD_CHARS (the characters `WB`/`WE` treat as part of a word). */
export const WORD = unitTable(WORD_CHARS);

/**
 * The first word of each lexicon phrase as `phrase()` spells it (folded; both cases unless
 * case-sensitive), as pairs of accepted UTF-16 units, one pair per unit. Throws on a phrase
 * that does not begin with a word character: the scan only tries word starts.
 */
export function leadWords(words: Iterable<string>, opts: { caseSensitive?: boolean } = {}): Uint16Array[] {
  const out: Uint16Array[] = [];
  for (const w of words) {
    const folded = searchForm(w.normalize('NFC')).trim();
    if (folded === '') continue;
    if (!WORD[folded.charCodeAt(0)]) throw new Error(`anchor scan: '${w}' does not begin with a word character`);
    const pairs: number[] = [];
    for (const ch of folded) {
      if (!WORD[ch.charCodeAt(0)]) break;
      const lo = ch.toLowerCase();
      const up = ch.toUpperCase();
      // `phrase()` accepts the other case only where both cases are one unit.
      if (!opts.caseSensitive && lo !== up && lo.length === 1 && up.length === 1) pairs.push(lo.charCodeAt(0), up.charCodeAt(0));
      else for (let i = 0; i < ch.length; i++) pairs.push(ch.charCodeAt(i), ch.charCodeAt(i));
    }
    out.push(Uint16Array.from(pairs));
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
  /**
   * The first words a match may begin with when it begins at a word start before the anchor,
   * by first unit (see leadWords). The text's word only has to begin with one of them.
   */
  lead: Map<number, Uint16Array[]>;
  /** The most words a match can have before its anchor. */
  wordsBefore: number;
  /**
   * 1 for a unit that can be right before the anchor in a match that begins before it (the
   * rule's separators there); without one, only the anchor itself is tried.
   */
  gap: Uint8Array;
  /** Scratch space for matchNear: the word starts before an anchor. */
  starts: Int32Array;
}

/**
 * An anchored rule from its regex source, lead words, word bound and gap (a character class
 * body, see AnchoredRule.gap).
 */
export function anchoredRule(source: string, lead: Iterable<Uint16Array>, wordsBefore: number, gap: string): AnchoredRule {
  const byFirst = new Map<number, Uint16Array[]>();
  for (const word of lead) {
    for (const first of new Set([word[0]!, word[1]!])) {
      const list = byFirst.get(first) ?? [];
      list.push(word);
      byFirst.set(first, list);
    }
  }
  return {
    sticky: new RegExp(source, 'uy'),
    lead: byFirst,
    wordsBefore,
    gap: unitTable(gap),
    starts: new Int32Array(wordsBefore),
  };
}

/** Whether `text` at `pos` begins with one of the lead words. */
function leadAt(lead: Map<number, Uint16Array[]>, text: string, pos: number): boolean {
  const list = lead.get(text.charCodeAt(pos));
  if (list === undefined) return false;
  for (const word of list) {
    let i = 1;
    const n = word.length >> 1;
    for (; i < n; i++) {
      const c = text.charCodeAt(pos + i);
      if (c !== word[2 * i] && c !== word[2 * i + 1]) break;
    }
    if (i === n) return true;
  }
  return false;
}

/**
 * The first match of `rule` starting in [floor, anchor]: at a word start within
 * `rule.wordsBefore` words before the anchor that begins with a lead word, or at the anchor
 * (unless the caller knows no shape can begin there).
 */
export function matchNear(rule: AnchoredRule, text: string, anchor: number, floor: number, atAnchor = true): RegExpExecArray | null {
  // Walk back word by word, noting the word starts (nearest first).
  const starts = rule.starts;
  let n = 0;
  let from = anchor;
  const before = anchor > floor && rule.gap[text.charCodeAt(anchor - 1)] === 1;
  for (let k = 0; before && k < rule.wordsBefore && from > floor; k++) {
    while (from > floor && !WORD[text.charCodeAt(from - 1)]) from--;
    while (from > floor && WORD[text.charCodeAt(from - 1)]) from--;
    if (WORD[text.charCodeAt(from)] && (from === 0 || !WORD[text.charCodeAt(from - 1)])) starts[n++] = from;
  }
  const re = rule.sticky;
  for (let i = n - 1; i >= 0; i--) {
    const p = starts[i]!;
    if (!leadAt(rule.lead, text, p)) continue;
    re.lastIndex = p;
    const m = re.exec(text);
    if (m) return m;
  }
  if (!atAnchor) return null;
  re.lastIndex = anchor;
  return re.exec(text);
}

const DIGITS = /\d+/g;

/**
 * Start and end of every digit run of `text`, flattened (`[s0, e0, s1, e1, …]`): the anchors of
 * dates and periods, computed once per document and shared. Scanned with `test` (no match
 * array per run): `lastIndex` is a run's end, and its start is found by stepping back.
 */
export function digitRuns(text: string): number[] {
  const out: number[] = [];
  DIGITS.lastIndex = 0;
  while (DIGITS.test(text)) {
    const end = DIGITS.lastIndex;
    let start = end - 1;
    while (start > 0 && isDigit(text.charCodeAt(start - 1))) start--;
    out.push(start, end);
  }
  return out;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Whether the digit run [start, end) is a year of `YEAR` (1940 to 2100). */
export function isYearRun(text: string, start: number, end: number): boolean {
  if (end - start !== 4) return false;
  let y = 0;
  for (let i = start; i < end; i++) y = y * 10 + text.charCodeAt(i) - 48;
  return y >= 1940 && y <= 2100;
}

interface TrieNode {
  end: boolean;
  next: Map<string, TrieNode>;
}

/**
 * A regex source that matches where one of the phrases (lists of atoms, see `phraseAtoms`)
 * begins, built as a trie: V8 scans a shared-prefix tree far faster than a flat alternation of
 * hundreds of names. By default it only finds where a phrase starts (the shortest one that
 * fits), so a rule's candidates are its hits; with `every`, each phrase remains a path to
 * backtrack into (for a trie followed by more pattern).
 */
export function trieSource(phrases: Iterable<string[]>, opts: { every?: boolean } = {}): string {
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
    if (node.end && (!opts.every || node.next.size === 0)) return '';
    const alts = [...node.next].map(([atom, child]) => atom + emit(child));
    if (node.end) alts.push('');
    return alts.length === 1 ? alts[0]! : `(?:${alts.join('|')})`;
  };
  return root.next.size === 0 ? '(?!)' : emit(root);
}
