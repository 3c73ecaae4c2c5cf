/**
 * Patterns of legal references, compiled once per process. All run on `ctx.search`.
 *
 * A reference is a document type followed by a number whose code names the type and the
 * issuer: `<type> [<number word>] <number>`, `<type> <name> <number word> <number>` (named laws), or a bare
 * `<number>` whose type code is known. After it, in this order and each optional:
 * `<day word> <date>`, `<of> <issuer>` / `<issued by> <issuer> <issue verb>`, `[<subject lead>] <about> <subject>`.
 * Near misses: a type word without a number (a resolution of a Party congress), a law named with
 * its year only, a plain date or figure ("5/6/2021", "8-9%").
 * Examples: fixtures/corpus/legal-refs/*.yaml.
 */
import { alt, WE } from '../text/pattern.js';
import { levelSource, provinceSource } from '../values/place.js';
import { values } from '../values/lexicon.js';
import { legalLexicon } from './lexicon.js';

/** One code of a number: upper-case first, letters (and `&`), maybe a course number. */
const CODE = '\\p{Lu}[\\p{L}&]*\\d{0,2}';
/** `12-NQ/TW`, `205/QD-TTg`, `31/2021/ND-CP`, `61/2020/QH14`, `NQ-UBTVQH15` codes. */
const NUMBER_BODY = `\\d{1,5}(?:\\s?/\\s?(?:19|20)\\d\\d)?\\s?[/-]\\s?${CODE}(?:\\s?[/-]\\s?${CODE}){0,3}(?![\\p{L}\\p{N}])`;
export const NUMBER = `(?<![\\p{L}\\p{N}/-])${NUMBER_BODY}`;

const NUMBER_BLOCKER_END = /[\p{L}\p{N}/-]$/u;
/** Farthest a number's first code separator lies from its start: 5 digits, `\s?/\s?<year>`, `\s?`. */
const NUMBER_REACH = 5 + 7 + 1;
/** NUMBER_BODY as a sticky pattern, tried where a number may start. */
const NUMBER_AT = new RegExp(`(?<num>${NUMBER_BODY})`, 'uy');
const UPPER_START = /^\p{Lu}/u;
const ONE_SPACE = /^\s/u;

const isDigit = (text: string, i: number): boolean => {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
};

/** Whether an upper-case letter (`\p{Lu}`) starts at `i`. */
function upperAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return c >= 65 && c <= 90;
  return UPPER_START.test(text.slice(i, i + 2));
}

/** Whether `\s` matches at `i`. */
function spaceAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return ONE_SPACE.test(text.slice(i, i + 1));
}

/**
 * The numbers of one text in order, the same matches as a global scan with NUMBER (look-behind
 * included). A number is tried only where one can start: at the start of a digit run shortly
 * before a code start (`[/-]\s?\p{Lu}`: `/NQ`, `- CP`), which every number has within
 * NUMBER_REACH of its start. The code starts are found with `indexOf` (a regex scan for them
 * costs three times more), and the pattern is not tried at every digit of the text.
 */
export class NumberScan {
  /** Where the scan goes on from; a caller may move it forward. */
  lastIndex = 0;
  /** The next `/` and `-` at or after `from` (-1: none left). */
  private slash: number;
  private dash: number;
  private from = 0;

  constructor(private readonly text: string) {
    this.slash = text.indexOf('/');
    this.dash = text.indexOf('-');
  }

  next(): RegExpExecArray | null {
    const text = this.text;
    let tried = this.lastIndex;
    for (let c = this.codeStart(tried); c >= 0; c = this.codeStart(c + 1)) {
      for (let q = Math.max(tried, c - NUMBER_REACH); q < c; q++) {
        // The look-behind fails after a digit: only the first digit of a run may start a number.
        if (!isDigit(text, q) || (q > 0 && isDigit(text, q - 1))) continue;
        if (q > 0 && NUMBER_BLOCKER_END.test(text.slice(Math.max(0, q - 2), q))) continue;
        NUMBER_AT.lastIndex = q;
        const m = NUMBER_AT.exec(text);
        if (m) {
          this.lastIndex = q + m[0].length;
          return m;
        }
      }
      tried = c;
    }
    this.lastIndex = 0;
    return null;
  }

  /** The first code start at or after `from`, or -1. */
  private codeStart(from: number): number {
    const text = this.text;
    if (from < this.from) {
      this.slash = text.indexOf('/', from);
      this.dash = text.indexOf('-', from);
    }
    this.from = from;
    if (this.slash >= 0 && this.slash < from) this.slash = text.indexOf('/', from);
    if (this.dash >= 0 && this.dash < from) this.dash = text.indexOf('-', from);
    while (this.slash >= 0 || this.dash >= 0) {
      let i: number;
      if (this.dash < 0 || (this.slash >= 0 && this.slash < this.dash)) {
        i = this.slash;
        this.slash = text.indexOf('/', i + 1);
      } else {
        i = this.dash;
        this.dash = text.indexOf('-', i + 1);
      }
      if (upperAt(text, i + 1) || (spaceAt(text, i + 1) && upperAt(text, i + 2))) {
        this.from = i + 1;
        return i;
      }
    }
    return -1;
  }
}

