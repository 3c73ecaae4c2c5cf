/**
 * Economic indicators of one document: one record per figure (RECORDS.md "Indicator"). A
 * figure repeated verbatim (the same sentence twice, a caption repeating the body) gives one
 * record with one evidence per mention.
 */
import { evidence, type DocContext } from '../engine/context.js';
import type { Draft, Evidence, Indicator } from '../schema.js';
import { indicatorLexicon } from './lexicon.js';
import { findFigures, findMentions } from './rules.js';
import { docFacts, resolveArea, resolvePeriod, resolveRanks, resolveStatus } from './resolve.js';

export function extractIndicators(ctx: DocContext): Draft<Indicator>[] {
  const lex = indicatorLexicon();
  const figures = findFigures(ctx, lex);
  if (figures.length === 0) return [];
  const scan = lex.scanner.scan(ctx.search);
  const mentions = findMentions(ctx, figures, scan);
  if (mentions.length === 0) return [];
  const facts = docFacts(ctx, lex, scan);
  // Mentions by sentence, for the rules that pair figures within one sentence.
  const bySentence = new Map<unknown, typeof mentions>();
  for (const m of mentions) {
    const list = bySentence.get(m.sentence) ?? [];
    list.push(m);
    bySentence.set(m.sentence, list);
  }
  const byKey = new Map<string, Draft<Indicator>>();
  let prev: { sentence: unknown; status: Draft<Indicator>['status'] } | null = null;
  for (const m of mentions) {
    const peers = bySentence.get(m.sentence)!;
    const area = resolveArea(ctx, lex, facts, m, peers);
    if (area === undefined) continue;
    const status = resolveStatus(ctx, facts, m, prev && prev.sentence === m.sentence ? prev.status : null);
    if (!m.comparative && !m.bracketed) prev = { sentence: m.sentence, status };
    const start = Math.min(m.trigger?.start ?? m.figure.start, m.figure.start);
    const end = Math.max(m.figure.end, m.after?.end ?? 0);
    const ev: Evidence = evidence(ctx, start, end);
    const record: Draft<Indicator> = {
      indicator: m.sense.id,
      area,
      value: m.value,
      upper: m.upper,
      unit: m.unit,
      period: resolvePeriod(ctx, lex, facts, m),
      status,
      bound: m.bound,
      ranks: resolveRanks(facts, m, peers),
      evidence: [ev],
      rule: m.rule,
    };
    const key = JSON.stringify([record.indicator, record.area, record.value, record.upper, record.unit, record.period, record.status, record.bound]);
    const seen = byKey.get(key);
    if (seen) {
      if (!seen.evidence.some((e) => e.start === ev.start && e.end === ev.end)) seen.evidence.push(ev);
      if (seen.ranks.length === 0) seen.ranks = record.ranks;
    } else byKey.set(key, record);
  }
  return [...byKey.values()];
}
