/**
 * Which figures are indicators, and of what. A figure (an amount with a unit, or with a scale
 * word: a percent, money, visits, projects) becomes an indicator only when a trigger governs
 * it. Rules, in priority order:
 *
 * - `indicator/unit-names-indicator`: the unit itself names it
 *   (`<amount> <tourist-visits-unit>`, `<amount> <foreign-projects-unit>`; data: self_units).
 * - `indicator/figure-before-name`: the name follows the figure (`<amount> <name>`; data: after).
 * - `indicator/name-before-figure`: the nearest trigger before the figure in the same sentence,
 *   within a bounded gap, with no other head between (`<name> <gap> <status>? <verb>? <bound>?
 *   <amount>`). A clause sequence under one head is covered
 *   (`<name> <years> <verb> <adverb>; <of-which>, <year> <reach> <amount>`).
 * - `indicator/weak-name-before-figure`: a weak head (data: weak_triggers) takes the indicator
 *   of the paragraph's last growth trigger, else the default (data: weak_default).
 *
 * Near-misses (fixtures/corpus/indicators/*.yaml): a share of a plan (`<amount>% <plan-word>`),
 * the change of an amount (`<money-name> <reach> <amount>, <increase> <n>%`), a figure under
 * another head (data: other_heads), donations, phone and document numbers (no unit, no trigger).
 */
import { isSpaceCode } from '../text/chars.js';
import type { DocContext, Span } from '../engine/context.js';
import { firstAtOrAfter, spanIndexAt } from '../engine/context.js';
import { amountForm, amountOf, amountTailStarts, maskDigits, type Amount, type AmountForm } from '../values/amount.js';
import { commaAsThousands } from '../values/number.js';
import { isCreditLine, isNavigation } from '../document/meta.js';
import { detached } from '../text/pattern.js';
import type { Unit } from '../values/lexicon.js';
import { indicatorLexicon, type Lexicon, type PhraseKind, type Sense, type TriggerValue } from './lexicon.js';
import { anyWithin, lastWithin, matchToEnd, testTail, type PhraseHit, type Tokens } from './phrases.js';

/** The phrase hits of one document, by list. */
export type Scan = Record<PhraseKind, PhraseHit<unknown>[]>;

export interface Trigger extends Span {
  senses: Sense[];
  weak: boolean;
}

export interface Figure extends Span {
  amount: Amount;
  /** Text after the number and scale words (the unit as written), folded. */
  unitText: string;
  /** Offset where that unit text starts. */
  unitStart: number;
}

export interface Mention {
  rule: string;
  sense: Sense;
  figure: Figure;
  unit: Unit;
  value: number;
  upper: number | null;
  /** The governing name, when written before the figure. */
  trigger: Trigger | null;
  /** The name written after the figure (data: after). */
  after: Span | null;
  sentence: Span;
  paragraph: Span;
  /** Start of the figure's clause (`clauseStartAt`). */
  clauseStart: number;
  /** Text right before the figure: `(verb) (to-level)? (bound)` and an opening bracket. */
  verb: 'increase' | 'decrease' | null;
  bound: 'exact' | 'approx' | 'over' | 'under';
  /** The figure is written in brackets after its name (`<national-cue> (<amount>)`). */
  bracketed: boolean;
  /** The figure is another area's, named for comparison (`<comparison> <amount> <of> <national-cue>`). */
  comparative: boolean;
}

/** Longest gap (characters) between a trigger's end and its figure. */
const MAX_GAP = 160;

const FIGURE_HEAD = /^[\d.,\s]+(?:-\s*[\d.,]+)?/;

function findTriggers(scan: Scan): Trigger[] {
  return scan.trigger.map((h) => {
    const v = h.value as TriggerValue;
    return { start: h.start, end: h.end, senses: v.senses, weak: v.weak };
  });
}

/** Whether `a` overlaps a span of a list sorted by start whose spans do not overlap. */
function overlapsSorted(a: Span, list: readonly Span[]): boolean {
  const i = firstAtOrAfter(list, a.end) - 1;
  return i >= 0 && list[i]!.end > a.start;
}

/** Heads that are not part of a trigger (`<rate-word> <poor households>` is a trigger). */
function heads(hits: readonly Span[], triggers: readonly Span[]): Span[] {
  return hits.filter((h) => !overlapsSorted(h, triggers));
}

/** What a figure's text decides apart from its digits' values (the same for every text with
 * the same digit mask, see `maskDigits`): its amount form, trimmed end and unit text. */
