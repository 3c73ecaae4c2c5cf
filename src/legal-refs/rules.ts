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

/**
 * `exec` of the global `reference` pattern with NUMBER's look-behind checked by hand (a leading
 * look-behind costs V8 a check at every position of the text). Same matches as NUMBER.
 */
export function execNumber(re: RegExp, text: string): RegExpExecArray | null {
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index === 0 || !NUMBER_BLOCKER_END.test(text.slice(Math.max(0, m.index - 2), m.index))) return m;
    re.lastIndex = m.index + 1;
  }
  return null;
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
  /** Prefilter: a digit, a slash or dash, an upper-case letter. */
  prefilter: RegExp;
  /** A number, without its look-behind (no letter, digit, slash or dash before): run with `execNumber`. Global. */
  reference: RegExp;
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
  // Numbers are found first (cheap: they start with a digit); the type word is then looked
  // for at the end of the text just before the number.
  const reference = new RegExp(`(?<num>${NUMBER_BODY})`, 'gu');
  const typeBefore = new RegExp(
    `(?<type>${types})${WE}(?:\\s+(?<name>${nameWord}(?:\\s+${nameWord}){0,7}?)\\s+${num}\\s*|\\s+(?:${num}\\s*)?)$`,
    'gu',
  );
  const day = alt(values().words.day);
  pats = {
    prefilter: /\d\s?[/-]\s?\p{Lu}/u,
    reference,
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
