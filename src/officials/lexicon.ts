/**
 * The officials lexicon (data/titles.yaml, data/names.yaml), loaded once and turned into the
 * patterns and look-ups the rules use. Titles are compositional: a position followed by a
 * body (committee, party unit + committee, leveled body + level word, department, ministry),
 * or a standalone title; every piece maps back to its canonical spelling through one table
 * built from the same list as its alternation.
 */
import { z } from 'zod';
import { loadData } from '../text/lexicon.js';
import { alt, esc, lookup, lookupKey, WB, WE } from '../text/pattern.js';
import { searchForm } from '../text/normalize.js';
import { levelSource, provinceSource } from '../values/place.js';
import { documentWords } from '../document/meta.js';

const wordList = z.array(z.string().min(1)).min(1);
const forms = z.record(z.string(), wordList);
const byReach = z.object({
  national: forms.default({}),
  province: forms.default({}),
  city: forms.default({}),
  local: forms.default({}),
});

const titlesSchema = z.object({
  positions: forms,
  canonical_casing: z.array(z.string().min(1)),
  committees: byReach,
  party_units: forms,
  party_committees: byReach,
  leveled_bodies: forms,
  levels: z.object({ province: forms, city: forms, local: forms }),
  department_word: wordList,
  ministry_word: wordList,
  departments: forms,
  ministries: forms,
  standalone: byReach,
  bare_before_name: z.object({ national: forms.default({}), any: forms.default({}) }),
  joiners: wordList,
  honorifics: wordList,
  attendee_list_cues: wordList,
});

const namesSchema = z.object({
  surnames: wordList,
  not_name_words: wordList,
});

/**
 * How far a post reaches: no province, one province, a district or commune of one (`local`),
 * or a city that is either (`city`: decided by the place written after the title).
 */
export type Reach = 'national' | 'province' | 'city' | 'local';
const REACHES = ['national', 'province', 'city', 'local'] as const;

type Forms = Record<string, string[]>;

/** Surface-to-canonical table of one forms map, and its alternation source. */
interface Table {
  source: string;
  canonical: (surface: string) => string | undefined;
}

function table(...maps: Forms[]): Table {
  const entries: [string, string][] = [];
  for (const m of maps) for (const [canon, list] of Object.entries(m)) for (const s of [canon, ...list]) entries.push([s, canon]);
  const find = lookup(entries);
  const memo = new Map<string, string | undefined>();
  const canonical = (surface: string): string | undefined => {
    if (!memo.has(surface)) memo.set(surface, find(surface));
    return memo.get(surface);
  };
  return { source: alt(entries.map(([s]) => s)), canonical };
}

function reachTable(r: Record<Reach, Forms>): (canon: string) => Reach | undefined {
  const map = new Map<string, Reach>();
  for (const reach of REACHES) for (const c of Object.keys(r[reach])) map.set(c, reach);
  return (canon) => map.get(canon);
}

export interface OfficialsLexicon {
  /**
   * Sticky: one pattern for every title shape (named groups: std, pos, unit, party, fixed, org,
   * level, deptw, dept, minw, min, bare), tried only where `titleStart` found a first word.
   */
  title: RegExp;
  /** Prefilter: the first words of all titles as plain literals (as written, capitalised, upper case). */
  titleStart: RegExp;
  positions: Table;
  committees: Table;
  committeeReach: (canon: string) => Reach | undefined;
  partyUnits: Table;
  partyCommittees: Table;
  partyReach: (canon: string) => Reach | undefined;
  leveled: Table;
  levels: Table;
  levelReach: (canon: string) => Reach | undefined;
  departmentWord: string;
  ministryWord: string;
  departments: Table;
  ministries: Table;
  standalone: Table;
  standaloneReach: (canon: string) => Reach | undefined;
  bare: Table;
  bareReach: (canon: string) => Reach | undefined;
  casing: [RegExp, string][];
  /** A ministry named in running text (<ministry-word> <ministry>), slot `min`. */
  ministry: RegExp;
  /** Sticky: the colon that opens a list of names after a title (<title>: <Name>, <Name>). */
  colonAfter: RegExp;
  /** Sticky: the separator between two names of such a list. */
  nameSeparator: RegExp;
  /** Sticky: a province (with optional level word) right after a title. */
  placeAfter: RegExp;
  /** Sticky: a province alias starting at a level word (`TP.HCM`). */
  placeAt: RegExp;
  /** A district or commune level word ending right before a place (<local-level> <Place>). */
  localLevelBefore: RegExp;
  /** Gap between two titles of one person (a comma, a joiner word, a dash). */
  joiner: RegExp;
  /** An honorific ending right before a name. */
  honorificBefore: RegExp;
  /** An honorific token written as part of a capitalised run (the capitalised forms of data `honorifics`). */
  isHonorificToken: (token: string) => boolean;
  /** <attendee-list-cue> `:` */
  attendeeCue: RegExp;
  /** A photo credit cue (data/document.yaml `photo_credit` + `:`): the rest of its line is not running text. */
  credit: RegExp;
  isSurname: (token: string) => boolean;
  /** Two-word family names (data `surnames` entries with a space). */
  isSurnamePair: (tokens: string) => boolean;
  isNotNameWord: (token: string) => boolean;
}

let lex: OfficialsLexicon | undefined;

