/**
 * Amounts: a number or a range, scale words and a unit, read as one value in base units.
 * Shapes: `8,75%`, `11-12%`, `4 - 5 %`, `56,7 triệu đồng`, `100 nghìn tỷ đồng`,
 * `3 tỷ USD`, `7,2 triệu lượt khách`, `12.300 héc-ta` / `540ha`, `333 dự án`.
 * Words come from data/values.yaml (scales, units, range connectors).
 */
import { alt, detached, lookup, phrase, WE } from '../text/pattern.js';
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
  source: string;
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
  const source = `(?<![\\d.,])${range}${tail}`;
  const exact = new RegExp(
    `^(${NUMBER_SRC})(?:\\s*(?:-|${to})\\s*(${NUMBER_SRC}))?\\s*(?:(${percent})\\s*|((?:${scale}${WE}\\s*)*)(?:(${alt(otherUnits)})\\s*)?)$`,
    'u',
  );
  return {
    source,
    exact,
    scaleOf: lookup(Object.entries(v.scales)),
    unitOf: lookup(unitEntries),
  };
}

function get(): Compiled {
  compiled ??= build();
  return compiled;
}

/** Regex source (no capture groups) of an amount. */
export function amountSource(): string {
  return get().source;
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
/** Memo of scaleMultiplier: a corpus writes few distinct runs of scale words. Bounded. */
const multipliers = new Map<string, number>();
const MULTIPLIERS_MAX = 1_000;

/** Multiplier of a run of scale words (`nghìn tỷ` → 10^12), 1 when empty. */
export function scaleMultiplier(scales: string): number {
  let mult = multipliers.get(scales);
  if (mult === undefined) {
    mult = readScales(scales);
    if (multipliers.size >= MULTIPLIERS_MAX) multipliers.clear();
    multipliers.set(detached(scales), mult);
  }
  return mult;
}

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

/** Parse text matched by `amountSource()`; null when it is not an amount. */
export function parseAmount(text: string): Amount | null {
  return parseSearchAmount(searchForm(text.normalize('NFC')));
}

/**
 * parseAmount for text already in search form (a slice of `DocContext.search`): the same
 * answer without normalising it again.
 */
export function parseSearchAmount(search: string): Amount | null {
  const { exact, unitOf } = get();
  const m = search.trim().match(exact);
  if (!m) return null;
  const low = parseNumber(m[1]!);
  if (!low) return null;
  const high = m[2] ? parseNumber(m[2]) : null;
  const isPercent = Boolean(m[3]);
  const multiplier = isPercent ? 1 : scaleMultiplier(m[4] ?? '');
  const unit: Unit | null = isPercent ? 'percent' : m[5] ? (unitOf(m[5]) ?? null) : null;
  const scaleFix = (n: number): number => {
    const v = n * multiplier;
    // Round away float noise (0.57 * 100 = 56.99999999999999).
    return Number.isInteger(multiplier) && multiplier >= 1 ? Math.round(v * 1e6) / 1e6 : v;
  };
  const value = roundClean(scaleFix(low.value));
  const upper = high ? roundClean(scaleFix(high.value)) : null;
  return {
    value,
    upper,
    unit,
    ambiguousComma: low.ambiguousComma || Boolean(high?.ambiguousComma),
    raw: { low: m[1]!, high: m[2] ?? null, multiplier },
  };
}

/** Trim binary float noise to 9 significant decimals; integers stay integers. */
export function roundClean(n: number): number {
  if (Number.isInteger(n)) return n;
  const r = Math.round(n);
  if (Math.abs(n - r) < 1e-6 * Math.max(1, Math.abs(n))) return r;
  return Number(n.toPrecision(12));
}