interface FigureShape {
  form: AmountForm;
  /** Length without trailing spaces. */
  length: number;
  /** Offset of the unit text (after the number and scale words). */
  unitOffset: number;
  /** The unit text, or null when it has digits (then it is read from each text). */
  unitText: string | null;
}

/** Memo of `figureShape` by the text with its digits masked: numbers vary, but a corpus
 * writes few shapes (`<n>,<n>%`, `<n> <scale> <unit>`), so even unseen texts hit. Bounded:
 * cleared when full, so memory stays flat on any corpus. */
const shapes = new Map<string, FigureShape | null>();
const SHAPES_MAX = 20_000;

/** The shape of an amount's text (`key` is its digit mask), or null when it is no figure
 * (not an amount, or a number without unit or scale word). */
function figureShape(lex: Lexicon, text: string, key: string): FigureShape | null {
  let shape = shapes.get(key);
  if (shape !== undefined) return shape;
  shape = null;
  const form = amountForm(text);
  if (form && !(form.unit === null && form.multiplier <= 1)) {
    let length = text.length;
    while (length > 0 && /\s/.test(text[length - 1]!)) length--;
    const head = text.match(FIGURE_HEAD)?.[0] ?? '';
    const tail = text.slice(head.length);
    const scales = tail.match(lex.leadingScalesRe)?.[0] ?? '';
    const unitOffset = head.length + scales.length;
    const unitText = tail.slice(scales.length).trim();
    shape = { form, length, unitOffset, unitText: /\d/.test(unitText) ? null : unitText };
  }
  if (shapes.size >= SHAPES_MAX) shapes.clear();
  shapes.set(detached(key), shape);
  return shape;
}

/** Amounts with a unit, or with a scale word (money written without its currency word). */
export function findFigures(ctx: DocContext, lex: Lexicon): Figure[] {
  const out: Figure[] = [];
  const s = ctx.search;
  const re = lex.amountAtRe;
  const tailStarts = amountTailStarts();
  // Amounts left to right: one starts at a digit with no digit, `.` or `,` before it, and the
  // search goes on after its end. A global `test` finds the next digit without allocating.
  DIGIT.lastIndex = 0;
  while (DIGIT.test(s)) {
    const i = DIGIT.lastIndex - 1;
    if (i > 0 && isNumberUnit(s.charCodeAt(i - 1))) continue;
    // A bare number (a date, a code, a count without unit) is no figure.
    if (!mayHaveTail(s, i, tailStarts)) continue;
    re.lastIndex = i;
    const m = re.exec(s);
    if (!m) continue;
    const start = i;
    const text = m[0];
    DIGIT.lastIndex = i + text.length;
    // Still bare: what followed the number was no tail after all.
    if (!/[^\d\s.,-]/.test(text)) continue;
    const shape = figureShape(lex, text, maskDigits(text));
    if (!shape) continue;
    const amount = amountOf(text, shape.form);
    if (!amount) continue;
    const unitText = shape.unitText ?? text.slice(shape.unitOffset).trim();
    out.push({ start, end: start + shape.length, amount, unitText, unitStart: start + shape.unitOffset });
  }
  return out;
}

const DIGIT = /\d/g;

/**
 * Whether the amount at `s[i]` can be more than a bare number: the first unit after its
 * digits, marks and spaces can start a tail. (The pattern's number ends inside that run or at
 * its end, and no tail starts with a digit or mark, so otherwise its match is bare.)
 */
function mayHaveTail(s: string, i: number, tailStarts: ReadonlySet<number>): boolean {
  let j = i;
  while (j < s.length && isNumberUnit(s.charCodeAt(j))) j++;
  while (j < s.length && isSpaceCode(s.charCodeAt(j))) j++;
  return j < s.length && tailStarts.has(s.charCodeAt(j));
}

/** A digit, `.` or `,`: what may not come right before an amount. */
function isNumberUnit(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 46 || c === 44;
}

function pickSense(senses: Sense[], unit: Unit | null): { sense: Sense; unit: Unit } | null {
  for (const s of senses) {
    if (unit !== null && s.units.includes(unit)) return { sense: s, unit };
  }
  if (unit === null) {
    for (const s of senses) {
      if (s.units.includes('VND')) return { sense: s, unit: 'VND' };
      if (s.units.includes('visits')) return { sense: s, unit: 'visits' };
    }
  }
  return null;
}

function inRange(sense: Sense, unit: Unit, v: number): boolean {
  const r = sense.ranges[unit];
  return !r || (v >= r[0] && v <= r[1]);
}

