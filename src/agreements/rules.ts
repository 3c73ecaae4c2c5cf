/**
 * The words of data/agreements.yaml and the patterns built from them, compiled once per
 * process. All patterns run on `ctx.search`.
 *
 * Shapes of a signing (one rule each, see extract.ts):
 * - `agreement/sign-instrument`: <sign verb> [≤3 words] <instrument>
 *   (a program, agreement, memorandum or minutes noun right after the verb);
 * - `agreement/instrument-signed`: <instrument | anaphora> ... <passive word> ... <sign verb>
 *   (the instrument named first, then who signed it and when);
 * - `agreement/agreed-contents`: <agreed contents> with a date or a period.
 * - `agreement/instrument-recalled`: <instrument> [≤4 words] [<between> <parties>] [<aspect>] <sign verb> <date>
 *   (an earlier instrument recalled with a bare verb, no passive word; dated recalls only).
 * Near misses: review meetings, visits, registration verbs that end in the sign verb, a signing only
 * planned (<intent> ... <verb>, <verb> <instrument> <future cue>), twinned villages (<unit> <Name> (<province>)).
 * Examples: fixtures/corpus/agreements/*.yaml.
 */
import { z } from 'zod';
import { loadData } from '../text/lexicon.js';
import { alt, execAtWordStart, lookup, WB, WE } from '../text/pattern.js';
import type { AGREEMENT_TYPES } from '../schema.js';
import { values } from '../values/lexicon.js';
import { anchoredFinder, isSpace } from './scan.js';

export type AgreementType = (typeof AGREEMENT_TYPES)[number];

const list = z.array(z.string().min(1)).min(1);
const schema = z.object({
  instruments: z.object({ program: list, agreement: list, memorandum: list, minutes: list }),
  agreed_contents: list,
  anaphora: list,
  sign_verbs: list,
  not_sign_before: list,
  intent: list,
  actual_aspect: list,
  future_after: list,
  recall_between: list,
  not_object: list,
  recall_before: list,
  passive: list,
  counts: z.record(z.string(), z.number().int().min(2)),
  group_nouns: list,
  period_leads: list,
  locator_levels: list,
  foreign_leads: list,
  location_levels: list,
  location_cue: list,
  signatory_bodies: z.record(z.string(), list),
  area_cues: list,
  area_focus: list,
  theme_cues: list,
  and: list,
});

/**
 * The part of data/names.yaml read here. `loadData` caches a file's first parse for every
 * caller, so the other keys (read by the officials' lexicon) must be kept, not stripped.
 */
const namesSchema = z.object({ surnames: list }).passthrough();

export interface AgreementPatterns {
  words: z.infer<typeof schema>;
  typeOf: (instrument: string) => AgreementType | undefined;
  countOf: (word: string) => number | undefined;
  bodyOf: (surface: string) => string | undefined;
  /**
   * The patterns marked "word start" are global and leave out their leading `WB`: run them with
   * `execAtWordStart` (text/pattern.ts), which checks the boundary by hand, twice as fast.
   */
  /**
   * The next signing cue at a word start from `cueScan.lastIndex` of `text`: a sign verb (group
   * `verb`) not after a word that makes it something else, or agreed contents (group `agreed`).
   */
  nextCue: (text: string) => RegExpExecArray | null;
  /** Where `nextCue` goes on from; set it to 0 before a scan. */
  cueScan: { lastIndex: number };
  /** Right after a verb: up to 3 words (no preposition) then an instrument (group `inst`). Sticky. */
  instrumentAfter: RegExp;
  /** Any instrument noun or anaphora (group `inst` / `ana`). Global, word start. */
  instrument: RegExp;
  /** An intent word at a word start not right after an actual-aspect word, from `intentScan.lastIndex` of `text`. */
  nextIntent: (text: string) => RegExpExecArray | null;
  /** Where `nextIntent` goes on from; set it to 0 before a scan. Global. */
  intentScan: RegExp;
  /** Whether `text` from `from` is at most six words, spaces around them, no `.;,` (between an intent word and the verb). */
  intentGap: (text: string, from: number) => boolean;
  /** A recall cue (`kể từ khi`) right before a verb, maybe with an aspect word: run on the text before it. */
  recallBefore: RegExp;
  /** An actual-aspect word (`đã`, `vừa`). */
  actual: RegExp;
  /** An actual-aspect word right before a verb: run on the text before it. */
  actualBefore: RegExp;
  /** A future cue after the instrument, before the clause ends: run on the text after it. */
  futureAfter: RegExp;
  /**
   * The words between a recalled instrument and its bare verb: a few words (group `pre`), an
   * optional `<between> <parties>` phrase, an optional aspect word. Run on that text, periods blanked.
   */
  recallGap: RegExp;
  /** A passive word. */
  passive: RegExp;
  /** A count before a group noun (<count> <group noun>). Global, word start. */
  count: RegExp;
  /** A year period lead at the end of the text before a year (<plan word> before <year word> <yyyy>). */
  periodLead: RegExp;
  /** A sub-provincial unit just before a bracketed province: run on the text before the bracket. */
  locatorBefore: RegExp;
  /** `<foreign lead> <Name>`: a foreign partner the gazetteer may not know (group `name`). Global, word start. */
  foreignLead: RegExp;
  /** `<and> <Name>` right after `from` (spaces first), then the verb: where it ends and the name. */
  partnerAfter: (text: string, from: number) => { end: number; name: string } | null;
  /** `<Name> <and> ` ending the text (the text before a province): where the name starts and the name. */
  partnerBefore: (text: string) => { start: number; name: string } | null;
  /** A family name (data/names.yaml) ending the text: a foreign name right after it is a person's (`Trần Văn Sơn`). */
  surnameBefore: RegExp;
  /** `[aspect] <sign verb>` at the start of the text. */
  verbAhead: RegExp;
  /** `<location cue> <level> <Name>`. Global, word start. */
  location: RegExp;
  /** A signing body. Global, word start. */
  body: RegExp;
  /** The first area-list cue at a word start of `text` followed by the list (group `list`). */
  areaList: (text: string) => RegExpExecArray | null;
  /** A theme cue and its quoted slogan (group `theme`). Global, word start. */
  theme: RegExp;
  /** A month without year (<month word> <m> without a year). Global, word start. */
  monthOnly: RegExp;
}