const SPACE = /\s/u;

/**
 * `exec` of a sticky pattern at `pos` after the spaces there, skipped by hand (a pattern that
 * starts with `\s*` is quadratic on long runs of spaces when not sticky): the match with the
 * spaces, as if the pattern began with `\s*`. With `spaceOrComma`, a match that does not start
 * with a comma needs at least one space (the pattern's `\s+<and>`).
 */
export function execAfterSpaces(re: RegExp, text: string, pos: number, spaceOrComma = false): { length: number; groups: Record<string, string | undefined> } | null {
  let at = pos;
  while (at < text.length && SPACE.test(text[at]!)) at++;
  if (spaceOrComma && at === pos && text[at] !== ',') return null;
  re.lastIndex = at;
  const m = re.exec(text);
  return m ? { length: at - pos + m[0].length, groups: m.groups ?? {} } : null;
}

export interface LegalPatterns {
  /** The type word (and name) right before a number: run on the text before it. Global, without its leading `WB`: run with `execAtWordStart`. */
  typeBefore: RegExp;
  /** Another number of the same type right after (`, 19-NQ/TW`, `<and> 02/NQ-CP`). Sticky, after the spaces: run with `execAfterSpaces`. */
  nextNumber: RegExp;
  /** The gap between a number and its date (a comma, an issue verb, a bracket, a day word). Sticky. */
  dateGap: RegExp;
  /** `<of> <issuer> [province]` or `<issued by> <issuer> [province] <issue verb>`. Sticky, after the spaces: run with `execAfterSpaces`. */
  issuerAfter: RegExp;
  /** `<issuer> [province] [name] <issue verb> ` at the end of the text before the type word. Global, without its leading `WB`: run with `execAtWordStart`. */
  issuerBefore: RegExp;
  /** An issue verb ending right before `lastIndex` (zero width): whether `issuerBefore` can match at all. Sticky. */
  issueVerbBefore: RegExp;
  /** `[, ] [<subject lead>] <about> ` before the subject. Sticky, after the spaces: run with `execAfterSpaces`. */
  subjectStart: RegExp;
  /** Where a subject ends. Global, used from a start index. */
  subjectStop: RegExp;
}

let pats: LegalPatterns | undefined;

export function legalPatterns(): LegalPatterns {
  if (pats) return pats;
  const lx = legalLexicon();
  const w = lx.words;
  const types = lx.docTypes;
  const num = alt(w.number_word);
  // Level words ending in a period (`TP.`) end in `\.\s*`: drop that `\s*`, the one after the level
  // covers it (two adjacent `\s*` backtrack quadratically).
  const level = levelSource().replace(/\\\.\\s\*(?=[|)])/g, '\\.');
  const prov = `(?:\\s+(?:${level}\\s*)?(?:${provinceSource()})${WE})?`;
  // A name between the type and the number word: up to 8 words, none of them a type word or the number word.
  const nameWord = `(?!${types}${WE})(?!${num}${WE})[^\\s\\d;:.,()"]+`;
  // Numbers are found first (`execNumber`: cheap, from their code separators); the type word is
  // then looked for at the end of the text just before the number.
  const typeBefore = new RegExp(
    `(?<type>${types})${WE}(?:\\s+(?<name>${nameWord}(?:\\s+${nameWord}){0,7}?)\\s+${num}\\s*|\\s+(?:${num}\\s*)?)$`,
    'gu',
  );
  const day = alt(values().words.day);
  pats = {
    typeBefore,
    nextNumber: new RegExp(`(?:,\\s*|${alt(w.and)}\\s+)(?:${num}\\s*)?(?<num>${NUMBER})`, 'uy'),
    dateGap: new RegExp(`[ ,]*(?:${alt(w.issued_by_end)}\\s+)?(?:\\(\\s*)?(?:${day}\\s+)?`, 'uy'),
    issuerAfter: new RegExp(
      `(?:,\\s*)?(?:${alt(w.of)}\\s+(?<of>${lx.issuers})${WE}${prov}|${alt(w.issued_by)}\\s+(?<by>${lx.issuers})${WE}${prov}(?:\\s+[^\\s,;.]+){0,4}?\\s+${alt(w.issued_by_end)}${WE})`,
      'uy',
    ),
    issuerBefore: new RegExp(
      `(?<iss>${lx.issuers})${WE}${prov}(?:\\s+[^\\s,;.]+){0,5}?\\s+${alt(w.issue_verbs)}\\s+$`,
      'gu',
    ),
    issueVerbBefore: new RegExp(`(?<=${alt(w.issue_verbs)})`, 'uy'),
    subjectStart: new RegExp(`(?:,\\s*)?(?:${alt(w.subject_lead)}\\s+)?${alt(w.about)}\\s+`, 'uy'),
    subjectStop: new RegExp(
      `[;\\n"(]|\\.\\.\\.|…|\\.(?=\\s+[\\p{Lu}\\d"]|\\s*$)|,(?=\\s*(?:${alt(w.clause_starts)}|${types})${WE})|(?:,\\s*|\\s+)${alt(w.ref_links)}\\s+(?=${types}${WE})`,
      'gu',
    ),
  };
  return pats;
}