/**
 * Value and upper in base units, re-reading an ambiguous decimal comma (`215,730 <scale>`) as a
 * thousands separator when only that reading is plausible (a warning names the figure).
 */
function plausibleValue(
  ctx: DocContext,
  fig: Figure,
  sense: Sense,
  unit: Unit,
): { value: number; upper: number | null } | null {
  const { amount } = fig;
  const ok = inRange(sense, unit, amount.value) && (amount.upper === null || inRange(sense, unit, amount.upper));
  if (ok) return { value: amount.value, upper: amount.upper };
  if (!amount.ambiguousComma) return null;
  const re = (raw: string | null, fallback: number | null): number | null => {
    if (raw === null) return fallback;
    const t = commaAsThousands(raw);
    return t === null ? fallback : Math.round(t * amount.raw.multiplier);
  };
  const value = re(amount.raw.low, amount.value)!;
  const upper = re(amount.raw.high, amount.upper);
  if (!inRange(sense, unit, value) || (upper !== null && !inRange(sense, unit, upper))) return null;
  ctx.warnings.push(
    `indicator ${sense.id}: "${ctx.nfc.slice(fig.start, fig.end)}" read with a thousands separator (${value}); the decimal reading is implausible`,
  );
  return { value, upper };
}

export function findMentions(ctx: DocContext, figures: Figure[], scan: Scan, tokens: Tokens): Mention[] {
  const lex = indicatorLexicon();
  const s = ctx.search;
  if (figures.length === 0) return [];
  const triggers = findTriggers(scan);
  const others = heads(scan.other, triggers);
  const sectors = heads(scan.sector, triggers);
  const selfSet = lex.scanner.set('self');
  const afterSet = lex.scanner.set('after');
  const foreignSet = lex.scanner.set('foreign');
  const out: Mention[] = [];
  let lastPi = -1;
  let skipPara = false;
  for (const fig of figures) {
    const si = spanIndexAt(ctx.sentences, fig.start);
    const pi = spanIndexAt(ctx.paragraphs, fig.start);
    if (si < 0 || pi < 0) continue;
    const sentence = ctx.sentences[si]!;
    const paragraph = ctx.paragraphs[pi]!;
    if (pi !== lastPi) {
      lastPi = pi;
      const line = ctx.nfc.slice(paragraph.start, paragraph.end);
      // A credit is `<credit-word>:`; the colon test skips the regex on most lines.
      skipPara = isNavigation(line) || (line.includes(':') && isCreditLine(line));
    }
    if (skipPara) continue;

    // Words right before and after the figure.
    const before = s.slice(Math.max(sentence.start, fig.start - 40), fig.start);
    const bm = mayEndBeforeFigure(lex, before) ? matchToEnd(before, lex.beforeFigureRe, '(', lex.beforeFigureFirst) : null;
    const g = bm?.groups ?? {};
    const afterText = s.slice(fig.end, Math.min(sentence.end, fig.end + 60));
    if (lex.planShareRe.test(afterText)) continue;
    if (testTail(lex.tails.shareBefore, lex.shareBeforeRe, before)) continue;
    // `<from> <amount> <to> <amount>`: the old level is a figure only with its own year
    // (`<from> <amount> <year-word> <yyyy> <to> <amount> <year-word> <yyyy>`).
    if (testTail(lex.tails.oldFrom, lex.oldFromRe, before) && lex.oldLevelToRe.test(afterText) && !lex.ownYearRe.test(afterText)) continue;

    let rule = '';
    let senses: Sense[] = [];
    let trigger: Trigger | null = null;
    let after: Span | null = null;
    const ui = tokens.atOrAfter(fig.unitStart);
    const self = fig.unitText && ui < tokens.length && tokens.starts[ui] === fig.unitStart ? selfSet.matchAt(s, tokens, ui) : null;
    // The name right after the figure (at most a comma between).
    const ai = tokens.atOrAfter(fig.end);
    const am = ai < tokens.length && /^[\s,]{0,2}$/.test(s.slice(fig.end, tokens.starts[ai]!)) ? afterSet.matchAt(s, tokens, ai) : null;
    if (self) {
      rule = 'indicator/unit-names-indicator';
      senses = [self.value as Sense];
    } else if (am) {
      rule = 'indicator/figure-before-name';
      senses = am.value as Sense[];
      after = { start: am.start, end: am.end };
    } else if (nearestTrigger(triggers, sentence, fig) < 0) {
      // `<place> <increase> <n>%` with no name in the sentence: the paragraph's growth name
      // (a ranking round-up), or the economy's growth (`<economy> <place> <increase> <n>%`).
      const beforeStart = Math.max(sentence.start, fig.start - 40);
      const verbStart = bm && g.verb && !g.level && !lex.isDecrease(g.verb) ? beforeStart + bm.index : -1;
      const sub = verbStart >= 0 ? placeBefore(ctx, verbStart) : null;
      if (!sub) continue;
      // The place opens its clause, or follows an economy word (`<economy> <level> <place>`).
      const pcs = clauseStartAt(s, sub.start, sentence.start);
      const economy = lastWithin(scan.economy, pcs, sub.start, (h) => /^[\s\p{L}.]{0,16}$/u.test(s.slice(h.end, sub.start)));
      if (!economy && !/^\s*$/.test(s.slice(pcs, sub.start))) continue;
      const growth = lastStrongTrigger(triggers, paragraph, fig.start, (t) => t.senses.some((x) => x.id === lex.weakDefault.id));
      if (growth) senses = [lex.weakDefault];
      else if (economy) senses = [lex.weakDefault];
      else continue;
      rule = 'indicator/weak-name-before-figure';
    } else {
      let ti = nearestTrigger(triggers, sentence, fig);
      trigger = triggers[ti]!;
      if (fig.start - trigger.end > MAX_GAP) continue;
      if (anyWithin(others, trigger.end, fig.start)) continue;
      // A sector head after an earlier figure of this trigger starts another breakdown.
      const sectorAt = lastWithin(sectors, trigger.end, fig.start);
      if (sectorAt && anyWithin(figures, trigger.end, sectorAt.start)) continue;
      // `<name> <verb-like trigger> <period> <reach> <amount>`: a name right before a trigger that does
      // not fit the figure's unit governs instead.
      if (!trigger.weak && !pickSense(trigger.senses, fig.amount.unit) && ti > 0) {
        const prev = triggers[ti - 1]!;
        const between = s.slice(prev.end, trigger.start);
        if (prev.start >= sentence.start && between.length <= 30 && !/[,;:()]/.test(between) && !anyWithin(figures, prev.end, trigger.start)) {
          ti -= 1;
          trigger = prev;
        }
      }
      // `<other head> <name> ... <amount>`: a name right after another head is its modifier.
      if (lastWithin(others, trigger.start - 40, trigger.start, (h) => trigger!.start - h.end <= 2)) continue;
      if (trigger.weak) {
        // A weak head qualifies the name before it in the sentence (`<export-name> <weak>
        // <n>%` is not GRDP growth); otherwise the paragraph's last growth name, or GRDP growth.
        // `<other head> ... <weak> <n>%`: another head before it in its clause is its subject.
        const tcs = clauseStartAt(s, trigger.start, sentence.start);
        if (anyWithin(others, tcs, trigger.start)) continue;
        const inSentence = lastStrongTrigger(triggers, sentence, trigger.start, () => true);
        if (inSentence && !inSentence.senses.some((x) => x.units.includes('percent'))) continue;
        const strong = inSentence ?? lastStrongTrigger(triggers, paragraph, trigger.start, (t) => t.senses.some((x) => x.units.includes('percent')));
        senses = strong ? strong.senses : [lex.weakDefault];
        rule = 'indicator/weak-name-before-figure';
      } else {
        senses = trigger.senses;
        rule = 'indicator/name-before-figure';
      }
    }
    const picked = pickSense(senses, fig.amount.unit);
    if (!picked) continue;
    let { sense } = picked;
    const { unit } = picked;

    const verb = g.verb ? (lex.isDecrease(g.verb) ? 'decrease' : 'increase') : null;
    const toLevel = Boolean(g.level ?? g.level2);
    if (verb === 'decrease' && !toLevel && sense.onDecrease) sense = lex.sensesById.get(sense.onDecrease) ?? sense;
    if (toLevel && sense.onLevel) sense = lex.sensesById.get(sense.onLevel) ?? sense;
    if (sense.onForeign && trigger && !domesticNear(scan, s, sentence, fig)) {
      // In a paragraph about foreign investment (an FDI name before the figure), capital is FDI.
      const fdiBefore = lastWithin(triggers, paragraph.start, fig.start, (t) => t.senses.some((x) => x.id === sense.onForeign));
      if (fdiBefore) sense = lex.sensesById.get(sense.onForeign) ?? sense;
    }
    if (sense.onForeign && trigger) {
      // The projects named last before the capital's name decide.
      const chain = Math.max(sentence.start, s.lastIndexOf(';', trigger.start) + 1);
      const last = lastWithin(scan.projectWord, chain, trigger.start);
      if (last && foreignSet.matchAt(s, tokens, tokens.atOrAfter(last.start))) sense = lex.sensesById.get(sense.onForeign) ?? sense;
    }
    // `<increase> <money amount>` after an amount is its change, not its level.
    if (verb && !toLevel && !sense.units.includes('percent')) continue;

    const value = plausibleValue(ctx, fig, sense, unit);
    if (!value) continue;
    // `<comparison> <amount> <of> <national-cue>`: a comparison, not a bound, and another area's figure.
    const cs = clauseStartAt(s, fig.start, sentence.start);
    const lastComparison = lastWithin(scan.comparison, cs, fig.start)?.end ?? -1;
    const comparative = lastComparison >= 0 && !g.open;
    let bound: Mention['bound'] = g.bound && !(lastComparison >= 0 && fig.start - lastComparison <= 8) ? (lex.boundOf(g.bound) ?? 'exact') : 'exact';
    const ba = afterText.match(lex.boundAfterRe);
    if (bound === 'exact' && ba) bound = ba.groups!.over ? 'over' : 'under';
    // `<threshold-word> <name> <over|under> <amount>`: a condition (`communes with a rate over 40%`).
    if (trigger && (bound === 'over' || bound === 'under') && lastWithin(scan.threshold, trigger.start - 12, trigger.start, (h) => /^\s+$/.test(s.slice(h.end, trigger!.start)))) continue;
    out.push({
      rule,
      sense,
      figure: fig,
      unit,
      value: value.value,
      upper: value.upper,
      trigger,
      after,
      sentence,
      paragraph,
      clauseStart: cs,
      verb,
      bound,
      bracketed: Boolean(g.open),
      comparative,
    });
  }
  return out;
}

