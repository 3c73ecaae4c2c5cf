/**
 * Scoring of RECORDS.md, exactly:
 * - officials match on doc + name; title pairs (doc, name, title) get their own P/R/F1;
 *   province accuracy over matches;
 * - indicators match on doc, indicator and unit with value (and upper) within 0.5%, one to one;
 *   area, period, status and bound accuracies over matches; only scored ids count;
 * - agreements match on doc, the set of parties and the `signed` string; type, period accuracy;
 * - legal references match on doc and number; docType, issuer, date accuracy.
 * Precision = matched / predicted, recall = matched / gold, over documents with a gold file.
 */
import { SCORED_INDICATORS, type Agreement, type Indicator, type LegalRef, type Official } from '../schema.js';
import { compareKey, titleKey } from './compare.js';
import type { Gold } from './gold.js';

export interface Prf {
  predicted: number;
  gold: number;
  matched: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Accuracy {
  correct: number;
  total: number;
  accuracy: number;
}

export interface Finding {
  kind: string;
  doc: string;
  /** `miss`: in gold, not predicted; `spurious`: predicted, not in gold; `wrong`: an attribute differs. */
  type: 'miss' | 'spurious' | 'wrong';
  what: string;
  /** Key of the predicted record a `spurious` or `wrong` finding is about (for the review page). */
  key?: string;
  /** The gold file's quote of a missed indicator, when it has one (for the review page). */
  quote?: string;
}

export interface Score {
  documents: number;
  kinds: Record<'officials' | 'titlePairs' | 'indicators' | 'agreements' | 'legalRefs', Prf>;
  attributes: Record<string, Accuracy>;
  findings: Finding[];
}

export interface Predicted {
  officials: Official[];
  indicators: Indicator[];
  agreements: Agreement[];
  legalRefs: LegalRef[];
}

function prf(predicted: number, gold: number, matched: number): Prf {
  const precision = predicted === 0 ? (gold === 0 ? 1 : 0) : matched / predicted;
  const recall = gold === 0 ? (predicted === 0 ? 1 : 0) : matched / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { predicted, gold, matched, precision, recall, f1 };
}

class Acc {
  private readonly counts = new Map<string, [number, number]>();
  add(name: string, ok: boolean): void {
    const c = this.counts.get(name) ?? [0, 0];
    c[0] += ok ? 1 : 0;
    c[1] += 1;
    this.counts.set(name, c);
  }
  ensure(name: string): void {
    if (!this.counts.has(name)) this.counts.set(name, [0, 0]);
  }
  result(): Record<string, Accuracy> {
    const out: Record<string, Accuracy> = {};
    for (const [k, [c, t]] of [...this.counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      out[k] = { correct: c, total: t, accuracy: t === 0 ? 1 : c / t };
    }
    return out;
  }
}

const near = (a: number | null, b: number | null): boolean => {
  if (a === null || b === null) return a === b;
  if (b === 0) return a === 0;
  return Math.abs(a - b) <= 0.005 * Math.abs(b);
};
const sameStr = (a: string | null | undefined, b: string | null | undefined): boolean =>
  (a ?? null) === null || (b ?? null) === null ? (a ?? null) === (b ?? null) : compareKey(a!) === compareKey(b!);
const sameExact = (a: string | null | undefined, b: string | null | undefined): boolean => (a ?? null) === (b ?? null);
const sameTitle = (a: string | null | undefined, b: string | null | undefined): boolean =>
  (a ?? null) === null || (b ?? null) === null ? (a ?? null) === (b ?? null) : titleKey(a!) === titleKey(b!);

const fmtInd = (r: { indicator: string; area: string | null; value: number; upper: number | null; unit: string; period: string | null; status: string; bound: string }): string =>
  `${r.indicator} ${r.area ?? '∅'} ${r.value}${r.upper !== null ? `-${r.upper}` : ''} ${r.unit} period=${r.period ?? '∅'} ${r.status}/${r.bound}`;

export function score(golds: Gold[], predictedAll: Predicted): Score {
  const acc = new Acc();
  for (const a of ['officials.province', 'indicators.area', 'indicators.period', 'indicators.status', 'indicators.bound', 'agreements.type', 'agreements.period', 'legalRefs.docType', 'legalRefs.issuer', 'legalRefs.date']) acc.ensure(a);
  const findings: Finding[] = [];
  const docs = new Set(golds.map((g) => g.doc));
  const inScope = <T extends { doc: string }>(list: T[]): T[] => list.filter((r) => docs.has(r.doc));
  type Triple = [number, number, number];
  const counts: Record<'officials' | 'titlePairs' | 'indicators' | 'agreements' | 'legalRefs', Triple> = { officials: [0, 0, 0], titlePairs: [0, 0, 0], indicators: [0, 0, 0], agreements: [0, 0, 0], legalRefs: [0, 0, 0] };
  const scored = new Set<string>(SCORED_INDICATORS);

  for (const g of golds) {
    const doc = g.doc;
    // Officials and title pairs.
    const po = inScope(predictedAll.officials).filter((r) => r.doc === doc);
    counts.officials[0] += po.length;
    counts.officials[1] += g.officials.length;
    const usedO = new Set<number>();
    for (const go of g.officials) {
      const i = po.findIndex((p, j) => !usedO.has(j) && compareKey(p.name) === compareKey(go.name));
      if (i < 0) {
        findings.push({ kind: 'officials', doc, type: 'miss', what: `${go.name} (${go.province ?? '∅'}): ${go.titles.join('; ')}` });
        continue;
      }
      usedO.add(i);
      counts.officials[2]++;
      const p = po[i]!;
      const ok = sameStr(p.province, go.province);
      acc.add('officials.province', ok);
      if (!ok) findings.push({ kind: 'officials', doc, type: 'wrong', key: p.key, what: `${go.name}: province ${p.province ?? '∅'} ≠ gold ${go.province ?? '∅'}` });
    }
    po.forEach((p, j) => {
      if (!usedO.has(j)) findings.push({ kind: 'officials', doc, type: 'spurious', key: p.key, what: `${p.name} (${p.province ?? '∅'}): ${p.titles.join('; ')} [${p.rule}]` });
    });
    const pairKey = (name: string, t: string): string => `${compareKey(name)}|${titleKey(t)}`;
    const goldPairs = new Set(g.officials.flatMap((o) => o.titles.map((t) => pairKey(o.name, t))));
    const predPairs = new Map<string, string>();
    for (const p of po) for (const t of p.titles) predPairs.set(pairKey(p.name, t), `${p.name}: ${t}`);
    counts.titlePairs[0] += predPairs.size;
    counts.titlePairs[1] += goldPairs.size;
    for (const k of predPairs.keys()) if (goldPairs.has(k)) counts.titlePairs[2]++;
    for (const o of g.officials) for (const t of o.titles) if (!predPairs.has(pairKey(o.name, t))) findings.push({ kind: 'titlePairs', doc, type: 'miss', what: `${o.name}: ${t}` });
    for (const [k, label] of predPairs) if (!goldPairs.has(k)) findings.push({ kind: 'titlePairs', doc, type: 'spurious', what: label });

    // Indicators: one to one, preferring the candidate that agrees on most attributes.
    const pi = inScope(predictedAll.indicators).filter((r) => r.doc === doc && scored.has(r.indicator));
    const gi = g.indicators.filter((r) => scored.has(r.indicator));
    counts.indicators[0] += pi.length;
    counts.indicators[1] += gi.length;
    const usedI = new Set<number>();
    for (const gr of gi) {
      let best = -1;
      let bestScore = -1;
      pi.forEach((p, j) => {
        if (usedI.has(j) || p.indicator !== gr.indicator || p.unit !== gr.unit || !near(p.value, gr.value) || !near(p.upper, gr.upper)) return;
        const s = Number(sameStr(p.area, gr.area)) + Number(sameExact(p.period, gr.period)) + Number(p.status === gr.status) + Number(p.bound === gr.bound);
        if (s > bestScore) (best = j), (bestScore = s);
      });
      if (best < 0) {
        findings.push({ kind: 'indicators', doc, type: 'miss', what: `${fmtInd(gr)}${gr.quote ? ` «${gr.quote}»` : ''}`, ...(gr.quote ? { quote: gr.quote } : {}) });
        continue;
      }
      usedI.add(best);
      counts.indicators[2]++;
      const p = pi[best]!;
      const checks: [string, boolean, string, string][] = [
        ['area', sameStr(p.area, gr.area), String(p.area), String(gr.area)],
        ['period', sameExact(p.period, gr.period), String(p.period), String(gr.period)],
        ['status', p.status === gr.status, p.status, gr.status],
        ['bound', p.bound === gr.bound, p.bound, gr.bound],
      ];
      for (const [name, ok, pv, gv] of checks) {
        acc.add(`indicators.${name}`, ok);
        if (!ok) findings.push({ kind: 'indicators', doc, type: 'wrong', key: p.key, what: `${gr.indicator} ${gr.value}: ${name} ${pv} ≠ gold ${gv}` });
      }
    }
    pi.forEach((p, j) => {
      if (!usedI.has(j)) findings.push({ kind: 'indicators', doc, type: 'spurious', key: p.key, what: `${fmtInd(p)} «${p.evidence[0]!.text}» [${p.rule}]` });
    });

    // Agreements.
    const pa = inScope(predictedAll.agreements).filter((r) => r.doc === doc);
    counts.agreements[0] += pa.length;
    counts.agreements[1] += g.agreements.length;
    const partyKey = (ps: string[]): string => ps.map((x) => compareKey(x)).sort().join('|');
    const usedA = new Set<number>();
    for (const ga of g.agreements) {
      const i = pa.findIndex((p, j) => !usedA.has(j) && partyKey(p.parties) === partyKey(ga.parties) && sameExact(p.signed, ga.signed));
      if (i < 0) {
        findings.push({ kind: 'agreements', doc, type: 'miss', what: `${ga.parties.join(' + ')} ${ga.type} signed=${ga.signed ?? '∅'}` });
        continue;
      }
      usedA.add(i);
      counts.agreements[2]++;
      const p = pa[i]!;
      acc.add('agreements.type', p.type === ga.type);
      acc.add('agreements.period', sameExact(p.period, ga.period));
      if (p.type !== ga.type) findings.push({ kind: 'agreements', doc, type: 'wrong', key: p.key, what: `${ga.signed}: type ${p.type} ≠ gold ${ga.type}` });
      if (!sameExact(p.period, ga.period)) findings.push({ kind: 'agreements', doc, type: 'wrong', key: p.key, what: `${ga.signed}: period ${p.period} ≠ gold ${ga.period}` });
    }
    pa.forEach((p, j) => {
      if (!usedA.has(j)) findings.push({ kind: 'agreements', doc, type: 'spurious', key: p.key, what: `${p.parties.join(' + ')} ${p.type} signed=${p.signed ?? '∅'} [${p.rule}]` });
    });

    // Legal references.
    const pl = inScope(predictedAll.legalRefs).filter((r) => r.doc === doc);
    counts.legalRefs[0] += pl.length;
    counts.legalRefs[1] += g.legalRefs.length;
    const usedL = new Set<number>();
    for (const gl of g.legalRefs) {
      const i = pl.findIndex((p, j) => !usedL.has(j) && sameStr(p.number, gl.number));
      if (i < 0) {
        findings.push({ kind: 'legalRefs', doc, type: 'miss', what: `${gl.docType} ${gl.number ?? '∅'} (${gl.issuer ?? '∅'}, ${gl.date ?? '∅'})` });
        continue;
      }
      usedL.add(i);
      counts.legalRefs[2]++;
      const p = pl[i]!;
      const checks: [string, boolean, string, string][] = [
        ['docType', sameStr(p.docType, gl.docType), p.docType, gl.docType],
        ['issuer', sameTitle(p.issuer, gl.issuer), String(p.issuer), String(gl.issuer)],
        ['date', sameExact(p.date, gl.date), String(p.date), String(gl.date)],
      ];
      for (const [name, ok, pv, gv] of checks) {
        acc.add(`legalRefs.${name}`, ok);
        if (!ok) findings.push({ kind: 'legalRefs', doc, type: 'wrong', key: p.key, what: `${gl.number}: ${name} ${pv} ≠ gold ${gv}` });
      }
    }
    pl.forEach((p, j) => {
      if (!usedL.has(j)) findings.push({ kind: 'legalRefs', doc, type: 'spurious', key: p.key, what: `${p.docType} ${p.number ?? '∅'} [${p.rule}]` });
    });
  }

  const k = (c: Triple): Prf => prf(c[0], c[1], c[2]);
  return {
    documents: golds.length,
    kinds: {
      officials: k(counts.officials),
      titlePairs: k(counts.titlePairs),
      indicators: k(counts.indicators),
      agreements: k(counts.agreements),
      legalRefs: k(counts.legalRefs),
    },
    attributes: acc.result(),
    findings,
  };
}

/** Plain-text report: P/R/F1 per kind, attribute accuracies, then every finding. */
export function formatScore(s: Score): string {
  const pct = (x: number): string => (x * 100).toFixed(1).padStart(5);
  const lines = [`documents with gold: ${s.documents}`, '', 'kind          pred  gold  match     P      R     F1'];
  for (const [name, v] of Object.entries(s.kinds)) {
    lines.push(`${name.padEnd(12)} ${String(v.predicted).padStart(5)} ${String(v.gold).padStart(5)} ${String(v.matched).padStart(6)} ${pct(v.precision)}  ${pct(v.recall)}  ${pct(v.f1)}`);
  }
  lines.push('', 'attribute            correct/total  accuracy');
  for (const [name, a] of Object.entries(s.attributes)) {
    lines.push(`${name.padEnd(20)} ${`${a.correct}/${a.total}`.padStart(13)}  ${pct(a.accuracy)}`);
  }
  if (s.findings.length) {
    lines.push('');
    for (const f of s.findings) lines.push(`${f.type.padEnd(8)} ${f.kind.padEnd(10)} ${f.doc}: ${f.what}`);
  }
  return lines.join('\n') + '\n';
}