export function officialsLexicon(): OfficialsLexicon {
  lex ??= build();
  return lex;
}

function build(): OfficialsLexicon {
  const t = loadData('titles.yaml', titlesSchema);
  const n = loadData('names.yaml', namesSchema);
  const positions = table(t.positions);
  const committees = table(...REACHES.map((r) => t.committees[r]));
  const partyUnits = table(t.party_units);
  const partyCommittees = table(...REACHES.map((r) => t.party_committees[r]));
  const leveled = table(t.leveled_bodies);
  const levels = table(t.levels.province, t.levels.city, t.levels.local);
  const departments = table(t.departments);
  const ministries = table(t.ministries);
  const standalone = table(...REACHES.map((r) => t.standalone[r]));
  const bare = table(t.bare_before_name.national, t.bare_before_name.any);
  const deptW = alt(t.department_word);
  const minW = alt(t.ministry_word);
  // Standalone titles first (the full Central Committee membership is one title, not the
  // member position + a body); then position + body; a bare position last (kept only before a name).
  const title = new RegExp(
    `${WB}(?:(?<std>${standalone.source})` +
      `|(?<pos>${positions.source})\\s+(?:` +
      `(?<unit>${partyUnits.source})\\s+(?<party>${partyCommittees.source})` +
      `|(?<fixed>${committees.source})` +
      `|(?<org>${leveled.source})(?:\\s+(?<level>${levels.source}))?` +
      `|(?<deptw>${deptW})\\s+(?<dept>${departments.source})` +
      `|(?<minw>${minW})\\s+(?<min>${ministries.source}))` +
      `|(?<bare>${bare.source}))${WE}`,
    'uy',
  );
  // A literal alternation scans far faster than the full pattern with its leading lookbehind.
  const firsts = new Set<string>();
  for (const m of [t.positions, ...REACHES.map((r) => t.standalone[r]), t.bare_before_name.national, t.bare_before_name.any]) {
    for (const [canon, list] of Object.entries(m)) {
      for (const surface of [canon, ...list]) {
        const w = searchForm(surface.normalize('NFC')).split(/[\s.]/)[0]!;
        // Titles are capitalised in running text; lower-case first words (as in common nouns) are
        // too common to be worth a look.
        firsts.add(w).add(w[0]!.toUpperCase() + w.slice(1)).add(w.toUpperCase());
      }
    }
  }
  const titleStart = new RegExp([...firsts].sort((a, b) => b.length - a.length).map(esc).join('|'), 'gu');
  const surnames = new Set<string>();
  const surnamePairs = new Set<string>();
  for (const s of n.surnames) (s.includes(' ') ? surnamePairs : surnames).add(lookupKey(s));
  const notName = new Set(n.not_name_words.map(lookupKey));
  const honorTokens = new Set(t.honorifics.filter((h) => !/[\s.]/.test(h)).map(lookupKey));
  const bareAny = new Set(Object.keys(t.bare_before_name.any));
  return {
    title,
    titleStart,
    positions,
    committees,
    committeeReach: reachTable(t.committees),
    partyUnits,
    partyCommittees,
    partyReach: reachTable(t.party_committees),
    leveled,
    levels,
    levelReach: reachTable({ national: {}, ...t.levels }),
    departmentWord: t.department_word[0]!,
    ministryWord: t.ministry_word[0]!,
    departments,
    ministries,
    standalone,
    standaloneReach: reachTable(t.standalone),
    bare,
    bareReach: (c) => (bareAny.has(c) ? undefined : 'national'),
    casing: t.canonical_casing.map((c) => [new RegExp(`^${alt([c])}(?=\\s)`, 'u'), c]),
    ministry: new RegExp(`${WB}${minW}\\s+(?<min>${ministries.source})${WE}`, 'gu'),
    colonAfter: /[ ]*:(?=[ ])/uy,
    nameSeparator: new RegExp(`[ ]*,(?=[ ])|[ ]+${alt(t.joiners)}(?=[ ])`, 'uy'),
    placeAfter: new RegExp(`\\s*(?:(?:${levelSource()})\\s*)?(?<p>${provinceSource()})${WE}`, 'uy'),
    placeAt: new RegExp(`(?<p>${provinceSource()})${WE}`, 'uy'),
    localLevelBefore: new RegExp(`${WB}${alt(Object.values(t.levels.local).flat().concat(Object.keys(t.levels.local)))}\\s+$`, 'u'),
    joiner: new RegExp(`^(?:\\s*,\\s*(?:${alt(t.joiners)}\\s+)?|\\s+${alt(t.joiners)}\\s+|\\s*-\\s*)$`, 'u'),
    honorificBefore: new RegExp(`${WB}${alt(t.honorifics)}\\s*$`, 'u'),
    isHonorificToken: (tok) => honorTokens.has(lookupKey(tok)),
    attendeeCue: new RegExp(`${WB}${alt(t.attendee_list_cues)}\\s*:`, 'gu'),
    credit: new RegExp(`${WB}${alt(documentWords().photo_credit)}\\s*:`, 'gu'),
    isSurname: (tok) => surnames.has(lookupKey(tok)),
    isSurnamePair: (toks) => surnamePairs.has(lookupKey(toks)),
    isNotNameWord: (tok) => notName.has(lookupKey(tok)),
  };
}
