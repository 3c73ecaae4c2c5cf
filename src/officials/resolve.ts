/**
 * From mentions to records: one Official per person per document. A mention's province is,
 * in order, the province written in or after one of its titles, the attendee-list header's
 * province, or the document's main province (not counting place words inside names), for a provincial or local post; a national post
 * alone gives null. Merging a person's mentions: titles in first-mention order without
 * duplicates (a bare position is dropped when a full title starts with it), the province of the
 * most specific mention (written > header > main), every mention as evidence.
 */
import { evidence, type DocContext } from '../engine/context.js';
import type { Draft, Evidence, Official } from '../schema.js';
import { overlapsAny, type Mention } from './rules.js';
import { officialsLexicon } from './lexicon.js';
import { detached } from '../text/pattern.js';

interface Person {
  name: string;
  titles: { canonical: string; bare: boolean }[];
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
  const names = mentions.map((m) => ({ start: m.name.start, end: m.name.end })).sort((a, b) => a.start - b.start);
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
  const local = m.titles.filter((t) => t.reach !== null && t.reach !== 'national');
  const written = local.find((t) => t.province !== null);
  if (written) return { province: written.province, rank: 3 };
  if (local.length === 0) return { province: null, rank: 0 };
  if (m.headerProvince) return { province: m.headerProvince, rank: 2 };
  const hinted = local.find((t) => t.cityHint !== null);
  if (hinted) return { province: hinted.cityHint, rank: 2 };
  return { province: main, rank: main ? 1 : 0 };
}

/** Lower-case form of a canonical title (a few hundred distinct titles; bounded memo). */
const lowered = new Map<string, string>();
const lower = (s: string): string => {
  let out = lowered.get(s);
  if (out === undefined) {
    out = s.toLowerCase();
    if (lowered.size >= 5000) lowered.clear();
    lowered.set(detached(s), out);
  }
  return out;
};

export function resolveOfficials(ctx: DocContext, mentions: Mention[]): Draft<Official>[] {
  const main = mainProvince(ctx, mentions);
  const people = new Map<string, Person>();
  for (const m of mentions) {
    let p = people.get(m.name.key);
    if (!p) {
      p = { name: m.name.text, titles: [], province: null, rank: -1, evidence: [], rule: m.rule };
      people.set(m.name.key, p);
    }
    for (const t of m.titles) {
      if (!p.titles.some((x) => lower(x.canonical) === lower(t.canonical))) p.titles.push({ canonical: t.canonical, bare: t.bare });
    }
    const { province, rank } = mentionProvince(main, m);
    if (rank > p.rank) (p.province = province), (p.rank = rank);
    const ev = evidence(ctx, m.start, m.end);
    if (!p.evidence.some((e) => e.start === ev.start && e.end === ev.end)) p.evidence.push(ev);
  }
  const out: Draft<Official>[] = [];
  for (const p of people.values()) {
    const full = p.titles.filter((t) => !t.bare).map((t) => t.canonical);
    const titles = p.titles
      .filter((t) => !t.bare || !full.some((f) => lower(f).startsWith(`${lower(t.canonical)} `)))
      .map((t) => t.canonical);
    out.push({ name: p.name, province: p.rank > 0 ? p.province : null, titles, evidence: p.evidence, rule: p.rule });
  }
  return out;
}
