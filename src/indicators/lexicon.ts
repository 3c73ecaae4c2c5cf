/**
 * The indicator lexicon (data/indicators.yaml) and the patterns built from it, compiled once
 * per process. Every Vietnamese word the indicator rules need comes from there or from the
 * shared cue and value lists (data/cues.yaml, data/values.yaml).
 */
import { z } from 'zod';
import { loadData } from '../text/lexicon.js';
import { alt, lookup, WB, WE } from '../text/pattern.js';
import { UNITS } from '../schema.js';
import { cues, values, type Unit } from '../values/lexicon.js';
import { amountSource, scaleSource } from '../values/amount.js';
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
  bound_after: z.object({ over: words, under: words }),
  current_year: words,
  months_word: words,
  first_word: words,
  quarter_word: words,
  period_reset: words,
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
  /** All trigger phrases (strong and weak), longest first, one pattern. */
  triggerRe: RegExp;
  /** Senses of a strong trigger phrase, in file order; [] for a weak one. */
  sensesOf: (surface: string) => Sense[];
  isWeak: (surface: string) => boolean;
  /** Senses by indicator id for phrases written after the figure. */
  afterRe: RegExp;
  afterSenses: (surface: string) => Sense[];
  /** A self-naming unit at the start of a text (a visits unit naming tourists -> tourist_arrivals). */
  selfUnitRe: RegExp;
  selfUnit: (surface: string) => Sense | undefined;
  weakDefault: Sense;
  reachRe: RegExp;
  spanCueRe: RegExp;
  /** Durations: `<n> <year-word>` (a total over the span before it). */
  durationRe: RegExp;
  /** Ends with a word after which a place name is not a province. */
  notProvinceBeforeRe: RegExp;
  sensesById: Map<string, Sense>;
  amountRe: RegExp;
  /** Scale words at the start of a unit text (`<scale> <unit>` -> `<unit>`). */
  leadingScalesRe: RegExp;
  otherHeadRe: RegExp;
  sectorHeadRe: RegExp;
  /** Anchored at the end of a window: the verb and bound just before a figure. */
  beforeFigureRe: RegExp;
  /** Anchored at the start of a window: plan share / bound words right after a figure. */
  planShareRe: RegExp;
  boundAfterRe: RegExp;
  oldLevelToRe: RegExp;
  comparisonTailRe: RegExp;
  shareBeforeRe: RegExp;
  oldFromRe: RegExp;
  isDecrease: (verb: string) => boolean;
  estimateRe: RegExp;
  targetRe: RegExp;
  targetCarryRe: RegExp;
  nationalRe: RegExp;
  comparisonRe: RegExp;
  mergeRe: RegExp;
  foreignProjectsRe: RegExp;
  projectWordRe: RegExp;
  untilMonthTailRe: RegExp;
  respectivelyRe: RegExp;
  clauseWordRe: RegExp;
  resetRe: RegExp;
  vagueRe: RegExp;
  yearlessRe: RegExp;
  rankRe: RegExp;
  rankScope: {
    continueRe: RegExp;
    stopRe: RegExp;
    dropLeadRe: RegExp;
    dropNounRe: RegExp;
    notAfterRe: RegExp;
  };
  boundOf: (surface: string) => 'approx' | 'over' | 'under' | undefined;
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
  const group = (pairs: [string, Sense][]): ((s: string) => Sense[]) => {
    const map = new Map<string, Sense[]>();
    const key = lookup(pairs.map(([w]) => [w, w] as [string, string]));
    for (const [w, s] of pairs) {
      const k = key(w)!;
      const list = map.get(k) ?? [];
      list.push(s);
      map.set(k, list);
    }
    return (surface) => map.get(key(surface) ?? '') ?? [];
  };
  const sensesOf = group(sensePairs);
  const afterSenses = group(afterPairs);
  const weak = lookup(f.weak_triggers.map((w) => [w, true] as [string, boolean]));
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
  return {
    file: f,
    triggerRe: new RegExp(`${WB}${alt([...sensePairs.map(([w]) => w), ...f.weak_triggers])}${WE}`, 'gu'),
    sensesOf,
    isWeak: (x) => weak(x) === true,
    afterRe: new RegExp(`^[\\s,]{0,2}(${alt(afterPairs.map(([w]) => w))})${WE}`, u),
    afterSenses,
    selfUnitRe: new RegExp(`^${alt(selfPairs.map(([w]) => w))}${WE}`, u),
    selfUnit: lookup(selfPairs),
    weakDefault: (() => {
      const d = sensesById.get(f.weak_default);
      if (!d) throw new Error(`data/indicators.yaml: weak_default ${f.weak_default}: unknown indicator`);
      return d;
    })(),
    reachRe: new RegExp(`${WB}${alt(f.reach)}${WE}`, 'gu'),
    spanCueRe: new RegExp(`(?:${WB}${alt(f.span_cues.filter((w) => /^[\p{L}]/u.test(w)))}${WE}|${alt(f.span_cues.filter((w) => !/^[\p{L}]/u.test(w)))})`, 'gu'),
    durationRe: new RegExp(`${WB}\\d{1,2}${s}${alt(f.years_word)}${WE}(?!${s}\\d)`, 'gu'),
    notProvinceBeforeRe: new RegExp(
      `(?:${WB}${alt(f.not_province_after)}|${WB}${alt(f.person_name_words, { caseSensitive: true })})(?:\\s+|\\s*-\\s*)$`,
      u,
    ),
    sensesById,
    amountRe: new RegExp(amountSource(), 'gu'),
    leadingScalesRe: new RegExp(`^(?:\\s*${scaleSource()}${WE})*\\s*`, u),
    otherHeadRe: new RegExp(`${WB}${alt(f.other_heads)}${WE}`, 'gu'),
    sectorHeadRe: new RegExp(`${WB}${alt(f.sector_heads)}${WE}`, 'gu'),
    // (<verb> (<to-level>)? (<average>)? | <to-level>)? <bound>*  right before the figure
    beforeFigureRe: new RegExp(
      `(?:${WB}(?<verb>${verbs})(?:${s}(?<level>${toLevel}))?(?:${s}${alt(f.change.average)})?${s}|${WB}(?<level2>${toLevel})${s})?(?:(?<bound>${bound})${s}(?:${bound}${s})?)?(?<open>\\(\\s*)?$`,
      u,
    ),
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
    estimateRe: new RegExp(`${WB}${alt(c.status.estimate)}${WE}`, 'gu'),
    targetRe: new RegExp(`${WB}${alt(c.status.target)}${WE}`, 'gu'),
    targetCarryRe: new RegExp(`${WB}${alt(f.target_carry)}${WE}`, 'gu'),
    nationalRe: new RegExp(`${WB}${alt(c.national)}${WE}`, 'gu'),
    comparisonRe: new RegExp(`${WB}${alt(f.comparison)}${WE}`, 'gu'),
    foreignProjectsRe: new RegExp(`^${alt(f.foreign_projects)}${WE}`, u),
    projectWordRe: new RegExp(`${WB}${alt(f.project_word)}${WE}`, 'gu'),
    mergeRe: new RegExp(`${WB}${alt([...f.comparison, ...f.merge_words])}${WE}`, 'gu'),
    untilMonthTailRe: new RegExp(`${WB}${alt(f.until_month)}\\s*$`, u),
    respectivelyRe: new RegExp(`${WB}${alt(f.respectively)}${WE}`, 'gu'),
    clauseWordRe: new RegExp(`${WB}${alt(f.clause_words)}${WE}`, 'gu'),
    resetRe: new RegExp(`${WB}${alt(f.period_reset)}${WE}`, 'gu'),
    vagueRe: new RegExp(`${WB}${alt(f.vague_period)}${WE}`, 'gu'),
    // `<n> <month-word> (<first-word>)?`, `<quarter-word> <q>`, `<current-year>`, with no year after them.
    yearlessRe: new RegExp(
      [
        `(?<months>${WB}(?<n>\\d{1,2}|${alt(Object.keys(v.number_words))})${s}${alt(f.months_word)}(?:${s}${alt(f.first_word)})?${WE})`,
        `(?<quarter>${WB}${alt(f.quarter_word)}${s}(?<q>${alt(Object.keys(v.quarters), { caseSensitive: true })})${WE})`,
        `(?<current>${WB}${alt(f.current_year)}${WE})`,
      ].join('|') + `(?![\\s/-]*(?:${alt(v.words.year)}${s})?\\d)`,
      'gu',
    ),
    rankRe: new RegExp(
      `${WB}(?<cue>${alt(c.rank)})${s}(?<pos>\\d{1,3}|${numberWordSrc()})(?!\\d)(?:\\s*\\/\\s*(?<of>\\d{1,3})(?!\\d))?`,
      'gu',
    ),
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
