/**
 * Hand scans of the agreement rules: white space by char code, and the matches of a lexicon
 * alternation found from rare letters instead of trying the pattern at every position of the
 * text. V8 tries an alternation whose phrases start with common letters
 * (`t`, `k`) at nearly every position; `indexOf` finds a rare letter of each phrase (a toned
 * vowel) several times faster, and the pattern is then tried only at the few word starts just
 * before each one.
 */
import { searchForm } from '../text/normalize.js';
import { wordStartAt } from '../text/pattern.js';
import { isSpaceCode } from '../text/chars.js';

/**
 * Whether `ch` is a white-space character, exactly the set `/\s/u` matches (ECMAScript
 * WhiteSpace and LineTerminator), by code: hand loops call it once per character.
 */
export function isSpace(ch: string | undefined): boolean {
  return ch !== undefined && isSpaceCode(ch.charCodeAt(0));
}

/** How a phrase is found: a letter it always contains, and how many space runs may come before it. */
interface Anchor {
  /** The letter in both cases. */
  forms: string[];
  /** Space runs the phrase may match before the letter: one per space or period, two per dash. */
  breaks: number;
}

/** The phrase as `phrase()` (text/pattern.ts) folds it before turning it into a pattern. */
function folded(phrase: string): string {
  return searchForm(phrase.normalize('NFC')).trim().replace(/\s+/g, ' ').replace(/ ?- ?/g, '-').replace(/\. /g, '.');
}

/**
 * The letter of the phrase's first word with the highest code point (toned vowels are the
 * rarest; a later word may be a common one, `hợp`), or undefined.
 */
function anchorOf(phrase: string): Anchor | undefined {
  const f = folded(phrase);
  const firstWord = f.indexOf(' ');
  let at = -1;
  for (let i = 0; i < (firstWord < 0 ? f.length : firstWord); i++) {
    const ch = f[i]!;
    const lo = ch.toLowerCase();
    const up = ch.toUpperCase();
    if (lo === up || lo.length !== 1 || up.length !== 1) continue;
    if (at < 0 || lo.charCodeAt(0) > f[at]!.toLowerCase().charCodeAt(0)) at = i;
  }
  if (at < 0) return undefined;
  let breaks = 0;
  for (let i = 0; i < at; i++) breaks += f[i] === '-' ? 2 : f[i] === ' ' || f[i] === '.' ? 1 : 0;
  const ch = f[at]!;
  return { forms: [ch.toLowerCase(), ch.toUpperCase()], breaks };
}

/** Start of the run of non-space characters `breaks` runs before the one holding `pos`. */
function runsBack(text: string, pos: number, breaks: number): number {
  let i = pos;
  for (let k = 0; ; k++) {
    while (i > 0 && !isSpace(text[i - 1])) i--;
    if (k === breaks || i === 0) return i;
    while (i > 0 && isSpace(text[i - 1])) i--;
  }
}

/**
 * `next(text, from)`: the leftmost match of `exact` (sticky) at a word start at or after `from`,
 * as a global scan of it with the word-start check would find it, provided every match of
 * `exact` starts with one of `phrases` (whose first letters and anchors are read here).
 * `what` names the phrases in the error thrown when one has no letter to anchor on.
 */
export function anchoredFinder(phrases: string[], exact: RegExp, what: string): { next(text: string, from: number): RegExpExecArray | null } {
  /** Codes of the phrases' first letters, both cases. */
  const firsts = new Set<number>();
  const letters = new Set<string>();
  let breaks = 0;
  for (const p of phrases) {
    const a = anchorOf(p);
    const first = folded(p)[0];
    if (!a || first === undefined || first.toLowerCase() === first.toUpperCase()) throw new Error(`${what}: "${p}" must start with a letter`);
    for (const f of [first, first.toLowerCase(), first.toUpperCase()]) firsts.add(f.charCodeAt(0));
    for (const f of a.forms) letters.add(f);
    breaks = Math.max(breaks, a.breaks);
  }
  const forms = [...letters];
  // The next occurrence of each letter at or after `since[k]` (-1: none), for the last text.
  const next = forms.map(() => -1);
  const since = forms.map(() => Infinity);
  let last: string | undefined;
  /** The first anchor letter at or after `from`. */
  const anchorFrom = (text: string, from: number): number => {
    let best = -1;
    for (let k = 0; k < forms.length; k++) {
      if (from < since[k]! || (next[k]! >= 0 && next[k]! < from)) {
        next[k] = text.indexOf(forms[k]!, from);
        since[k] = from;
      }
      const at = next[k]!;
      if (at >= 0 && (best < 0 || at < best)) best = at;
    }
    return best;
  };
  return {
    next(text, from) {
      if (text !== last) {
        last = text;
        since.fill(Infinity);
      }
      // Every match holds an anchor letter at most `breaks` space runs after its start: trying
      // the word starts before each anchor in turn, never twice, finds the leftmost match.
      let tried = from;
      for (let a = anchorFrom(text, from); a >= 0; a = anchorFrom(text, a + 1)) {
        for (let q = Math.max(tried, runsBack(text, a, breaks)); q <= a; q++) {
          if (!firsts.has(text.charCodeAt(q)) || !wordStartAt(text, q)) continue;
          exact.lastIndex = q;
          const m = exact.exec(text);
          if (m) return m;
        }
        tried = a + 1;
      }
      return null;
    },
  };
}
