/**
 * The indicator lexicon (data/indicators.yaml) and the patterns built from it, compiled once
 * per process. Every Vietnamese word the indicator rules need comes from there or from the
 * shared cue and value lists (data/cues.yaml, data/values.yaml).
 */
import { z } from 'zod';
import { loadData } from '../text/lexicon.js';
import { alt, lookup, lookupKey, WB, WE } from '../text/pattern.js';
import { FirstWords, LastWords, PhraseScanner } from './phrases.js';
import { UNITS } from '../schema.js';
import { cues, values, type Unit } from '../values/lexicon.js';
import { amountAtSource, scaleSource } from '../values/amount.js';
import { numberWordSrc } from '../values/number.js';

const words = z.array(z.string().min(1));
const unitEnum = z.enum(UNITS);

const entrySchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/).optional(),
  units: z.array(unitEnum).min(1),
  ranges: z.partialRecord(unitEnum, z.tuple([z.number(), z.number()])),
  triggers: words.min(1),
  after: words.default([]),
  on_decrease: z.string().regex(/^[a-z][a-z0-9_]*$/).optional(),
  on_level: z.string().regex(/^[a-z][a-z0-9_]*$/).optional(),
  on_foreign: z.string().regex(/^[a-z][a-z0-9_]*$/).optional(),
  national: z.boolean().default(false),
});

const fileSchema = z.object({
  indicators: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), entrySchema),
  other_heads: words,
  sector_heads: words,
  self_units: z.record(z.string(), words),
  weak_triggers: words,
  weak_default: z.string(),
  change: z.object({ increase: words, decrease: words, to_level: words, average: words }),
  reach: words,
  span_cues: words,
  years_word: words,
  not_province_after: words,
  merge_words: words,
  until_month: words,
  person_name_words: words,
  national_area: z.string().min(1),
  foreign_projects: words,
  project_word: words,
  plan_share: words,
  share_before: words,
  old_level: z.object({ from: words, to: words }),
  target_carry: words,
  header_target: words,
  header_estimate: words,
  threshold_before: words,
  target_lead: words,
  domestic_words: words,
  bound_after: z.object({ over: words, under: words }),
  current_year: words,
  months_word: words,
  first_word: words,
  quarter_word: words,
  period_reset: words,
  current_stock: words,
  current_stock_lead: words,
  shared_subject: words,
  place_and: words,
  economy_subject: words,
  vague_period: words,
  comparison: words,
  respectively: words,
  clause_words: words,
  rank_scope_continue: words,
  rank_scope_stop: words,
  rank_scope_drop_lead: words,
  rank_scope_drop_noun: words,
  rank_not_after: words,
});

export type IndicatorFile = z.infer<typeof fileSchema>;

/** One indicator reading of a trigger phrase. */
export interface Sense {
  /** Output id (`grdp_growth`). */
  id: string;
  units: readonly Unit[];
  ranges: Partial<Record<Unit, [number, number]>>;
  onDecrease: string | null;
  onLevel: string | null;
  onForeign: string | null;
  national: boolean;
}