/**
 * Whether `beforeFigureRe` can match a non-empty end of `before`: it ends with `(` and spaces,
 * or with spaces after the last word of a verb, level, average or bound phrase.
 */
function mayEndBeforeFigure(lex: Lexicon, before: string): boolean {
  let j = before.length;
  while (j > 0 && isSpaceCode(before.charCodeAt(j - 1))) j--;
  if (j > 0 && before.charCodeAt(j - 1) === 40) return true;
  return j < before.length && lex.beforeFigureLast.endsAt(before, j);
}

/** The province written right before `pos` (only spaces between), or null. */
function placeBefore(ctx: DocContext, pos: number): Span | null {
  const i = firstAtOrAfter(ctx.places, pos) - 1;
  const p = i >= 0 ? ctx.places[i]! : null;
  return p && p.country === null && p.end <= pos && /^\s+$/.test(ctx.search.slice(p.end, pos)) ? p : null;
}

/** Index of the last trigger in the sentence that ends before the figure, or -1. */
function nearestTrigger(triggers: Trigger[], sentence: Span, fig: Span): number {
  for (let i = firstAtOrAfter(triggers, fig.start) - 1; i >= 0; i--) {
    const t = triggers[i]!;
    if (t.start < sentence.start) return -1;
    if (t.end <= fig.start) return i;
  }
  return -1;
}

