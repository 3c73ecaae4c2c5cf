/**
 * Periods that figures refer to (RECORDS.md `period`):
 * `năm 2022` → `2022`; `quý I/2023` → `2023-Q1`; `6 tháng đầu năm 2023` → `2023-H1`;
 * `9 tháng (đầu) năm 2023` → `2023-01/2023-09`; `tháng 9/2023` → `2023-09`;
 * `giai đoạn 2021 - 2025`, `1991 - 2023`, `nhiệm kỳ 2020-2025` → `2021/2025` …;
 * `đến năm 2030` → `2030` (a target year). Mentions after `cùng kỳ` / `so với` are
 * comparisons, not the figure's own period, and are flagged so.
 */
import { alt, WB, WE } from '../text/pattern.js';
import { values } from './lexicon.js';
import { numberWord } from './number.js';
import { anchoredRule, digitRuns, isYearRun, leadWords, matchNear, maxWords, unitTable, type AnchoredRule } from './anchor.js';
import { searchForm } from '../text/normalize.js';

export interface PeriodMention {
  start: number;
  end: number;
  period: string;
  kind: 'year' | 'quarter' | 'half' | 'months' | 'month' | 'span' | 'until';
  /** Preceded by a comparison cue (`cùng kỳ năm 2022`, `so với năm 2021`). */
  comparison: boolean;
}

const YEAR = '(?:19[4-9]\\d|20\\d\\d|2100)';
let rule: AnchoredRule | undefined;
let comparison: { re: RegExp; last: Uint8Array } | undefined;
const SPACE = unitTable('\\s');

/**
 * Whether a comparison cue (`same_period`, `compare`) ends right before `start`, spaces
 * between, within the 24 characters before it. The regex runs only when the last character
 * before those spaces, lower-cased, can end a cue.
 */
function isComparison(search: string, start: number): boolean {
  if (comparison === undefined) {
    const cues = [...values().words.same_period, ...values().words.compare];
    const last = new Uint8Array(0x10000);
    for (const cue of cues) {
      const ch = searchForm(cue.normalize('NFC')).trim().slice(-1);
      for (const v of [ch, ch.toLowerCase(), ch.toUpperCase()]) last[v.charCodeAt(v.length - 1)] = 1;
    }
    comparison = { re: new RegExp(`(?:${alt(values().words.same_period)}|${alt(values().words.compare)})\\s*$`, 'u'), last };
  }
  const from = Math.max(0, start - 24);
  let i = start;
  while (i > from && SPACE[search.charCodeAt(i - 1)]) i--;
  if (i === from) return false;
  const low = search[i - 1]!.toLowerCase();
  if (!comparison.last[low.charCodeAt(low.length - 1)]) return false;
  return comparison.re.test(search.slice(from, start).toLowerCase());
}

/**
 * The period rule, anchored on the first year of a match (every shape has one): a match begins
 * at most a few words before it, with a cue word or a count.
 */
