/**
 * Amounts: a number or a range, scale words and a unit, read as one value in base units.
 * Shapes: `8,75%`, `11-12%`, `4 - 5 %`, `56,7 triệu đồng`, `100 nghìn tỷ đồng`,
 * `3 tỷ USD`, `7,2 triệu lượt khách`, `12.300 héc-ta` / `540ha`, `333 dự án`.
 * Words come from data/values.yaml (scales, units, range connectors).
 */
import { alt, boundedMemo, lookup, phrase, WE } from '../text/pattern.js';
import { searchForm } from '../text/normalize.js';
import { values, type Unit } from './lexicon.js';
import { NUMBER_SRC, parseNumber } from './number.js';

export interface Amount {
  value: number;
  upper: number | null;
  unit: Unit | null;
  /** True when a comma before three digits was read as a decimal mark. */
  ambiguousComma: boolean;
  /** Raw number text, for re-reading an ambiguous comma. */
  raw: { low: string; high: string | null; multiplier: number };
}

interface Compiled {
  /** Regex source of an amount (see `amountAtSource`). */
  body: string;
  /** Code units an amount's tail (range connector, percent, scale or unit) can start with. */
  tailStarts: Set<number>;
  exact: RegExp;
  scaleOf: (s: string) => number | undefined;
  unitOf: (s: string) => Unit | undefined;
}

let compiled: Compiled | undefined;

function build(): Compiled {
  const v = values();
  const unitEntries: [string, Unit][] = [];
  for (const [unit, list] of Object.entries(v.units) as [Unit, string[]][]) {
    for (const w of list) unitEntries.push([w, unit]);
  }
  const to = alt(v.words.to);
  // A run of scale words is matched word by word (`nghìn tỷ` as `nghìn` + `tỷ`): with the
  // two-word entries in the alternation a run had 2^n parses (exponential backtracking);
  // scaleMultiplier() reads the run with the full entries.
  const scale = alt(new Set(Object.keys(v.scales).flatMap((k) => k.split(/\s+/))));
  const percent = alt(v.units.percent);
  const otherUnits = unitEntries.filter(([, u]) => u !== 'percent').map(([w]) => w);
  const unit = `${alt(otherUnits)}${WE}`;
  const range = `${NUMBER_SRC}(?:\\s*(?:-|${to})\\s*${NUMBER_SRC})?`;
  // `%` may follow directly; otherwise scales then a unit, each optional.
  const tail = `(?:\\s*${percent}|(?:\\s*${scale}${WE})*(?:\\s*${unit})?)`;
  const body = `${range}${tail}`;
  const exact = new RegExp(
    `^(${NUMBER_SRC})(?:\\s*(?:-|${to})\\s*(${NUMBER_SRC}))?\\s*(?:(${percent})\\s*|((?:${scale}${WE}\\s*)*)(?:(${alt(otherUnits)})\\s*)?)$`,
    'du',
  );
  const tailStarts = new Set<number>([0x2d]);
  for (const w of [...v.words.to, ...Object.keys(v.scales), ...unitEntries.map(([x]) => x)]) {
    const c = searchForm(w.normalize('NFC')).trim().charAt(0);
    for (const x of [c, c.toLowerCase(), c.toUpperCase()]) tailStarts.add(x.charCodeAt(0));
  }
  return {
    body,
    tailStarts,
    exact,
    scaleOf: lookup(Object.entries(v.scales)),
    unitOf: lookup(unitEntries),
  };
}

function get(): Compiled {
  compiled ??= build();
  return compiled;
}

/**
 * Regex source (no capture groups) of an amount starting at a digit. An amount also has no
 * digit, `.` or `,` right before it: the caller checks that before running a sticky pattern at
 * the digit (a leading look-behind would be tried at every position of the text).
 */
export function amountAtSource(): string {
  return get().body;
}

/** Regex source of the scale words alone (for rules that need to see them). */
export function scaleSource(): string {
  return alt(Object.keys(values().scales));
}

/** Regex source of one unit family's words. */
export function unitSource(unit: Unit): string {
  return alt(values().units[unit]);
}

/** One anchored pattern per scale entry, longest first: compiled once, not per call. */
let scaleRes: RegExp[] | undefined;
/** Multiplier of a run of scale words (`nghìn tỷ` → 10^12), 1 when empty; memoised, as a corpus writes few distinct runs. */
export const scaleMultiplier: (scales: string) => number = boundedMemo(1_000, readScales);

