/**
 * Patterns of legal references, compiled once per process. All run on `ctx.search`.
 *
 * A reference is a document type followed by a number whose code names the type and the
 * issuer: `<type> [số] <number>`, `<type> <name> số <number>` (named laws), or a bare
 * `<number>` whose type code is known. After it, in this order and each optional:
 * `ngày <date>`, `của <issuer>` / `do <issuer> ban hành`, `[quy định] về <subject>`.
 * Near misses: a type word without a number ("Nghị quyết Đại hội XIII"), a law named with
 * its year only ("Luật Đầu tư năm 2020"), a plain date or figure ("10/2/2022", "11-12%").
 * Examples: fixtures/corpus/legal-refs/*.yaml.
 */
import { alt, WB, WE } from '../text/pattern.js';
import { levelSource, provinceSource } from '../values/place.js';
import { values } from '../values/lexicon.js';
import { legalLexicon } from './lexicon.js';

/** One code of a number: upper-case first, letters (and `&`), maybe a course number. */
const CODE = '\\p{Lu}[\\p{L}&]*\\d{0,2}';
/** `11-NQ/TW`, `316/QĐ-TTg`, `15/2021/NĐ-CP`, `38/2019/QH14`, `NQ-UBTVQH15` codes. */
export const NUMBER = `(?<![\\p{L}\\p{N}/-])\\d{1,5}(?:\\s?/\\s?(?:19|20)\\d\\d)?\\s?[/-]\\s?${CODE}(?:\\s?[/-]\\s?${CODE}){0,3}(?![\\p{L}\\p{N}])`;

export interface LegalPatterns {
  /** Prefilter: a digit, a slash or dash, an upper-case letter. */
  prefilter: RegExp;
  /** The reference itself: optional type (and name), then the number. */
  reference: RegExp;
  /** Another number of the same type right after (`, 19-NQ/TW`, `và 02/NQ-CP`). Sticky. */
  nextNumber: RegExp;
  /** The gap between a number and its date (`ngày`, a comma). Sticky. */
  dateGap: RegExp;
  /** `của <issuer> [province]` or `do <issuer> [province] ban hành`. Sticky. */
  issuerAfter: RegExp;
  /** `<issuer> [province] [name] đã ban hành ` at the end of the text before the type word. */
  issuerBefore: RegExp;
  /** `[, ] [quy định] về ` before the subject. Sticky. */
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
  const prov = `(?:\\s+(?:${levelSource()}\\s*)?(?:${provinceSource()})${WE})?`;
  // A name between the type and `số`: up to 8 words, none of them a type word or `số`.
  const nameWord = `(?!${types}${WE})(?!${num}${WE})[^\\s\\d;:.,()"]+`;
  const reference = new RegExp(
    `(?:${WB}(?<type>${types})${WE}` +
      `(?:\\s+(?<name>${nameWord}(?:\\s+${nameWord}){0,7}?)\\s+${num}\\s*|\\s+(?:${num}\\s*)?)` +
      `)?(?<num>${NUMBER})`,
    'gu',
  );
  const day = alt(values().words.day);
  pats = {
    prefilter: /\d\s?[/-]\s?\p{Lu}/u,
    reference,
    nextNumber: new RegExp(`(?:\\s*,\\s*|\\s+${alt(w.and)}\\s+)(?:${num}\\s*)?(?<num>${NUMBER})`, 'uy'),
    dateGap: new RegExp(`[ ,]*(?:${alt(w.issued_by_end)}\\s+)?(?:${day}\\s+)?`, 'uy'),
    issuerAfter: new RegExp(
      `\\s*,?\\s*(?:${alt(w.of)}\\s+(?<of>${lx.issuers})${WE}${prov}|${alt(w.issued_by)}\\s+(?<by>${lx.issuers})${WE}${prov}(?:\\s+[^\\s,;.]+){0,4}?\\s+${alt(w.issued_by_end)}${WE})`,
      'uy',
    ),
    issuerBefore: new RegExp(
      `${WB}(?<iss>${lx.issuers})${WE}${prov}(?:\\s+[^\\s,;.]+){0,5}?\\s+${alt(w.issue_verbs)}\\s+$`,
      'u',
    ),
    subjectStart: new RegExp(`\\s*,?\\s*(?:${alt(w.subject_lead)}\\s+)?${alt(w.about)}\\s+`, 'uy'),
    subjectStop: new RegExp(
      `[;\\n"(]|\\.\\.\\.|…|\\.(?=\\s+[\\p{Lu}\\d"]|\\s*$)|,(?=\\s*(?:${alt(w.clause_starts)}|${types})${WE})|(?:,\\s*|\\s+)${alt(w.ref_links)}\\s+(?=${types}${WE})`,
      'gu',
    ),
  };
  return pats;
}
