/**
 * Places: Vietnam's provinces and centrally run cities (data/provinces.yaml, both the 63 units
 * until 30 June 2025 and the 34 since 1 July 2025) with the aliases texts use
 * (data/place-aliases.yaml), and foreign partner provinces recognised from context:
 * `tỉnh X (Lào)`, `tỉnh X, Trung Quốc`, `X của Campuchia`, or a known partner name.
 */
import { z } from 'zod';
import { loadData } from '../text/lexicon.js';
import { alt, altOrder, lookup, phrase, phraseAtoms, WB, WE } from '../text/pattern.js';
import { searchForm } from '../text/normalize.js';
import { trieSource, WORD } from './anchor.js';

const unitSchema = z.object({ code: z.string().regex(/^\d\d$/), name: z.string().min(2), kind: z.string() });
const provincesSchema = z.object({
  until_2025_06_30: z.array(unitSchema.extend({ became: z.string().regex(/^\d\d$/) })).length(63),
  from_2025_07_01: z.array(unitSchema.extend({ formed_from: z.array(z.string().regex(/^\d\d$/)).min(1) })).length(34),
});
const aliasesSchema = z.object({
  aliases: z.record(z.string(), z.array(z.string().min(1))),
  countries: z.record(z.string(), z.array(z.string().min(1))),
  foreign_provinces: z.record(z.string(), z.array(z.string().min(1))),
  levels: z.object({ province: z.array(z.string()), city: z.array(z.string()) }),
  country_links: z.array(z.string().min(1)),
});

export interface PlaceMention {
  start: number;
  end: number;
  /** Canonical name: a Vietnamese province, or a foreign province as written. */
  name: string;
  /** Country of a foreign province, null for Vietnamese ones. */
  country: string | null;
  /** The level word written before it (`tỉnh`, `thành phố`), if any. */
  level: string | null;
}

interface Gazetteer {
  canonical: (s: string) => string | undefined;
  countryOf: (s: string) => string | undefined;
  foreignCountry: (s: string) => string | undefined;
  names: string[];
  vnSource: string;
  /** The place rule, sticky: tried only where `trigger` finds a level word or a name. */
  sticky: RegExp;
  /** Where a level word or a known name begins (every match begins with one). */
  trigger: RegExp;
  /** A level word at a position (sticky). */
  levelAt: RegExp;
  /** The names of the rule (foreign, Vietnamese) in its order, by first UTF-16 unit. */
  namesByFirst: { foreign: Map<number, string[]>; vn: Map<number, string[]> };
  /** The rule's name branch alone, with only the names of one first unit (memo). */
  nameRules: Map<number, RegExp>;
  countryRe: RegExp;
  levelSource: string;
  /** `^<level>\s*` and `^<level>\s+`, compiled on first use (once per process). */
  levelPrefix?: RegExp;
  levelWord?: RegExp;
  allProvinces: Set<string>;
  /** Centrally run cities (kind `thành phố` in provinces.yaml). */
  cities: Set<string>;
}

let gaz: Gazetteer | undefined;

function build(): Gazetteer {
  const prov = loadData('provinces.yaml', provincesSchema);
  const al = loadData('place-aliases.yaml', aliasesSchema);
  const entries: [string, string][] = [];
  const allProvinces = new Set<string>();
  const cities = new Set<string>();
  for (const u of [...prov.until_2025_06_30, ...prov.from_2025_07_01]) {
    entries.push([u.name, u.name]);
    allProvinces.add(u.name);
    if (u.kind === 'thành phố') cities.add(u.name);
  }
  for (const [canon, list] of Object.entries(al.aliases)) {
    if (!allProvinces.has(canon)) throw new Error(`data/place-aliases.yaml: aliases.${canon}: not a province of provinces.yaml`);
    for (const a of list) entries.push([a, canon]);
  }
  const countryEntries: [string, string][] = [];
  for (const [c, list] of Object.entries(al.countries)) for (const a of list) countryEntries.push([a, c]);
  const foreignEntries: [string, string][] = [];
  for (const [c, list] of Object.entries(al.foreign_provinces)) for (const a of list) foreignEntries.push([a, c]);
  const names = entries.map(([s]) => s);
  const levelSource = alt([...al.levels.province, ...al.levels.city]);
  const vnSource = alt(names, { caseSensitive: true });
  const foreignSource = alt(foreignEntries.map(([s]) => s), { caseSensitive: true });
  const countrySource = alt(countryEntries.map(([s]) => s), { caseSensitive: true });
  const cap = "\\p{Lu}[\\p{L}\\p{M}'-]*";
  const capName = `${cap}(?:\\s+${cap}){0,3}`;
  // A capitalised name made foreign by the country written after it.
  // The country must not be the first word of a Vietnamese province listed after a comma.
  const notVn = `(?!(?:${vnSource})${WE})`;
  const contextual = `(?<cx>${capName})(?:\\s*\\(\\s*(?<cc1>${countrySource})\\s*\\)|\\s*,\\s*${notVn}(?<cc2>${countrySource})${WE}|\\s+${alt(al.country_links)}\\s+${notVn}(?<cc3>${countrySource})${WE})`;
  // An unknown name is foreign only with a level word before it and a country after it.
  const sticky = new RegExp(
    `${WB}(?:(?<level>${levelSource})\\s*(?:${contextual})|(?:(?<level2>${levelSource})\\s*)?(?:(?<fx>${foreignSource})${WE}|(?<vn>${vnSource})${WE}))`,
    'uy',
  );
  // A match begins with a known name, or with a level word whose name part (after spaces)
  // begins with a capital letter or a name's first character.
  const known = [...names, ...foreignEntries.map(([s]) => s)].map((w) => phraseAtoms(w, { caseSensitive: true }));
  const nameStart = `[\\p{Lu}${[...new Set(known.map((atoms) => atoms[0]!))].join('')}]`;
  const levels = trieSource([...al.levels.province, ...al.levels.city].map((w) => phraseAtoms(w)), { every: true });
  const trigger = new RegExp(`${levels}\\s*(?=${nameStart})|${trieSource(known)}`, 'gu');
  return {
    canonical: lookup(entries),
    countryOf: lookup(countryEntries),
    foreignCountry: lookup(foreignEntries),
    names,
    vnSource,
    sticky,
    trigger,
    levelAt: new RegExp(levelSource, 'uy'),
    namesByFirst: { foreign: byFirstUnit(foreignEntries.map(([s]) => s)), vn: byFirstUnit(names) },
    nameRules: new Map(),
    countryRe: new RegExp(`${WB}${countrySource}${WE}`, 'u'),
    levelSource,
    allProvinces,
    cities,
  };
}

