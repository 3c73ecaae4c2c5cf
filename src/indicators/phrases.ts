/**
 * Fast look-up of many lexicon phrases in a text: the text is cut once into word tokens
 * (letters, marks, digits), and each phrase list is a map from its first word to its phrases,
 * longest first. Matching is linear in the number of tokens, where one big regex alternation
 * would try every phrase at every character. Words compare in the folded, lower-case `search`
 * form; between two words the text must have only spaces, or the same single punctuation mark
 * the phrase has there (`<word> - <word>`, `<word>, <word>`, `<word>/<word>`).
 */
import { isSpaceCode } from '../text/chars.js';
import { searchForm } from '../text/normalize.js';
import { firstAtOrAfter, type Span } from '../engine/context.js';

/**
 * Word tokens of a text as parallel arrays (no object per word): token `i` is
 * `[starts[i], ends[i])`, and `hashes[i]` is the hash of its lower-case folded word
 * (see `keyHash`; equal words have equal hashes).
 */
export class Tokens {
  length = 0;
  starts: Int32Array;
  ends: Int32Array;
  hashes: Int32Array;

  constructor(capacity: number) {
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.hashes = new Int32Array(capacity);
  }

  /** Index of the first token starting at or after `pos` (binary search). */
  atOrAfter(pos: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Lower-case code units below U+2000 (the letters a folded text has), built once. */
let LOWER: Uint16Array | undefined;
function lowerTable(): Uint16Array {
  if (LOWER) return LOWER;
  LOWER = new Uint16Array(0x2000);
  for (let c = 0; c < 0x2000; c++) {
    const l = String.fromCharCode(c).toLowerCase();
    LOWER[c] = l.length === 1 ? l.charCodeAt(0) : c;
  }
  return LOWER;
}

/** FNV-1a step over one lower-cased code unit. */
function hashStep(h: number, c: number, lower: Uint16Array): number {
  return Math.imul(h ^ (c < 0x2000 ? lower[c]! : c), 16777619);
}

const HASH_SEED = 2166136261 | 0;
/** Hashes are kept to 30 bits: small integers stay unboxed in V8 (map keys, object fields). */
const HASH_MASK = 0x3fffffff;

/** Hash of a word as tokens carry it. */
export function keyHash(word: string): number {
  const lower = lowerTable();
  let h = HASH_SEED;
  for (let i = 0; i < word.length; i++) h = hashStep(h, word.charCodeAt(i), lower);
  return h & HASH_MASK;
}

/** The lower-case word of token `i`. */
export function tokenKey(search: string, tokens: Tokens, i: number): string {
  return search.slice(tokens.starts[i]!, tokens.ends[i]!).toLowerCase();
}

/** Whether token `i` is `key`, a word whose units are their own lower case, without a string. */
function tokenIs(search: string, tokens: Tokens, i: number, key: string): boolean {
  const start = tokens.starts[i]!;
  if (tokens.ends[i]! - start !== key.length) return false;
  const lower = lowerTable();
  for (let k = 0; k < key.length; k++) {
    const c = search.charCodeAt(start + k);
    if ((c < 0x2000 ? lower[c]! : c) !== key.charCodeAt(k)) return false;
  }
  return true;
}

interface Phrase<V> {
  keys: string[];
  hashes: number[];
  /** Hash of the second word, or -1 for a one-word phrase (hashes are never negative). */
  second: number;
  /** Separator class before each key after the first: ' ', or the punctuation mark. */
  seps: string[];
  value: V;
  length: number;
  /** Every unit of every key is its own lower case (`tokenIs` can confirm the words). */
  plainKeys: boolean;
}

export interface PhraseHit<V> extends Span {
  value: V;
  /** Index of the first and one past the last token. */
  from: number;
  to: number;
}

/** Whether a UTF-16 unit is part of a word: ASCII letters and digits, Latin letters with
 * diacritics (Latin-1 to Latin Extended, Vietnamese in U+1E00-U+1EFF) and combining marks. */
export function isWordUnit(c: number): boolean {
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  if (c >= 0xc0 && c <= 0x24f) return c !== 0xd7 && c !== 0xf7;
  return (c >= 0x300 && c <= 0x36f) || (c >= 0x1e00 && c <= 0x1eff) || (c >= 0x370 && c <= 0x1fff && c !== 0x2000);
}

/** The lower case of each word unit below U+2000, and 0 for every other unit (no word unit
 * is at or above U+2000, and none is U+0000): one look-up both classifies and folds. */
let WORD_LOWER: Uint16Array | undefined;
function wordLowerTable(): Uint16Array {
  if (WORD_LOWER) return WORD_LOWER;
  const lower = lowerTable();
  WORD_LOWER = new Uint16Array(0x2000);
  for (let c = 1; c < 0x2000; c++) WORD_LOWER[c] = isWordUnit(c) ? lower[c]! : 0;
  return WORD_LOWER;
}

/** Word tokens of `text[from, to)`, appended to `out` (which has room for them), each with the
 * hash of its lower-case form computed in the same pass (no string per word). */
function pushTokens(text: string, from: number, to: number, out: Tokens): void {
  const wl = wordLowerTable();
  const { starts, ends, hashes } = out;
  let n = out.length;
  let i = from;
  while (i < to) {
    let c = text.charCodeAt(i);
    let l = c < 0x2000 ? wl[c]! : 0;
    if (l === 0) {
      i++;
      continue;
    }
    const start = i;
    let h = HASH_SEED;
    for (;;) {
      h = Math.imul(h ^ l, 16777619);
      if (++i >= to) break;
      c = text.charCodeAt(i);
      if (c >= 0x2000 || (l = wl[c]!) === 0) break;
    }
    starts[n] = start;
    ends[n] = i;
    hashes[n] = h & HASH_MASK;
    n++;
  }
  out.length = n;
}

/** Most tokens `n` units of text can hold: a word and a separator each take a unit. */
function maxTokens(n: number): number {
  return (n + 1) >> 1;
}

function tokensOf(text: string): Tokens {
  const out = new Tokens(maxTokens(text.length));
  pushTokens(text, 0, text.length, out);
  return out;
}

/** Separator class of the text between two words, or null when it cannot join a phrase. */
function sepClass(gap: string): string | null {
  let mark = '';
  for (const ch of gap) {
    if (ch === ' ' || ch === '\t') continue;
    if (ch === '\n' || ch === '\r' || mark !== '') return null;
    mark = ch;
  }
  return mark === '' ? ' ' : mark;
}

/** `sepClass` of `text.slice(from, to)` without making the slice. */
function sepBetween(text: string, from: number, to: number): string | null {
  if (to - from === 1 && text.charCodeAt(from) === 32) return ' ';
  return sepClass(text.slice(from, to));
}

/** Word tokens of a `search` text: all of it, or only the given ranges (sorted, disjoint;
 * words cut by a range edge are cut too, so ranges should end at word edges). */
export function tokenize(search: string, ranges?: readonly Span[]): Tokens {
  if (!ranges) return tokensOf(search);
  let room = 0;
  for (const r of ranges) room += maxTokens(r.end - r.start);
  const out = new Tokens(room);
  for (const r of ranges) pushTokens(search, r.start, r.end, out);
  return out;
}

/** The longest phrase of `list` (longest first) starting at token `i`, or null. */
function matchPhrases<V>(list: readonly Phrase<V>[], search: string, tokens: Tokens, i: number): PhraseHit<V> | null {
  const { starts, ends, hashes } = tokens;
  // The word after token `i`, -1 at the end: most phrases of a long list fail on it.
  const next = i + 1 < tokens.length ? hashes[i + 1]! : -1;
  for (const p of list) {
    const n = p.keys.length;
    if (n > 1 && (p.second !== next || i + n > tokens.length)) continue;
    let ok = true;
    for (let k = 1; k < n && ok; k++) {
      ok = hashes[i + k] === p.hashes[k] && sepBetween(search, ends[i + k - 1]!, starts[i + k]!) === p.seps[k - 1];
    }
    // Hashes matched: confirm the words themselves.
    for (let k = 0; k < n && ok; k++) {
      ok = p.plainKeys ? tokenIs(search, tokens, i + k, p.keys[k]!) : tokenKey(search, tokens, i + k) === p.keys[k];
    }
    if (ok) return { start: starts[i]!, end: ends[i + n - 1]!, value: p.value, from: i, to: i + n };
  }
  return null;
}

export class PhraseSet<V> {
  private readonly byFirst = new Map<number, Phrase<V>[]>();

  constructor(entries: Iterable<[string, V]>) {
    for (const [surface, value] of entries) {
      const folded = searchForm(surface.normalize('NFC')).trim();
      const toks = tokensOf(folded);
      if (toks.length === 0) continue;
      const seps: string[] = [];
      const keys: string[] = [];
      for (let i = 0; i < toks.length; i++) {
        keys.push(tokenKey(folded, toks, i));
        if (i === 0) continue;
        const c = sepClass(folded.slice(toks.ends[i - 1]!, toks.starts[i]!));
        if (c === null) throw new Error(`lexicon phrase "${surface}": unsupported separator`);
        seps.push(c);
      }
      const lower = lowerTable();
      const plainKeys = keys.every((k) => [...k].every((ch) => ch.length === 1 && ch.charCodeAt(0) < 0x2000 && ch !== '\u03c3' && lower[ch.charCodeAt(0)] === ch.charCodeAt(0)));
      const hashes = [...toks.hashes.subarray(0, toks.length)];
      const p: Phrase<V> = { keys, hashes, second: hashes[1] ?? -1, seps, value, length: folded.length, plainKeys };
      const list = this.byFirst.get(p.hashes[0]!) ?? [];
      list.push(p);
      this.byFirst.set(p.hashes[0]!, list);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.keys.length - a.keys.length || b.length - a.length);
  }

  /** The phrases by the hash of their first word, longest first. */
  byFirstWord(): ReadonlyMap<number, readonly Phrase<V>[]> {
    return this.byFirst;
  }

  /** The longest phrase starting at token `i`, or null. */
  matchAt(search: string, tokens: Tokens, i: number): PhraseHit<V> | null {
    if (i >= tokens.length) return null;
    const list = this.byFirst.get(tokens.hashes[i]!);
    return list ? matchPhrases(list, search, tokens, i) : null;
  }

  /** Non-overlapping longest matches, left to right. */
  findAll(search: string, tokens: Tokens = tokenize(search)): PhraseHit<V>[] {
    const out: PhraseHit<V>[] = [];
    for (let i = 0; i < tokens.length; ) {
      const hit = this.matchAt(search, tokens, i);
      if (hit) {
        out.push(hit);
        i = hit.to;
      } else i++;
    }
    return out;
  }
}

/** The last span inside `[from, to)` that `keep` accepts, by binary search then a walk back. */
export function lastWithin<T extends Span>(list: readonly T[], from: number, to: number, keep: (x: T) => boolean = () => true): T | null {
  for (let i = firstAtOrAfter(list, to) - 1; i >= 0; i--) {
    const x = list[i]!;
    if (x.start < from) return null;
    if (x.end <= to && keep(x)) return x;
  }
  return null;
}

/** The first span inside `[from, to)` that `keep` accepts. */
export function firstWithin<T extends Span>(list: readonly T[], from: number, to: number, keep: (x: T) => boolean = () => true): T | null {
  for (let i = firstAtOrAfter(list, from); i < list.length; i++) {
    const x = list[i]!;
    if (x.start >= to) return null;
    if (x.end <= to && keep(x)) return x;
  }
  return null;
}

/** Whether some span lies inside `[from, to)`. */
export function anyWithin(list: readonly Span[], from: number, to: number): boolean {
  return firstWithin(list, from, to) !== null;
}

/**
 * Several phrase lists scanned in one pass over the tokens: each list keeps its own
 * left-to-right, longest-first, non-overlapping matches.
 */
export class PhraseScanner<K extends string> {
  private readonly kinds: K[];
  private readonly sets: PhraseSet<unknown>[] = [];
  /** For each first word, the lists that have phrases starting with it: list index, phrases. */
  private readonly firstKeys = new Map<number, FirstWordEntry[]>();
  /** Low bits of the first words' hashes (1 = some first word has them): most words are no
   * first word, and this rejects them with one array read instead of a map look-up. */
  private readonly firstBits = new Uint8Array(FIRST_BITS + 1);

  constructor(lists: Record<K, Iterable<[string, unknown]>>) {
    this.kinds = Object.keys(lists) as K[];
    this.kinds.forEach((kind, k) => {
      const set = new PhraseSet<unknown>(lists[kind]);
      this.sets.push(set);
      for (const [key, phrases] of set.byFirstWord()) {
        const entries = this.firstKeys.get(key) ?? [];
        entries.push({ list: k, phrases });
        this.firstKeys.set(key, entries);
        this.firstBits[key & FIRST_BITS] = 1;
      }
    });
  }

  set(kind: K): PhraseSet<unknown> {
    return this.sets[this.kinds.indexOf(kind)]!;
  }

  scan(search: string, tokens: Tokens = tokenize(search)): Record<K, PhraseHit<unknown>[]> {
    const hits: PhraseHit<unknown>[][] = this.kinds.map(() => []);
    const nextFree = new Int32Array(this.kinds.length);
    const { hashes } = tokens;
    const bits = this.firstBits;
    for (let i = 0; i < tokens.length; i++) {
      const h = hashes[i]!;
      if (bits[h & FIRST_BITS] === 0) continue;
      const entries = this.firstKeys.get(h);
      if (entries === undefined) continue;
      for (const e of entries) {
        if (i < nextFree[e.list]!) continue;
        const hit = matchPhrases(e.phrases, search, tokens, i);
        if (hit) {
          hits[e.list]!.push(hit);
          nextFree[e.list] = hit.to;
        }
      }
    }
    const out = {} as Record<K, PhraseHit<unknown>[]>;
    this.kinds.forEach((kind, k) => (out[kind] = hits[k]!));
    return out;
  }
}

/** Mask of the hash bits `PhraseScanner.firstBits` is indexed by. */
const FIRST_BITS = 0xffff;

interface FirstWordEntry {
  list: number;
  phrases: readonly Phrase<unknown>[];
}

/**
 * What a pattern of lexicon phrases can end with: the hashes of the phrases' last words (by
 * length), and the last characters of phrases that end with a mark. A cheap necessary test
 * before running an end-anchored pattern built from the same phrases.
 */
export class LastWords {
  private readonly hashes = new Set<number>();
  private readonly lengths: number[] = [];
  private readonly lastUnits = new Set<number>();
  private readonly marks = new Set<number>();

  constructor(phrases: Iterable<string>) {
    for (const surface of phrases) {
      const folded = searchForm(surface.normalize('NFC')).trim();
      if (folded === '') continue;
      const last = folded.charCodeAt(folded.length - 1);
      if (isWordUnit(last)) {
        const toks = tokensOf(folded);
        const t = toks.length - 1;
        const n = toks.ends[t]! - toks.starts[t]!;
        this.hashes.add(toks.hashes[t]!);
        if (!this.lengths.includes(n)) this.lengths.push(n);
        this.lastUnits.add(lowerTable()[last]!);
      } else this.marks.add(last);
    }
  }

  /** Whether `text[0, end)` ends with one of the phrases' last words (case-folded) or marks. */
  endsAt(text: string, end: number): boolean {
    if (end <= 0) return false;
    const c = text.charCodeAt(end - 1);
    if (!isWordUnit(c)) return this.marks.has(c);
    const lower = lowerTable();
    if (!this.lastUnits.has(lower[c]!)) return false;
    for (const n of this.lengths) {
      if (n > end) continue;
      let h = HASH_SEED;
      for (let i = end - n; i < end; i++) h = hashStep(h, text.charCodeAt(i), lower);
      if (this.hashes.has(h & HASH_MASK)) return true;
    }
    return false;
  }

  /** Whether `text` can end with a phrase, then spaces (`<phrases>\s*$`). */
  endsText(text: string): boolean {
    let j = text.length;
    while (j > 0 && isSpaceCode(text.charCodeAt(j - 1))) j--;
    return this.endsAt(text, j);
  }
}

/** `re.test(text)` for an end-anchored pattern `<phrases>\s*$`, skipped when `last` says it cannot match. */
export function testTail(last: LastWords, re: RegExp, text: string): boolean {
  return last.endsText(text) && re.test(text);
}

/**
 * What a pattern of lexicon phrases can start with at a word: the hashes of the phrases' first
 * words (case-folded). A cheap necessary test before running the pattern at a word start.
 */
export class FirstWords {
  private readonly hashes = new Set<number>();

  constructor(phrases: Iterable<string>) {
    for (const surface of phrases) {
      const folded = searchForm(surface.normalize('NFC')).trim();
      const toks = tokensOf(folded);
      // A phrase opening with a mark never starts at a word.
      if (toks.length > 0 && toks.starts[0] === 0) this.hashes.add(toks.hashes[0]!);
    }
  }

  /** Whether the word starting at `text[i]` is the first word of one of the phrases. */
  startsAt(text: string, i: number): boolean {
    const wl = wordLowerTable();
    let h = HASH_SEED;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const l = c < 0x2000 ? wl[c]! : 0;
      if (l === 0) break;
      h = Math.imul(h ^ l, 16777619);
    }
    return this.hashes.has(h & HASH_MASK);
  }
}

/**
 * Where a sticky pattern matches and reaches `text.length`, tried only at word starts and at
 * the given punctuation marks, leftmost first: the same answer as an end-anchored search when
 * every match starts at a word or one of those marks, without trying every position. With
 * `firsts`, a word start is tried only when its word can open a match.
 */
export function matchToEnd(text: string, sticky: RegExp, marks: string, firsts?: FirstWords): RegExpExecArray | null {
  const wl = wordLowerTable();
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const wasWord = inWord;
    inWord = c < 0x2000 && wl[c] !== 0;
    if (inWord ? wasWord || (firsts !== undefined && !firsts.startsAt(text, i)) : !hasUnit(marks, c)) continue;
    sticky.lastIndex = i;
    const m = sticky.exec(text);
    if (m) return m;
  }
  return null;
}

/** Whether the code unit `c` occurs in `s` (`s.includes` of one unit, without a string for it). */
function hasUnit(s: string, c: number): boolean {
  for (let k = 0; k < s.length; k++) if (s.charCodeAt(k) === c) return true;
  return false;
}

/** Spans of a sticky pattern whose matches start with one of `firsts`, found by `indexOf`. */
export function spansOf(text: string, sticky: RegExp, firsts: readonly string[]): Span[] {
  const out: Span[] = [];
  for (const f of firsts) {
    for (let i = text.indexOf(f); i >= 0; i = text.indexOf(f, i + 1)) {
      sticky.lastIndex = i;
      const m = sticky.exec(text);
      if (m) out.push({ start: i, end: i + m[0].length });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