let pats: AgreementPatterns | undefined;

export function agreementPatterns(): AgreementPatterns {
  if (pats) return pats;
  const w = loadData('agreements.yaml', schema);
  const typeEntries: [string, AgreementType][] = [];
  for (const [t, nouns] of Object.entries(w.instruments) as [AgreementType, string[]][]) for (const n of nouns) typeEntries.push([n, t]);
  const bodyEntries: [string, string][] = [];
  for (const [canon, forms] of Object.entries(w.signatory_bodies)) for (const f of forms) bodyEntries.push([f, canon]);
  const inst = words(typeEntries.map(([n]) => n));
  const verbs = alt(w.sign_verbs);
  const notSign = alt(w.not_sign_before);
  const verb = `(?<verb>${verbs})${WE}`;
  const agreed = `(?<agreed>${alt(w.agreed_contents)})${WE}`;
  const cap = "\\p{Lu}[\\p{L}\\p{M}'-]*";
  // A capitalised name word, hyphenated transliterations included (`Xa-la-vẳn`).
  const capHy = '\\p{Lu}[\\p{L}\\p{M}]*(?:-[\\p{L}\\p{M}]+)*';
  const aspect = alt(w.actual_aspect);
  // After an area cue: the list, up to the end of its sentence or line.
  const areaRest = `\\s*(?<list>[^\\n]{3,700}?)(?=\\.(?:\\s+[\\p{Lu}"]|\\s*$)|\\n|$)`;
  pats = {
    words: w,
    typeOf: lookup(typeEntries),
    countOf: lookup(Object.entries(w.counts)),
    bodyOf: lookup(bodyEntries),
    ...cueOf(new RegExp(`(?<!${notSign}\\s)${verb}|${agreed}`, 'uy'), [...w.sign_verbs, ...w.agreed_contents]),
    instrumentAfter: new RegExp(`(?:\\s+(?!${alt(w.not_object)}${WE})[^\\s.;,:]+){0,3}?\\s+(?<inst>${inst})`, 'uy'),
    instrument: new RegExp(`(?<inst>${alt(typeEntries.map(([n]) => n))}${WE})|(?<ana>${alt(w.anaphora)})${WE}`, 'gu'),
    ...intentOf(new RegExp(`${alt(w.intent)}${WE}`, 'gu'), new RegExp(`${WB}(?<!${aspect}\\s+)${alt(w.intent)}${WE}`, 'uy')),
    intentGap: fewWordsToEnd,
    recallBefore: new RegExp(`${WB}${alt(w.recall_before)}(?:\\s+${aspect})?(?:\\s+${alt(w.passive)})?\\s+$`, 'u'),
    actual: new RegExp(`${WB}${aspect}${WE}`, 'u'),
    actualBefore: new RegExp(`${WB}${aspect}\\s+$`, 'u'),
    futureAfter: new RegExp(`^[^.;,\\n]{0,120}?${WB}${alt(w.future_after)}${WE}`, 'u'),
    recallGap: new RegExp(
      `^(?<pre>(?:\\s+[^\\s.;,:()]+){0,4}?)(?:\\s+${alt(w.recall_between)}\\s[^.;,:()]{1,100}?)?(?:\\s+${aspect})?(?:\\s+${alt(w.passive)})?\\s*$`,
      'u',
    ),
    passive: new RegExp(`${WB}${alt(w.passive)}${WE}`, 'u'),
    count: new RegExp(`(?<n>${alt(Object.keys(w.counts))})\\s+${alt(w.group_nouns)}${WE}`, 'gu'),
    periodLead: new RegExp(`${WB}${alt(w.period_leads)}\\s+$`, 'u'),
    locatorBefore: new RegExp(`${WB}${alt(w.locator_levels)}\\s+${cap}(?:\\s+${cap}){0,3}\\s*\\(\\s*$`, 'u'),
    foreignLead: new RegExp(`${alt(w.foreign_leads)}\\s+(?<name>${capHy}(?:\\s+${capHy}){0,3})${WE}`, 'gu'),
    partnerAfter: partnerAfterOf(new RegExp(`(?:${alt(w.and)}|-)\\s+(?<name>${capHy}(?:\\s+${capHy}){0,3})(?=\\s+(?:${aspect}\\s+)?${verbs}${WE})`, 'uy')),
    partnerBefore: partnerBeforeOf(new RegExp(`^(?:${alt(w.and)}|-)$`, 'u'), new RegExp(`^${capHy}$`, 'u')),
    surnameBefore: new RegExp(`${WB}${alt(loadData('names.yaml', namesSchema).surnames, { caseSensitive: true })}$`, 'u'),
    verbAhead: new RegExp(`^\\s*(?:${aspect}\\s+)?${verbs}${WE}`, 'u'),
    location: new RegExp(`${alt(w.location_cue)}\\s+(?<loc>(?<lvl>${levelsNoTrailingSpace(alt(w.location_levels, { caseSensitive: true }))})\\s*${cap}(?:\\s+${cap}){0,3})`, 'gu'),
    body: new RegExp(`(?<body>${alt(bodyEntries.map(([f]) => f), { caseSensitive: true })})${WE}`, 'gu'),
    areaList: areaListOf(
      new RegExp(`${alt(w.area_cues)}${WE}[^:.;\\n]{0,40}?:${areaRest}`, 'gu'),
      new RegExp(`${alt(w.area_focus)}${WE}(?:[^:.;\\n]{0,40}?:)?${areaRest}`, 'gu'),
    ),
    theme: new RegExp(`${alt(w.theme_cues)}\\s*(?::\\s*)?"(?<theme>[^"\\n]{3,160})"`, 'gu'),
    monthOnly: new RegExp(
      `${alt(values().words.month)}\\s+(?<m>\\d{1,2})(?!\\d)(?!\\s*[/-]\\s*\\d)(?!\\s+${alt(values().words.year)}\\s+\\d)`,
      'gu',
    ),
  };
  return pats;
}