/** Case-sensitive phrases in `alt()` order, grouped by the first unit they match. */
function byFirstUnit(words: string[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const w of altOrder(words)) {
    const first = searchForm(w.normalize('NFC')).trim().charCodeAt(0);
    const list = out.get(first) ?? [];
    list.push(w);
    out.set(first, list);
  }
  return out;
}

/**
 * The rule at a position where no level word begins: only its name branch can match there,
 * and only the names beginning with the unit at that position, tried in the rule's order. So
 * this smaller rule gives the same match as the whole one, for far fewer alternatives.
 */
function nameRule(g: Gazetteer, first: number): RegExp {
  let re = g.nameRules.get(first);
  if (re === undefined) {
    const src = (list: string[] | undefined): string => (list ? `(?:${list.map((w) => phrase(w, { caseSensitive: true })).join('|')})` : '(?!)');
    const fx = src(g.namesByFirst.foreign.get(first));
    const vn = src(g.namesByFirst.vn.get(first));
    re = new RegExp(`${WB}(?:(?<fx>${fx})${WE}|(?<vn>${vn})${WE})`, 'uy');
    g.nameRules.set(first, re);
  }
  return re;
}

function get(): Gazetteer {
  gaz ??= build();
  return gaz;
}

/** Canonical province for a surface form (`TP.HCM` → `Hồ Chí Minh`), or undefined. */
export function canonicalProvince(surface: string): string | undefined {
  const g = get();
  g.levelPrefix ??= new RegExp(`^${g.levelSource}\\s*`, 'u');
  const trimmed = surface.trim().replace(g.levelPrefix, '');
  return g.canonical(trimmed) ?? g.canonical(surface.trim());
}

/** Whether `name` is a canonical Vietnamese province name (old or new). */
export function isProvince(name: string): boolean {
  return get().allProvinces.has(name);
}

/** Regex source matching any Vietnamese province surface form (no level word). */
export function provinceSource(): string {
  return get().vnSource;
}

/** Whether `name` is a centrally run city (`Hà Nội`, `Đà Nẵng`), not a province. */
export function isCity(name: string): boolean {
  return get().cities.has(name);
}

/** A regex matching a foreign country's name as written (`Lào`, `Vương quốc Campuchia`). */
export function countryPattern(): RegExp {
  return get().countryRe;
}

/** Regex source of the level words (`tỉnh`, `thành phố`, `TP.`). */
export function levelSource(): string {
  return get().levelSource;
}

/** Every place mention in `search` (the folded text), in order. */
export function findPlaces(search: string): PlaceMention[] {
  const g = get();
  const out: PlaceMention[] = [];
  // The rule runs only at word starts where the trigger finds a level word or a name, in text
  // order from the end of the previous match: the same matches as a scan of the whole text.
  const { trigger, sticky } = g;
  trigger.lastIndex = 0;
  for (let t = trigger.exec(search); t; t = trigger.exec(search)) {
    const at = t.index;
    trigger.lastIndex = at + 1;
    if (at > 0 && WORD[search.charCodeAt(at - 1)]) continue;
    g.levelAt.lastIndex = at;
    const rule = g.levelAt.test(search) ? sticky : nameRule(g, search.charCodeAt(at));
    rule.lastIndex = at;
    const m = rule.exec(search);
    if (!m) continue;
    trigger.lastIndex = at + m[0].length;
    const gr = m.groups!;
    const level = gr.level ?? gr.level2 ?? null;
    if (gr.vn) {
      const name = g.canonical(gr.vn);
      if (name) out.push({ start: m.index!, end: m.index! + m[0].length, name, country: null, level });
      continue;
    }
    if (gr.fx) {
      out.push({ start: m.index!, end: m.index! + m[0].length, name: gr.fx, country: g.foreignCountry(gr.fx) ?? null, level });
      continue;
    }
    const cx = gr.cx!;
    const countryText = gr.cc1 ?? gr.cc2 ?? gr.cc3 ?? '';
    // `Lào Cai` is a province, not the country `Lào`: a Vietnamese name wins.
    const vnAt = g.canonical(cx);
    if (vnAt) {
      const end = m.index! + (level ? m[0].indexOf(cx) : 0) + cx.length;
      out.push({ start: m.index!, end, name: vnAt, country: null, level });
      continue;
    }
    if (g.countryOf(cx)) continue; // `Lào, Campuchia`: a list of countries
    g.levelWord ??= new RegExp(`^${g.levelSource}\\s+`, 'u');
    const name = cx.replace(g.levelWord, '');
    out.push({ start: m.index!, end: m.index! + m[0].length, name, country: g.countryOf(countryText) ?? null, level });
  }
  return out;
}