function build(): AnchoredRule {
  const v = values();
  const w = v.words;
  const s = '\\s+';
  const year = alt(w.year);
  const quarter = alt(w.quarter);
  const month = alt(w.month);
  const first = alt(w.first);
  const span = alt(w.span);
  const until = alt(w.until);
  const from = alt(w.from);
  const to = alt(w.to);
  const halfYear = alt(w.half_year);
  const q = alt(Object.keys(v.quarters), { caseSensitive: true });
  const count = `(?:\\d{1,2}|${alt(Object.keys(v.number_words))})`;
  const yearSep = `(?:${s}${year}${s}|\\s*[/-]\\s*|${s})`;
  const source = [
    `(?<quarter>${WB}${quarter}${s}(?<q>${q})${yearSep}(?<qy>${YEAR})${WE})`,
    `(?<half>${WB}${halfYear}${s}(?<hy>${YEAR})${WE})`,
    `(?<months>${WB}(?<n>${count})${s}${month}(?:${s}${first})?(?:${s}${year}${s}|\\s*[/]\\s*|${s})(?<my>${YEAR})${WE})`,
    `(?<month>${WB}${month}${s}(?<mm>\\d{1,2})(?:${s}${year}${s}|\\s*[/-]\\s*)(?<mmy>${YEAR})${WE})`,
    `(?<span>(?:${WB}(?:${span}|${from})${s}(?:${year}${s})?)?(?<!\\d)(?<a>${YEAR})\\s*(?:-|${to}(?:${s}${year})?)\\s*(?<b>${YEAR}|\\d\\d)(?![\\d/]))`,
    `(?<until>${WB}${until}${s}(?<uy>${YEAR})${WE})`,
    `(?<year>${WB}${year}${s}(?<yy>${YEAR})${WE})`,
  ].join('|');
  // Words before the first year, per shape, in the order of the alternatives above.
  const y = maxWords(w.year);
  const wordsBefore = Math.max(
    maxWords(w.quarter) + maxWords(Object.keys(v.quarters)) + y,
    maxWords(w.half_year),
    Math.max(1, maxWords(Object.keys(v.number_words))) + maxWords(w.month) + maxWords(w.first) + y,
    maxWords(w.month) + 1 + y,
    Math.max(maxWords(w.span), maxWords(w.from)) + y,
    maxWords(w.until),
    y,
  );
  const lead = leadWords([...w.quarter, ...w.half_year, ...Object.keys(v.number_words), ...w.month, ...w.span, ...w.from, ...w.until, ...w.year]);
  // A count written in digits before the month word begins a match too.
  lead.push(...leadWords([...'0123456789']));
  // Before the first year come spaces, or the `/` or `-` between a quarter or month and it.
  return anchoredRule(source, lead, wordsBefore, '\\s/-');
}

/**
 * All period mentions in `search` (the folded text), in order. `runs` are its digit runs
 * (`digitRuns(search)`), when the caller already has them.
 */
export function findPeriods(search: string, runs: readonly number[] = digitRuns(search)): PeriodMention[] {
  rule ??= build();
  const out: PeriodMention[] = [];
  let lastEnd = 0;
  for (let r = 0; r < runs.length; r += 2) {
    const start = runs[r]!;
    const end = runs[r + 1]!;
    if (start < lastEnd || !isYearRun(search, start, end)) continue;
    const m = matchNear(rule, search, start, lastEnd);
    if (!m) continue;
    lastEnd = m.index + m[0].length;
    const g = m.groups!;
    let period: string | null = null;
    let kind: PeriodMention['kind'] = 'year';
    if (g.quarter) {
      const n = values().quarters[g.q!.toUpperCase()] ?? values().quarters[g.q!];
      if (n) period = `${g.qy}-Q${n}`;
      kind = 'quarter';
    } else if (g.half) {
      period = `${g.hy}-H1`;
      kind = 'half';
    } else if (g.months) {
      const n = /^\d+$/.test(g.n!) ? Number(g.n) : numberWord(g.n!);
      if (n === 6) (period = `${g.my}-H1`), (kind = 'half');
      else if (n === 3) (period = `${g.my}-Q1`), (kind = 'quarter');
      else if (n === 12) (period = `${g.my}`), (kind = 'year');
      else if (n && n >= 1 && n < 12) (period = `${g.my}-01/${g.my}-${String(n).padStart(2, '0')}`), (kind = 'months');
    } else if (g.month) {
      const mm = Number(g.mm);
      if (mm >= 1 && mm <= 12) period = `${g.mmy}-${String(mm).padStart(2, '0')}`;
      kind = 'month';
    } else if (g.span) {
      const a = Number(g.a);
      let b = Number(g.b);
      if (g.b!.length === 2) b = Math.floor(a / 100) * 100 + b;
      if (b > a && b - a <= 60) period = `${a}/${b}`;
      kind = 'span';
    } else if (g.until) {
      period = g.uy!;
      kind = 'until';
    } else if (g.year) {
      period = g.yy!;
      kind = 'year';
    }
    if (!period) continue;
    out.push({ start: m.index!, end: m.index! + m[0].length, period, kind, comparison: isComparison(search, m.index!) });
  }
  return out;
}
