/**
 * Building blocks for rule patterns. Lexicon words arrive from `data/` and are turned into
 * regex source here, so rules never hand-write Vietnamese. All patterns run on the `search`
 * form of the text (see normalize.ts), so entries are folded the same way first.
 */
import { searchForm } from './normalize.js';

/** Escape a literal for use inside a RegExp. */
export function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * A case-insensitive, spacing-tolerant regex fragment for a lexicon phrase: each cased letter
 * becomes `[xX]`, a space matches any run of spaces, a dash may have spaces around it, a
 * period may be followed by spaces.
 */
export function phrase(word: string, opts: { caseSensitive?: boolean } = {}): string {
  return phraseAtoms(word, opts).join('');
}

/** The fragment of `phrase()` as a list of atoms, one per character of the folded phrase. */
export function phraseAtoms(word: string, opts: { caseSensitive?: boolean } = {}): string[] {
  // Spaces around a dash and after a period are already allowed by `\s*-\s*` and `\.\s*`;
  // keeping them would put `\s*` next to `\s+` (quadratic backtracking on long runs of spaces).
  const folded = searchForm(word.normalize('NFC'))
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/ ?- ?/g, '-')
    .replace(/\. /g, '.');
  const out: string[] = [];
  for (const ch of folded) {
    if (ch === ' ') out.push('\\s+');
    else if (ch === '-') out.push('\\s*-\\s*');
    else if (ch === '.') out.push('\\.\\s*');
    else if (!opts.caseSensitive && ch.toLowerCase() !== ch.toUpperCase()) {
      const lo = ch.toLowerCase();
      const up = ch.toUpperCase();
      out.push(lo.length === 1 && up.length === 1 ? `[${lo}${up}]` : esc(ch));
    } else out.push(esc(ch));
  }
  return out;
}

/** Longest-first alternation of lexicon phrases, as a non-capturing group. */
export function alt(words: Iterable<string>, opts: { caseSensitive?: boolean } = {}): string {
  const uniq = altOrder(words);
  if (uniq.length === 0) return '(?!)';
  return `(?:${uniq.map((w) => phrase(w, opts)).join('|')})`;
}

/** The phrases of `alt(words)` in the order it tries them: trimmed, unique, longest first. */
export function altOrder(words: Iterable<string>): string[] {
  const uniq = [...new Set([...words].map((w) => w.trim()).filter(Boolean))];
  return uniq.sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The characters of a word, for boundaries: digits, Latin letters with every Vietnamese letter
 * (Latin-1, Extended-A/B, Extended Additional), combining marks, Greek, Cyrillic, Thai, Lao,
 * Khmer, CJK and Hangul. Spelled as explicit ranges rather than `[\p{L}\p{M}\p{N}]`: V8 runs
 * a leading look-behind at every position of a scan, and with property classes that look-behind
 * costs three to four times more (measured on our corpus), for the same answer on news text.
 */
export const WORD_CHARS =
  '0-9A-Za-z\\u00AA\\u00B2\\u00B3\\u00B5\\u00B9\\u00BA\\u00BC-\\u00BE\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u036F\\u0370-\\u03FF\\u0400-\\u052F' +
  '\\u0E00-\\u0EFF\\u1780-\\u17FF\\u1AB0-\\u1AFF\\u1DC0-\\u1EFF\\u20D0-\\u20FF\\u3040-\\u30FF\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uAC00-\\uD7AF\\uFE20-\\uFE2F';
/** Not preceded by a letter, mark or digit (a Unicode-aware `\b` at a word start). */
export const WB = `(?<![${WORD_CHARS}])`;
/** Not followed by a letter, mark or digit (a Unicode-aware `\b` at a word end). */
export const WE = `(?![${WORD_CHARS}])`;

/** A whole-word alternation of lexicon phrases. */
export function words(list: Iterable<string>, opts: { caseSensitive?: boolean } = {}): string {
  return `${WB}${alt(list, opts)}${WE}`;
}

/** Compile with the flags every rule uses: Unicode, and global so `matchAll` works. */
export function compile(source: string, flags = 'gu'): RegExp {
  return new RegExp(source, flags);
}

/**
 * A look-up table keyed by the comparison form of each phrase (folded tones, lower case,
 * single spaces), so a matched slot finds its entry whatever its spelling.
 */
export function lookup<V>(entries: Iterable<[string, V]>): (surface: string) => V | undefined {
  const map = new Map<string, V>();
  for (const [k, v] of entries) {
    const key = lookupKey(k);
    if (!map.has(key)) map.set(key, v);
  }
  return (surface) => map.get(lookupKey(surface));
}

/**
 * A copy of `s` that does not keep a larger string alive. A substring of 13 or more UTF-16
 * units (a regex group, `text.slice`) can be a view into the whole document in V8; stored as
 * a key of a process-wide memo, it would keep that document in memory for the rest of the
 * run (memory then grows with the archive). Use it for memo keys, never in hot paths.
 */
export function detached(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}

/**
 * `compute` with a memo of its results by key, for values that repeat across an archive.
 * Bounded: cleared when `max` keys are held, so memory stays flat on any corpus; keys (and
 * string values) are stored `detached`, so a memo never keeps a document alive.
 */
export function boundedMemo<V>(max: number, compute: (key: string) => V): (key: string) => V {
  const memo = new Map<string, V>();
  return (key) => {
    let value = memo.get(key);
    if (value === undefined) {
      value = compute(key);
      if (memo.size >= max) memo.clear();
      memo.set(detached(key), typeof value === 'string' ? (detached(value) as V) : value);
    }
    return value;
  };
}

/** The comparison form of a surface; memoised, as slots repeat across an archive (a few thousand distinct surfaces). */
export const lookupKey: (s: string) => string = boundedMemo(20_000, (s) =>
  searchForm(s.normalize('NFC')).toLowerCase().replace(/\s+/g, ' ').replace(/ ?- ?/g, '-').replace(/\. ?/g, '.').trim(),
);

const WORD_CHAR_END = /[\p{L}\p{M}\p{N}]$/u;

/** Whether `WB` holds at `pos` of `text` (no letter, mark or digit right before it). */
export function wordStartAt(text: string, pos: number): boolean {
  return pos === 0 || !WORD_CHAR_END.test(text.slice(Math.max(0, pos - 2), pos));
}

/**
 * `exec` of a global pattern that would begin with `WB`, given without it: V8 runs a leading
 * look-behind at every position of the text (twice the cost of a scan), so the pattern finds
 * candidates and the boundary is checked here. Same matches as `WB` + the pattern.
 */
export function execAtWordStart(re: RegExp, text: string): RegExpExecArray | null {
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (wordStartAt(text, m.index)) return m;
    re.lastIndex = m.index + 1;
  }
  return null;
}
