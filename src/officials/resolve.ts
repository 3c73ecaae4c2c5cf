/**
 * From mentions to records: one Official per person per document. A mention's province is,
 * in order, the province written in or after one of its titles, the attendee-list header's
 * province, or the document's main province (not counting place words inside names), for a provincial or local post; a national post
 * alone gives null. Merging a person's mentions: titles in first-mention order without
 * duplicates (a bare position is dropped when a full title starts with it), the province of the
 * most specific mention (written > header > main), every mention as evidence.
 */
import { evidence, type DocContext, type Span } from '../engine/context.js';
import type { Draft, Evidence, Official } from '../schema.js';
import { overlapsAny, type Mention } from './rules.js';
import { officialsLexicon } from './lexicon.js';
import { boundedMemo } from '../text/pattern.js';

interface PersonTitle {
  canonical: string;
  lower: string;
  bare: boolean;
}

interface Person {
  name: string;
  /** Titles with their lower-case form (compared but for case). */
  titles: PersonTitle[];
  province: string | null;
  /** 3 written in a title, 2 header, 1 main province, 0 none. */
  rank: number;
  evidence: Evidence[];
  rule: string;
}

/**
 * The province the document is about, for posts written without one: the most mentioned
 * province, not counting place words inside people's names (a given name may equal a province's)
 * nor ward or district names that equal a province's (<ward-level> <Province-name>); ties go to
 * the one mentioned first.
 */
export function mainProvince(ctx: DocContext, mentions: Mention[]): string | null {
  const lx = officialsLexicon();
  const names: Span[] = [];
  for (const m of mentions) names.push({ start: m.name.start, end: m.name.end });
  names.sort((a, b) => a.start - b.start);
  const counts = new Map<string, number>();
  for (const p of ctx.places) {
    if (p.country !== null) continue;
    if (lx.localLevelBefore(ctx.search, p.start, Math.max(0, p.start - 12)) !== null) continue;
    if (overlapsAny(names, p.start, p.end)) continue;
    counts.set(p.name, (counts.get(p.name) ?? 0) + 1);
  }
  let best: string | null = null;
  let bestN = 0;
  for (const [name, n] of counts) if (n > bestN) (best = name), (bestN = n);
  return best;
}

function mentionProvince(main: string | null, m: Mention): { province: string | null; rank: number } {
  // The first local title with a province written, else the first with a city hint.
  let local = 0;
  let hinted: string | null = null;
  for (const t of m.titles) {
    if (t.reach === null || t.reach === 'national') continue;
    if (t.province !== null) return { province: t.province, rank: 3 };
    local++;
    if (hinted === null) hinted = t.cityHint;
  }
  if (local === 0) return { province: null, rank: 0 };
  if (m.headerProvince) return { province: m.headerProvince, rank: 2 };
  if (hinted !== null) return { province: hinted, rank: 2 };
  return { province: main, rank: main ? 1 : 0 };
}

/** Lower-case form of a canonical title (a few hundred distinct titles; bounded memo). */
const lower = boundedMemo(5000, (s) => s.toLowerCase());

/** Whether `list` holds a title equal to `canonical` but for case. */
function hasTitle(list: PersonTitle[], canonical: string): boolean {
  // Most repeats are the very same canonical string: no case folding needed.
  for (const x of list) if (x.canonical === canonical) return true;
  if (list.length === 0) return false;
  const key = lower(canonical);
  for (const x of list) if (x.lower === key) return true;
  return false;
}

/** Whether a full (not bare) title of `list` starts with `t` and a space, but for case. */
function extendsTitle(list: PersonTitle[], t: PersonTitle): boolean {
  const head = `${t.lower} `;
  for (const x of list) if (!x.bare && x.lower.startsWith(head)) return true;
  return false;
}

export function resolveOfficials(ctx: DocContext, mentions: Mention[]): Draft<Official>[] {
  if (mentions.length === 0) return [];
  const main = mainProvince(ctx, mentions);
  const people = new Map<string, Person>();
  for (const m of mentions) {
    let p = people.get(m.name.key);
    if (!p) {
      p = { name: m.name.text, titles: [], province: null, rank: -1, evidence: [], rule: m.rule };
      people.set(m.name.key, p);
    }
    for (const t of m.titles) {
      if (!hasTitle(p.titles, t.canonical)) p.titles.push({ canonical: t.canonical, lower: lower(t.canonical), bare: t.bare });
    }
    const { province, rank } = mentionProvince(main, m);
    if (rank > p.rank) (p.province = province), (p.rank = rank);
    const ev = evidence(ctx, m.start, m.end);
    let seen = false;
    for (const e of p.evidence) if (e.start === ev.start && e.end === ev.end) seen = true;
    if (!seen) p.evidence.push(ev);
  }
  const out: Draft<Official>[] = [];
  for (const p of people.values()) {
    const titles: string[] = [];
    for (const t of p.titles) if (!t.bare || !extendsTitle(p.titles, t)) titles.push(t.canonical);
    out.push({ name: p.name, province: p.rank > 0 ? p.province : null, titles, evidence: p.evidence, rule: p.rule });
  }
  return out;
}