export interface Lexicon {
  file: IndicatorFile;
  /** Every phrase list of the rules, scanned in one pass over a text's words. */
  scanner: PhraseScanner<PhraseKind>;
  /** Words that make the place name after them part of a personal name. */
  personNameWords: Set<string>;
  /** Number words by comparison key (`<word>` -> 3). */
  numberWordKeys: Map<string, number>;
  /** Span cues written with a mark (`%/<year-word>`). */
  spanCueMarkRe: RegExp;
  /** First characters of the span cues written with a mark. */
  spanCueMarkFirsts: string[];
  weakDefault: Sense;
  /** What joins the provinces of one subject (`<place>, <place>`, `<place> <and> <place>`). */
  placeJoinRe: RegExp;
  /** Durations: `<n> <year-word>` (a total over the span before it). */
  /** After a rank cue: `<position>(/<of>)?`. */
  rankNumberRe: RegExp;
  sensesById: Map<string, Sense>;
  /** Sticky: an amount at a digit with no digit, `.` or `,` before it (see `amountAtSource`). */
  amountAtRe: RegExp;
  /** Scale words at the start of a unit text (`<scale> <unit>` -> `<unit>`). */
  leadingScalesRe: RegExp;
  /** Sticky, to reach the end of a window: the verb and bound just before a figure. */
  beforeFigureRe: RegExp;
  /** Last words of the verb, level, average and bound phrases `beforeFigureRe` can end with. */
  beforeFigureLast: LastWords;
  /** First words of the verb, level and bound phrases a `beforeFigureRe` match can start with. */
  beforeFigureFirst: FirstWords;
  /** Anchored at the start of a window: plan share / bound words right after a figure. */
  planShareRe: RegExp;
  boundAfterRe: RegExp;
  oldLevelToRe: RegExp;
  /** Right after a figure: its own year (`<amount> (<word>)? <year-word> <yyyy>`). */
  ownYearRe: RegExp;
  comparisonTailRe: RegExp;
  shareBeforeRe: RegExp;
  oldFromRe: RegExp;
  /** Last words of the end-anchored patterns (a cheap test before running them). */
  tails: { comparison: LastWords; shareBefore: LastWords; oldFrom: LastWords; untilMonth: LastWords; rankNotAfter: LastWords };
  isDecrease: (verb: string) => boolean;
  untilMonthTailRe: RegExp;
  /** A year written right after a period word (then it is not yearless). */
  yearAfterRe: RegExp;
  rankScope: {
    continueRe: RegExp;
    stopRe: RegExp;
    dropLeadRe: RegExp;
    dropNounRe: RegExp;
    notAfterRe: RegExp;
  };
  boundOf: (surface: string) => 'approx' | 'over' | 'under' | undefined;
}

export type PhraseKind =
  | 'trigger'
  | 'after'
  | 'self'
  | 'other'
  | 'sector'
  | 'estimate'
  | 'target'
  | 'carry'
  | 'national'
  | 'comparison'
  | 'merge'
  | 'reset'
  | 'stock'
  | 'stockLead'
  | 'shared'
  | 'economy'
  | 'vague'
  | 'reach'
  | 'respectively'
  | 'spanCue'
  | 'projectWord'
  | 'foreign'
  | 'notProvince'
  | 'current'
  | 'months'
  | 'first'
  | 'quarter'
  | 'years'
  | 'rank'
  | 'rankTop'
  | 'headerTarget'
  | 'headerEstimate'
  | 'threshold'
  | 'domestic'
  | 'targetLead';

export interface TriggerValue {
  surface: string;
  /** Indicator readings in file order; [] for a weak head. */
  senses: Sense[];
  weak: boolean;
}

let lex: Lexicon | undefined;