const LETTER_END = /[\p{L}\p{M}]$/u;

/**
 * The intent scan: `scan` finds intent words without the two look-behinds before them (a leading
 * look-behind is tried at every position), `exact` (sticky, with them) confirms each at its start.
 */
function intentOf(scan: RegExp, exact: RegExp): Pick<AgreementPatterns, 'nextIntent' | 'intentScan'> {
  const nextIntent = (text: string): RegExpExecArray | null => {
    for (let m = scan.exec(text); m; m = scan.exec(text)) {
      exact.lastIndex = m.index;
      const e = exact.exec(text);
      if (e) {
        scan.lastIndex = m.index + e[0].length;
        return e;
      }
      scan.lastIndex = m.index + 1;
    }
    return null;
  };
  return { nextIntent, intentScan: scan };
}

/** The cue scan over `text` from `cueScan.lastIndex`, anchored on rare letters of the cue phrases (scan.ts). */
function cueOf(exact: RegExp, phrases: string[]): Pick<AgreementPatterns, 'nextCue' | 'cueScan'> {
  const cueScan = { lastIndex: 0 };
  const finder = anchoredFinder(phrases, exact, 'data/agreements.yaml sign_verbs, agreed_contents');
  const nextCue = (text: string): RegExpExecArray | null => {
    const m = finder.next(text, cueScan.lastIndex);
    cueScan.lastIndex = m ? m.index + m[0].length : 0;
    return m;
  };
  return { nextCue, cueScan };
}

