/**
 * Dates as texts write them: `26/2/2006`, `ngày 17/4/2021`, `ngày 5 tháng 3 năm 2020`,
 * `Tháng 9 năm 2018`, `tháng 3/2024`, `Chiều 18/2` (year from the document), `23/11/2024 lúc
 * 07:43`, `năm 2023`. Results keep the precision the text gives: ISO `2006-02-26`, `2018-09`,
 * `2023`, or a day/month with the year left open for the caller to fill.
 */
import { alt, WB, WE } from '../text/pattern.js';
import { values } from './lexicon.js';
import { anchoredRule, digitRuns, isYearRun, leadWords, matchNear, maxWords, unitTable, type AnchoredRule } from './anchor.js';

export interface DateMention {
  start: number;
  end: number;
  year: number | null;
  month: number | null;
  day: number | null;
  /** Which shape matched: `dmy`, `dm` (year open), `my`, `y`. */
  shape: 'dmy' | 'dm' | 'my' | 'y';
}

const YEAR = '(?:19[4-9]\\d|20\\d\\d|2100)';

let rule: AnchoredRule | undefined;

/**
 * The date rule, anchored on the first digit run of a match: a word shape begins with a day,
 * month, year or day-part word at most a few words before it, a numeric date at the run itself.
 */
function build(): AnchoredRule {
  const w = values().words;
  const day = alt(w.day);
  const month = alt(w.month);
  const year = alt(w.year);
  const parts = alt(w.day_parts);
  const s = '\\s+';
  const source = [
    // ngày 5 tháng 3 năm 2020
    `(?<dmyW>${WB}(?:${day}${s})?(?<d1>\\d{1,2})${s}${month}${s}(?<m1>\\d{1,2})(?:${s}${year}${s}|\\s*[/,]\\s*)(?<y1>${YEAR})${WE})`,
    // 26/2/2006, 26-2-2006, 26.2.2006
    `(?<dmyN>(?<![\\d/.,-])(?<d2>\\d{1,2})(?<sep>[/.-])(?<m2>\\d{1,2})\\k<sep>(?<y2>${YEAR})(?![\\d/])(?!\\.\\d))`,
    // tháng 9 năm 2018, tháng 3/2024
    `(?<myW>${WB}${month}${s}(?<m3>\\d{1,2})(?:${s}${year}${s}|\\s*[/-]\\s*)(?<y3>${YEAR})${WE})`,
    // ngày 18/2, Chiều 18/2 (the year comes from the document)
    `(?<dmW>${WB}(?:${day}|${parts})${s}(?:${day}${s})?(?<d4>\\d{1,2})[/-](?<m4>\\d{1,2})(?!\\d)(?![/.-]\\d))`,
    // ngày 18 tháng 2 (no year)
    `(?<dmWW>${WB}${day}${s}(?<d5>\\d{1,2})${s}${month}${s}(?<m5>\\d{1,2})(?![\\d/]|${s}${year}))`,
    // năm 2023
    `(?<yW>${WB}${year}${s}(?<y6>${YEAR})${WE})`,
  ].join('|');
  // Words before the first digit run: a day or day-part word then a day word, a month word,
  // or a year word.
  const dayLike = Math.max(maxWords(w.day), maxWords(w.day_parts));
  const wordsBefore = Math.max(dayLike + maxWords(w.day), maxWords(w.month), maxWords(w.year));
  // A word shape has spaces right before its first digit run.
  return anchoredRule(source, leadWords([...w.day, ...w.month, ...w.year, ...w.day_parts]), wordsBefore, '\\s');
}

/** A digit run [start, end) that can be the first of a date: a day or month, or a year. */
function isAnchor(search: string, start: number, end: number): boolean {
  return end - start <= 2 || isYearRun(search, start, end);
}

/**
 * Whether a date can begin at the digit run [start, end) itself: only a numeric date (a day,
 * then `/`, `.` or `-`) or a day without its word (a day, then a space and the month word).
 */
function startsDate(search: string, start: number, end: number): boolean {
  return end - start <= 2 && DAY_FOLLOWER[search.charCodeAt(end)] === 1;
}
const DAY_FOLLOWER = unitTable('\\s/.-');

function valid(d: number | null, m: number | null): boolean {
  return (m === null || (m >= 1 && m <= 12)) && (d === null || (d >= 1 && d <= 31));
}

const num = (x: string | undefined): number | null => (x === undefined ? null : Number(x));

/** The mention a match of the rule reads as, or null when its day or month is out of range. */
function mentionOf(m: RegExpExecArray): DateMention | null {
  const g = m.groups!;
  const start = m.index;
  const end = start + m[0].length;
  let d: DateMention;
  if (g.dmyW) d = { start, end, day: num(g.d1), month: num(g.m1), year: num(g.y1), shape: 'dmy' };
  else if (g.dmyN) d = { start, end, day: num(g.d2), month: num(g.m2), year: num(g.y2), shape: 'dmy' };
  else if (g.myW) d = { start, end, day: null, month: num(g.m3), year: num(g.y3), shape: 'my' };
  else if (g.dmW) d = { start, end, day: num(g.d4), month: num(g.m4), year: null, shape: 'dm' };
  else if (g.dmWW) d = { start, end, day: num(g.d5), month: num(g.m5), year: null, shape: 'dm' };
  else d = { start, end, day: null, month: null, year: num(g.y6), shape: 'y' };
  return valid(d.day, d.month) ? d : null;
}

/**
 * Every date mention in `search` (the folded text), in order. `runs` are its digit runs
 * (`digitRuns(search)`), when the caller already has them.
 */
export function findDates(search: string, runs: readonly number[] = digitRuns(search)): DateMention[] {
  rule ??= build();
  const out: DateMention[] = [];
  let lastEnd = 0;
  for (let r = 0; r < runs.length; r += 2) {
    const start = runs[r]!;
    const end = runs[r + 1]!;
    if (start < lastEnd || !isAnchor(search, start, end)) continue;
    const m = matchNear(rule, search, start, lastEnd, startsDate(search, start, end));
    if (!m) continue;
    lastEnd = m.index + m[0].length;
    const d = mentionOf(m);
    if (d !== null) out.push(d);
  }
  return out;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** ISO string at the mention's precision; a day/month without year uses `year` if given. */
export function isoDate(d: Pick<DateMention, 'year' | 'month' | 'day'>, year?: number | null): string | null {
  const y = d.year ?? year ?? null;
  if (y === null) return null;
  if (d.month === null) return String(y);
  if (d.day === null) return `${y}-${pad(d.month)}`;
  return `${y}-${pad(d.month)}-${pad(d.day)}`;
}