function readScales(scales: string): number {
  const { scaleOf } = get();
  scaleRes ??= Object.keys(values().scales)
    .sort((a, b) => b.length - a.length)
    .map((key) => new RegExp(`^${phrase(key)}(?![\\p{L}\\p{M}])`, 'u'));
  let mult = 1;
  let rest = scales.trim();
  while (rest.length > 0) {
    let m: RegExpExecArray | null = null;
    for (const re of scaleRes) if ((m = re.exec(rest))) break;
    if (!m) break;
    mult *= scaleOf(m[0]) ?? 1;
    rest = rest.slice(m[0].length).trim();
  }
  return mult;
}

/**
 * The code units an amount's tail (range dash or word, percent, scale or unit) can start with,
 * after the spaces that follow the number. Any other unit there means a bare number.
 */
export function amountTailStarts(): ReadonlySet<number> {
  return get().tailStarts;
}

/** Parse text matched by `amountAtSource()`; null when it is not an amount. */
export function parseAmount(text: string): Amount | null {
  return parseSearchAmount(searchForm(text.normalize('NFC')));
}

/**
 * parseAmount for text already in search form (a slice of `DocContext.search`): the same
 * answer without normalising it again.
 */
export function parseSearchAmount(search: string): Amount | null {
  const form = amountForm(search);
  return form && amountOf(search, form);
}

/**
 * How an amount's text reads, apart from the value of its digits: where its numbers are, its
 * scale and its unit. Every pattern here sees a digit only as `\d` (no scale, unit or range
 * word has one), so two texts that differ only in their digits have the same form: callers
 * can memoise forms by the text with its digits masked (see `maskDigits`).
 */
export interface AmountForm {
  lowStart: number;
  lowEnd: number;
  /** -1 when the amount is no range. */
  highStart: number;
  highEnd: number;
  multiplier: number;
  unit: Unit | null;
}

/** The form of an amount's text (search form), or null when it is not an amount. */
export function amountForm(search: string): AmountForm | null {
  const { exact, unitOf } = get();
  const trimmed = search.trim();
  const m = exact.exec(trimmed);
  if (!m) return null;
  const lead = search.length - search.trimStart().length;
  const low = m.indices![1]!;
  const high = m.indices![2];
  const isPercent = Boolean(m[3]);
  return {
    lowStart: lead + low[0],
    lowEnd: lead + low[1],
    highStart: high ? lead + high[0] : -1,
    highEnd: high ? lead + high[1] : -1,
    multiplier: isPercent ? 1 : scaleMultiplier(m[4] ?? ''),
    unit: isPercent ? 'percent' : m[5] ? (unitOf(m[5]) ?? null) : null,
  };
}

/** The amount of a text of form `form` (its own digits read), or null when no number reads. */
export function amountOf(search: string, form: AmountForm): Amount | null {
  const lowRaw = search.slice(form.lowStart, form.lowEnd);
  const low = parseNumber(lowRaw);
  if (!low) return null;
  const highRaw = form.highStart >= 0 ? search.slice(form.highStart, form.highEnd) : null;
  const high = highRaw ? parseNumber(highRaw) : null;
  const { multiplier } = form;
  const value = roundClean(scaleFix(low.value, multiplier));
  const upper = high ? roundClean(scaleFix(high.value, multiplier)) : null;
  return {
    value,
    upper,
    unit: form.unit,
    ambiguousComma: low.ambiguousComma || Boolean(high?.ambiguousComma),
    raw: { low: lowRaw, high: highRaw, multiplier },
  };
}

/** `n` scaled; round away float noise (0.57 * 100 = 56.99999999999999). */
function scaleFix(n: number, multiplier: number): number {
  const v = n * multiplier;
  return Number.isInteger(multiplier) && multiplier >= 1 ? Math.round(v * 1e6) / 1e6 : v;
}

/** `text` with every ASCII digit as `0`: the key under which texts share an `AmountForm`. */
export function maskDigits(text: string): string {
  return text.replace(DIGITS, '0');
}
const DIGITS = /[1-9]/g;

/** Trim binary float noise to 9 significant decimals; integers stay integers. */
export function roundClean(n: number): number {
  if (Number.isInteger(n)) return n;
  const r = Math.round(n);
  if (Math.abs(n - r) < 1e-6 * Math.max(1, Math.abs(n))) return r;
  return Number(n.toPrecision(12));
}