/**
 * `<listed cue> ... : <list>|<focus cue> [... :] <list>` as two scans, the earlier match winning
 * (the listed one at a tie, as in one alternation): V8 scans each narrow alternation several
 * times faster than the wide one, and a listed cue needs a colon, so no colon, no scan.
 */
function areaListOf(listed: RegExp, focus: RegExp): AgreementPatterns['areaList'] {
  return (text) => {
    let a: RegExpExecArray | null = null;
    if (text.includes(':')) {
      listed.lastIndex = 0;
      a = execAtWordStart(listed, text);
    }
    focus.lastIndex = 0;
    const f = execAtWordStart(focus, text);
    return f && (!a || f.index < a.index) ? f : a;
  };
}

/**
 * `(?:\s+[^\s.;,]+){0,6}\s+$` at `from`, counted by hand (the pattern is quadratic on long runs
 * of spaces): spaces first and last, no `.`, `;` or `,`, at most six words.
 */
function fewWordsToEnd(text: string, from: number): boolean {
  if (!isSpace(text[from]) || !isSpace(text[text.length - 1])) return false;
  let words = 0;
  for (let i = from; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '.' || ch === ';' || ch === ',') return false;
    if (!isSpace(ch) && isSpace(text[i - 1]) && ++words > 6) return false;
  }
  return true;
}

/**
 * `\s+ <and> \s+ <Name>` at `from`, the spaces skipped by hand: a sticky pattern that starts
 * with `\s+` is quadratic on long runs of spaces. `re` is the sticky rest, from <and> on.
 */
function partnerAfterOf(re: RegExp): AgreementPatterns['partnerAfter'] {
  return (text, from) => {
    let at = from;
    while (isSpace(text[at])) at++;
    if (at === from) return null;
    re.lastIndex = at;
    const m = re.exec(text);
    return m ? { end: at + m[0].length, name: m.groups!.name! } : null;
  };
}

/**
 * `(?:^|[^\p{L}\p{M}])(?<name><Name>(?:\s+<Name>){0,3})\s+(?:<and>|-)\s+$` read from the end by
 * hand (the pattern backtracks quadratically): the leftmost name start wins, as in the pattern.
 * `andWhole` is `^(?:<and>|-)$`; `nameWord` is `^<Name>$` (one capitalised word).
 */
function partnerBeforeOf(andWhole: RegExp, nameWord: RegExp): AgreementPatterns['partnerBefore'] {
  const tokenStart = (text: string, end: number): number => {
    let s = end;
    while (s > 0 && !isSpace(text[s - 1])) s--;
    return s;
  };
  const spacesBefore = (text: string, end: number): number => {
    let s = end;
    while (s > 0 && isSpace(text[s - 1])) s--;
    return s;
  };
  /** The leftmost start of up to four name words ending at `x`, the first maybe after a non-letter. */
  const nameStart = (text: string, x: number): number | undefined => {
    let best: number | undefined;
    let end = x;
    for (let w = 0; w < 4 && end > 0; w++) {
      const ts = tokenStart(text, end);
      let found: number | undefined;
      for (let s = ts; s < end; s++) {
        if ((s === 0 || !LETTER_END.test(text.slice(Math.max(0, s - 2), s))) && nameWord.test(text.slice(s, end))) {
          found = s;
          break;
        }
      }
      if (found === undefined) break;
      best = found;
      // Only a whole word lets the name go on to the word before it.
      if (found !== ts || ts === 0) break;
      end = spacesBefore(text, ts);
      if (end === ts) break;
    }
    return best;
  };
  return (text) => {
    const j = spacesBefore(text, text.length);
    if (j === text.length) return null;
    let best: { start: number; end: number } | undefined;
    // Every word start before the end may open the <and> phrase.
    for (let k = tokenStart(text, j); k > 0; k = tokenStart(text, spacesBefore(text, k))) {
      if (!isSpace(text[k - 1])) break;
      if (!andWhole.test(text.slice(k, j))) continue;
      const x = spacesBefore(text, k);
      const s = x > 0 ? nameStart(text, x) : undefined;
      if (s !== undefined && (!best || s < best.start || (s === best.start && x > best.end))) best = { start: s, end: x };
    }
    return best ? { start: best.start, name: text.slice(best.start, best.end) } : null;
  };
}

function words(list: string[]): string {
  return `${WB}${alt(list)}${WE}`;
}

/**
 * A level-word alternation whose abbreviations (`TP.`) do not end in their own space run: the
 * pattern that follows has one, and two adjacent `\s*` runs backtrack quadratically on a long
 * run of spaces (recheck, confirmed in V8).
 */
function levelsNoTrailingSpace(source: string): string {
  return source.replace(/\\\.\\s\*(?=[|)])/g, '\\.');
}