/** Start of the clause holding `pos`: after `, ; : ( )` (not a decimal comma), or `floor`. */
export function clauseStartAt(s: string, pos: number, floor: number): number {
  for (let i = pos - 1; i >= floor; i--) {
    const c = s.charCodeAt(i);
    // ; : ( ) and a comma not followed by a digit
    if (c === 59 || c === 58 || c === 40 || c === 41) return i + 1;
    if (c === 44) {
      const d = s.charCodeAt(i + 1);
      if (!(d >= 48 && d <= 57)) return i + 1;
    }
  }
  return floor;
}

function lastStrongTrigger(triggers: Trigger[], within: Span, before: number, keep: (t: Trigger) => boolean): Trigger | null {
  for (let i = firstAtOrAfter(triggers, before) - 1; i >= 0; i--) {
    const t = triggers[i]!;
    if (t.start < within.start) return null;
    if (!t.weak && keep(t)) return t;
  }
  return null;
}

/** Whether the figure's clause names its capital as domestic (data: domestic_words). */
function domesticNear(scan: Scan, s: string, sentence: Span, fig: Span): boolean {
  const from = Math.max(sentence.start, s.lastIndexOf(';', fig.start) + 1);
  return anyWithin(scan.domestic, from, Math.min(sentence.end, fig.end + 30));
}