function build(): Lexicon {
  const f = loadData('indicators.yaml', fileSchema);
  const c = cues();
  const v = values();
  const sensePairs: [string, Sense][] = [];
  const afterPairs: [string, Sense][] = [];
  const sensesById = new Map<string, Sense>();
  for (const [key, e] of Object.entries(f.indicators)) {
    const sense: Sense = {
      id: e.id ?? key,
      units: e.units,
      ranges: e.ranges,
      onDecrease: e.on_decrease ?? null,
      onLevel: e.on_level ?? null,
      onForeign: e.on_foreign ?? null,
      national: e.national,
    };
    if (!sensesById.has(sense.id)) sensesById.set(sense.id, sense);
    for (const t of e.triggers) sensePairs.push([t, sense]);
    for (const t of e.after) afterPairs.push([t, sense]);
  }
  const selfPairs: [string, Sense][] = [];
  for (const [id, list] of Object.entries(f.self_units)) {
    const sense = sensesById.get(id);
    if (!sense) throw new Error(`data/indicators.yaml: self_units.${id}: unknown indicator`);
    for (const w of list) selfPairs.push([w, sense]);
  }
  for (const s of [...sensePairs, ...afterPairs].map(([, x]) => x)) {
    for (const id of [s.onDecrease, s.onLevel, s.onForeign]) {
      if (id && !sensesById.has(id)) throw new Error(`data/indicators.yaml: on_decrease/on_level ${id}: unknown indicator`);
    }
  }
  const bounds: [string, 'approx' | 'over' | 'under'][] = [];
  for (const b of ['approx', 'over', 'under'] as const) for (const w of c.bound[b]) bounds.push([w, b]);
  const bound = alt(bounds.map(([w]) => w));
  const verbs = alt([...f.change.increase, ...f.change.decrease]);
  const toLevel = alt(f.change.to_level);
  const s = '\\s+';
  const u = 'u';
  const triggerEntries = new Map<string, TriggerValue>();
  for (const [w, sense] of sensePairs) {
    const e = triggerEntries.get(lookupKey(w)) ?? { surface: w, senses: [], weak: false };
    e.senses.push(sense);
    triggerEntries.set(lookupKey(w), e);
  }
  for (const w of f.weak_triggers) if (!triggerEntries.has(lookupKey(w))) triggerEntries.set(lookupKey(w), { surface: w, senses: [], weak: true });
  const afterEntries = new Map<string, Sense[]>();
  for (const [w, sense] of afterPairs) afterEntries.set(lookupKey(w), [...(afterEntries.get(lookupKey(w)) ?? []), sense]);
  const flag = (list: readonly string[]): [string, unknown][] => list.map((w) => [w, true]);
  const scanner = new PhraseScanner<PhraseKind>({
    trigger: [...triggerEntries.values()].map((e) => [e.surface, e] as [string, unknown]),
    after: [...afterEntries.entries()].map(([k, senses]) => [k, senses] as [string, unknown]),
    self: selfPairs,
    other: flag(f.other_heads),
    sector: flag(f.sector_heads),
    estimate: flag(c.status.estimate),
    target: flag(c.status.target),
    carry: flag(f.target_carry),
    national: flag(c.national),
    comparison: flag(f.comparison),
    merge: flag([...f.comparison, ...f.merge_words]),
    reset: flag(f.period_reset),
    stock: flag(f.current_stock),
    stockLead: flag(f.current_stock_lead),
    shared: flag(f.shared_subject),
    economy: flag(f.economy_subject),
    vague: flag(f.vague_period),
    reach: flag(f.reach),
    respectively: flag(f.respectively),
    spanCue: flag(f.span_cues.filter((w) => /^\p{L}/u.test(w))),
    projectWord: flag(f.project_word),
    foreign: flag(f.foreign_projects),
    notProvince: flag(f.not_province_after),
    current: flag(f.current_year),
    months: flag(f.months_word),
    first: flag(f.first_word),
    quarter: flag(f.quarter_word),
    years: flag(f.years_word),
    rank: flag(c.rank),
    rankTop: flag(c.rank_top),
    headerTarget: flag(f.header_target),
    headerEstimate: flag(f.header_estimate),
    threshold: flag(f.threshold_before),
    domestic: flag(f.domestic_words),
    targetLead: flag(f.target_lead),
  });
  return {
    file: f,
    scanner,
    personNameWords: new Set(f.person_name_words.map((w) => w.normalize('NFC'))),
    numberWordKeys: new Map(Object.entries(v.number_words).map(([w, n]) => [lookupKey(w), n])),
    spanCueMarkRe: new RegExp(alt(f.span_cues.filter((w) => !/^\p{L}/u.test(w))), 'uy'),
    spanCueMarkFirsts: [...new Set(f.span_cues.filter((w) => !/^\p{L}/u.test(w)).map((w) => w[0]!))],
    placeJoinRe: new RegExp(`^\\s*(?:,\\s*)?(?:${alt(f.place_and)}\\s*)?$`, 'u'),
    weakDefault: (() => {
      const d = sensesById.get(f.weak_default);
      if (!d) throw new Error(`data/indicators.yaml: weak_default ${f.weak_default}: unknown indicator`);
      return d;
    })(),
    rankNumberRe: new RegExp(`^${s}(?<pos>\\d{1,3}(?!\\d)|${numberWordSrc()})(?:\\s*\\/\\s*(?<of>\\d{1,3})(?!\\d))?`, u),
    sensesById,
    amountAtRe: new RegExp(amountAtSource(), 'uy'),
    leadingScalesRe: new RegExp(`^(?:\\s*${scaleSource()}${WE})*\\s*`, u),
    // (<verb> (<to-level>)? (<average>)? | <to-level>)? <bound>*  right before the figure
    beforeFigureRe: new RegExp(
      `(?:${WB}(?<verb>${verbs})(?:${s}(?<level>${toLevel}))?(?:${s}${alt(f.change.average)})?${s}|${WB}(?<level2>${toLevel})${s})?(?:(?<bound>${bound})${s}(?:${bound}${s})?)?(?<open>\\(\\s*)?$`,
      'uy',
    ),
    beforeFigureLast: new LastWords([...f.change.increase, ...f.change.decrease, ...f.change.to_level, ...f.change.average, ...bounds.map(([w]) => w)]),
    beforeFigureFirst: new FirstWords([...f.change.increase, ...f.change.decrease, ...f.change.to_level, ...bounds.map(([w]) => w)]),
    tails: {
      comparison: new LastWords([...v.words.same_period, ...v.words.compare]),
      shareBefore: new LastWords(f.share_before),
      oldFrom: new LastWords(f.old_level.from),
      untilMonth: new LastWords(f.until_month),
      rankNotAfter: new LastWords(f.rank_not_after),
    },
    planShareRe: new RegExp(`^\\s*(?:\\/\\s*(?:${alt(v.words.year)})\\s*)?${alt(f.plan_share)}${WE}`, u),
    boundAfterRe: new RegExp(`^\\s*(?:(?<over>${alt(f.bound_after.over)})|(?<under>${alt(f.bound_after.under)}))${WE}`, u),
    shareBeforeRe: new RegExp(`${WB}${alt(f.share_before)}\\s*$`, u),
    oldFromRe: new RegExp(`${WB}${alt(f.old_level.from)}\\s*$`, u),
    isDecrease: (() => {
      const dec = lookup(f.change.decrease.map((w) => [w, true] as [string, boolean]));
      return (verb: string) => dec(verb) === true;
    })(),
    comparisonTailRe: new RegExp(`(?:${alt(v.words.same_period)}|${alt(v.words.compare)})\\s*$`, u),
    oldLevelToRe: new RegExp(`^[^.;\\n]{0,30}?${WB}${alt(f.old_level.to)}${WE}`, u),
    ownYearRe: new RegExp(`^\\s*(?:\\(\\s*)?(?:\\p{L}+\\s+)?(?:${alt(v.words.year)})\\s+(?:19|20)\\d\\d(?!\\d)`, u),
    yearAfterRe: new RegExp(`^[\\s/-]*(?:${alt(v.words.year)}\\s+)?\\d`, u),
    untilMonthTailRe: new RegExp(`${WB}${alt(f.until_month)}\\s*$`, u),
    rankScope: {
      continueRe: new RegExp(`^,\\s*${alt(f.rank_scope_continue)}${WE}`, u),
      stopRe: new RegExp(`^\\s+${alt(f.rank_scope_stop)}${WE}`, u),
      dropLeadRe: new RegExp(`^${alt(f.rank_scope_drop_lead)}${s}`, u),
      dropNounRe: new RegExp(`^${alt(f.rank_scope_drop_noun)}${s}(?=${alt(f.rank_scope_continue)}${WE})`, u),
      notAfterRe: new RegExp(`${WB}${alt(f.rank_not_after)}\\s*$`, u),
    },
    boundOf: lookup(bounds),
  };
}

export function indicatorLexicon(): Lexicon {
  lex ??= build();
  return lex;
}
