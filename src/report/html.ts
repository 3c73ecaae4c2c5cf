/**
 * The review page: a pure function from extraction results (each with the NFC text its offsets
 * refer to) and an optional evaluation to one self-contained HTML string: inline CSS and
 * script, an inline SVG chart, no external resource of any kind (a Content-Security-Policy says
 * so to the browser too). Same input, byte-identical page.
 *
 * Every evidence span of every record is a `<mark>` with `data-kind` (`official`, `indicator`,
 * `agreement`, `legal_ref`) and `data-key` (the record's stable key), so tools and tests can
 * find each record on the page. A span that crosses another is split into fragments; only the
 * first fragment has an id and a tab stop.
 */
import { createHash } from 'node:crypto';
import type { Gold } from '../eval/gold.js';
import type { Finding, Score } from '../eval/score.js';
import { KINDS, SCORED_INDICATORS, type Agreement, type Indicator, type KindName, type LegalRef, type Official, type Result } from '../schema.js';
import { compareKey, toNfc } from '../text/normalize.js';
import { CSS, SCRIPT } from './assets.js';
import { barChart, type Bar } from './chart.js';
import { describeAgreement, describeIndicator, describeLegalRef, describeOfficial, formatBoundedValue, formatNumber, formatRank } from './describe.js';
import { escapeHtml as esc, invalidSpans, markUp, type Span } from './spans.js';

export interface ReportDocument {
  result: Result;
  /** The document's NFC text, the one its evidence offsets index (RECORDS.md). */
  text: string;
}

export interface ReportEvaluation {
  score: Score;
  /** The gold files scored (documents without one get no eval marks). */
  golds: Gold[];
}

export interface ReportInput {
  documents: ReportDocument[];
  /** `<package>@<version>`, shown in the page. */
  generator: string;
  evaluation?: ReportEvaluation;
  /** Page title; default "Extraction review". */
  title?: string;
}

type AnyRecord = Official | Indicator | Agreement | LegalRef;
type EvalMark = 'spurious' | 'wrong' | 'ok';

interface Item {
  kind: KindName;
  record: AnyRecord;
  doc: number;
  /** Id prefix of the record's evidence marks: `ev-<doc>-<n>`; evidence i is `<anchor>-<i>`. */
  anchor: string;
  summary: string;
  eval?: EvalMark;
  evalNotes: string[];
}

interface MarkSpan extends Span {
  item?: Item;
  evidence?: number;
  role?: 'title';
  miss?: { id: string; tip: string };
}

const KIND_LABEL: Record<KindName, string> = { official: 'Officials', indicator: 'Indicators', agreement: 'Agreements', legal_ref: 'Legal refs' };

function summaryOf(kind: KindName, r: AnyRecord): string {
  switch (kind) {
    case 'official':
      return describeOfficial(r as Official);
    case 'indicator':
      return describeIndicator(r as Indicator);
    case 'agreement':
      return describeAgreement(r as Agreement);
    case 'legal_ref':
      return describeLegalRef(r as LegalRef);
  }
}

/** Records of every document as items, in document then kind order. */
function itemsOf(docs: ReportDocument[]): Item[][] {
  return docs.map((d, di) => {
    let n = 0;
    const items: Item[] = [];
    for (const { kind, key } of KINDS) {
      for (const record of d.result[key] as AnyRecord[]) {
        items.push({ kind, record, doc: di, anchor: `ev-${di}-${n++}`, summary: summaryOf(kind, record), evalNotes: [] });
      }
    }
    return items;
  });
}

/** Apply eval findings to items: spurious and wrong records get marked, with the reason. */
function applyEvaluation(items: Item[][], docs: ReportDocument[], ev: ReportEvaluation): Map<string, Finding[]> {
  const goldDocs = new Set(ev.golds.map((g) => g.doc));
  const byKey = new Map<string, Item>();
  for (const list of items) {
    for (const it of list) {
      byKey.set(it.record.key, it);
      if (goldDocs.has(it.record.doc) && !(it.kind === 'indicator' && !isScored(it.record as Indicator))) it.eval = 'ok';
    }
  }
  const misses = new Map<string, Finding[]>();
  for (const f of ev.score.findings) {
    if (f.type === 'miss') {
      const list = misses.get(f.doc) ?? [];
      list.push(f);
      misses.set(f.doc, list);
      continue;
    }
    let it = f.key ? byKey.get(f.key) : undefined;
    if (!it && f.kind === 'titlePairs') {
      const di = docs.findIndex((d) => d.result.document.id === f.doc);
      it = di >= 0 ? items[di]!.find((x) => x.kind === 'official' && f.what.startsWith(`${(x.record as Official).name}: `)) : undefined;
      if (it) {
        if (it.eval !== 'spurious') it.eval = 'wrong';
        it.evalNotes.push(`title not in gold: ${f.what.slice((it.record as Official).name.length + 2)}`);
      }
      continue;
    }
    if (!it) continue;
    if (f.type === 'spurious') {
      it.eval = 'spurious';
      it.evalNotes.push('spurious: not in the gold file');
    } else {
      if (it.eval !== 'spurious') it.eval = 'wrong';
      it.evalNotes.push(`wrong: ${f.what}`);
    }
  }
  // Title-pair misses of a matched official are attribute errors of that official.
  for (const [doc, list] of misses) {
    const di = docs.findIndex((d) => d.result.document.id === doc);
    if (di < 0) continue;
    for (const f of list) {
      if (f.kind !== 'titlePairs') continue;
      const it = items[di]!.find((x) => x.kind === 'official' && f.what.startsWith(`${(x.record as Official).name}: `));
      if (!it) continue;
      if (it.eval !== 'spurious') it.eval = 'wrong';
      it.evalNotes.push(`missing title: ${f.what.slice((it.record as Official).name.length + 2)}`);
    }
  }
  return misses;
}

const SCORED = new Set<string>(SCORED_INDICATORS);
function isScored(r: Indicator): boolean {
  return SCORED.has(r.indicator);
}

function attr(name: string, value: string | undefined): string {
  return value === undefined ? '' : ` ${name}="${esc(value)}"`;
}

function openMark(s: MarkSpan, first: boolean): string {
  if (s.miss) {
    return `<mark class="miss"${attr('data-miss', s.miss.id)}${attr('data-tip', s.miss.tip)}${first ? attr('id', s.miss.id) + ' tabindex="0"' : ' data-cont=""'}>`;
  }
  const it = s.item!;
  return (
    `<mark class="hl"${attr('data-kind', it.kind)}${attr('data-key', it.record.key)}` +
    attr('data-role', s.role) +
    attr('data-tip', it.summary) +
    attr('data-rule', it.record.rule) +
    attr('data-eval', it.eval) +
    attr('data-eval-note', it.evalNotes.length ? it.evalNotes.join(' · ') : undefined) +
    (first ? `${attr('id', `${it.anchor}-${s.evidence}`)} tabindex="0"` : ' data-cont=""') +
    '>'
  );
}

/** An official's evidence that does not contain the name is a title mention (title colour). */
function roleOf(it: Item, text: string): 'title' | undefined {
  if (it.kind !== 'official') return undefined;
  return compareKey(text).includes(compareKey((it.record as Official).name)) ? undefined : 'title';
}

/** Locate a gold quote in the text (exact, then ignoring runs of white space). */
function findQuote(text: string, quote: string): Span | null {
  const q = toNfc(quote).trim();
  if (!q) return null;
  const i = text.indexOf(q);
  if (i >= 0) return { start: i, end: i + q.length };
  const pattern = q
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\s+');
  const m = new RegExp(pattern, 'u').exec(text);
  return m ? { start: m.index, end: m.index + m[0].length } : null;
}

function documentSection(d: ReportDocument, di: number, items: Item[], misses: Finding[] | undefined, hasGold: boolean): string {
  const doc = d.result.document;
  const spans: MarkSpan[] = [];
  for (const it of items) {
    it.record.evidence.forEach((e, i) => {
      const role = roleOf(it, e.text);
      spans.push({ start: e.start, end: e.end, item: it, evidence: i, ...(role ? { role } : {}) });
    });
  }
  const problems: string[] = [];
  if (doc.chars !== d.text.length) problems.push(`text has ${d.text.length} characters but the document record says ${doc.chars}: offsets may be off`);
  for (const s of spans) {
    const e = s.item!.record.evidence[s.evidence!]!;
    if (d.text.slice(e.start, e.end) !== e.text) problems.push(`evidence ${e.start}-${e.end} of ${s.item!.record.key} does not match the text`);
  }
  for (const s of invalidSpans(spans, d.text.length)) problems.push(`evidence ${s.start}-${s.end} of ${s.item!.record.key} is outside the text; not highlighted`);
  const missItems: string[] = [];
  (misses ?? []).forEach((f, mi) => {
    const id = `miss-${di}-${mi}`;
    const at = f.quote ? findQuote(d.text, f.quote) : null;
    if (at) spans.push({ ...at, miss: { id, tip: `${f.kind}: ${f.what}` } });
    missItems.push(`<li>${esc(f.kind)}: ${esc(f.what)}${at ? ` <a href="#${id}">in text</a>` : ''}</li>`);
  });
  const body = markUp(d.text, spans, { open: openMark, close: () => '</mark>' });
  const counts = KINDS.map(({ kind, key }) => `${d.result[key].length} ${KIND_LABEL[kind].toLowerCase()}`).join(', ');
  const meta = [
    `path ${esc(doc.path)}`,
    doc.published ? `published ${esc(doc.published)}` : 'no date',
    doc.authors.length ? `by ${esc(doc.authors.join(', '))}` : '',
    `${doc.chars} characters`,
    `sha256 ${doc.sha256.slice(0, 12)}…`,
    counts,
  ].filter(Boolean);
  const warnings = [...doc.warnings, ...problems];
  return [
    `<section class="doc" id="doc-${di}" aria-labelledby="doc-${di}-h">`,
    `<h2 id="doc-${di}-h">${esc(doc.id)}${doc.title ? ` — ${esc(doc.title)}` : ''}</h2>`,
    `<p class="meta">${meta.join(' · ')}</p>`,
    warnings.length ? `<ul class="warn">${warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>` : '',
    hasGold && missItems.length ? `<details class="misses" open><summary>${missItems.length} missed (in gold, not extracted)</summary><ul>${missItems.join('')}</ul></details>` : '',
    `<div class="text" lang="vi">${body}</div>`,
    `</section>`,
  ].join('\n');
}

function th(label: string, opts: { num?: boolean; sort?: boolean } = {}): string {
  const cls = opts.num ? ' class="num" data-type="num"' : '';
  return opts.sort === false ? `<th${cls}>${esc(label)}</th>` : `<th${cls} aria-sort="none"><button type="button">${esc(label)}</button></th>`;
}

function filterBox(tableId: string, filters: { col: number; label: string; values: string[] }[]): string {
  const selects = filters.map(
    (f) =>
      `<label>${esc(f.label)} <select data-col="${f.col}"><option value="">all</option>${f.values.map((v) => `<option value="${esc(v)}">${esc(v)}</option>`).join('')}</select></label>`,
  );
  return `<div class="filters" data-for="${tableId}">${selects.join('')}<label>search <input type="search" aria-label="search rows"></label><output aria-live="polite"></output></div>`;
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
const distinct = (xs: string[]): string[] => [...new Set(xs)].sort((a, b) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0));
const NONE = '–';

function evalCell(it: Item): string {
  return `<td>${it.eval ? esc(it.eval) : ''}</td>`;
}

function figuresTable(items: Item[], docs: ReportDocument[], withEval: boolean): string {
  const ind = items.filter((i) => i.kind === 'indicator');
  if (ind.length === 0) return '<p class="muted">No figures were extracted.</p>';
  const rows = ind.map((it) => {
    const r = it.record as Indicator;
    const ev = r.evidence[0]!;
    return (
      `<tr data-record="${esc(r.key)}">` +
      `<td>${esc(docs[it.doc]!.result.document.id)}</td>` +
      `<td>${esc(r.area ?? NONE)}</td>` +
      `<td>${esc(r.indicator)}</td>` +
      `<td>${esc(r.period ?? NONE)}</td>` +
      `<td class="num" data-v="${r.value}">${esc(formatBoundedValue(r))}</td>` +
      `<td>${esc(r.unit)}</td>` +
      `<td>${esc(r.status)}</td>` +
      `<td>${esc(r.bound)}</td>` +
      `<td>${esc(r.ranks.map(formatRank).join('; '))}</td>` +
      (withEval ? evalCell(it) : '') +
      `<td><a href="#${it.anchor}-0">${esc(ev.text.length > 70 ? ev.text.slice(0, 69) + '…' : ev.text)}</a></td>` +
      `</tr>`
    );
  });
  const col = (i: number): string[] => ind.map((it) => {
    const r = it.record as Indicator;
    return [docs[it.doc]!.result.document.id, r.area ?? NONE, r.indicator, r.period ?? NONE, '', r.unit, r.status][i]!;
  });
  return [
    filterBox('figures', [
      { col: 2, label: 'indicator', values: distinct(col(2)) },
      { col: 1, label: 'area', values: distinct(col(1)) },
      { col: 3, label: 'period', values: distinct(col(3)) },
      { col: 6, label: 'status', values: distinct(col(6)) },
      { col: 0, label: 'document', values: distinct(col(0)) },
    ]),
    `<div class="scroll"><table id="figures" data-table><thead><tr>`,
    th('Document'),
    th('Area'),
    th('Indicator'),
    th('Period'),
    th('Value', { num: true }),
    th('Unit'),
    th('Status'),
    th('Bound'),
    th('Rank'),
    withEval ? th('Eval') : '',
    th('Evidence', { sort: false }),
    `</tr></thead><tbody>`,
    rows.join('\n'),
    `</tbody></table></div>`,
  ].join('');
}

function recordsTable(items: Item[], docs: ReportDocument[], withEval: boolean): string {
  if (items.length === 0) return '<p class="muted">No records were extracted.</p>';
  const rows = items.map(
    (it) =>
      `<tr data-record="${esc(it.record.key)}"><td>${it.kind}</td><td>${esc(docs[it.doc]!.result.document.id)}</td><td>${esc(it.summary)}</td><td>${esc(it.record.rule)}</td>` +
      (withEval ? evalCell(it) : '') +
      `<td class="num" data-v="${it.record.evidence.length}"><a href="#${it.anchor}-0">${it.record.evidence.length}</a></td></tr>`,
  );
  return [
    filterBox('records', [
      { col: 0, label: 'kind', values: KINDS.map((k) => k.kind).filter((k) => items.some((i) => i.kind === k)) },
      { col: 1, label: 'document', values: distinct(items.map((i) => docs[i.doc]!.result.document.id)) },
      ...(withEval ? [{ col: 4, label: 'eval', values: distinct(items.map((i) => i.eval ?? '').filter(Boolean)) }] : []),
    ]),
    `<div class="scroll"><table id="records" data-table><thead><tr>`,
    th('Kind'),
    th('Document'),
    th('Record'),
    th('Rule'),
    withEval ? th('Eval') : '',
    th('Mentions', { num: true }),
    `</tr></thead><tbody>`,
    rows.join('\n'),
    `</tbody></table></div>`,
  ].join('');
}

function indexTable(docs: ReportDocument[], misses: Map<string, Finding[]>, items: Item[][], ev: ReportEvaluation | undefined): string {
  const goldDocs = new Set(ev?.golds.map((g) => g.doc) ?? []);
  const rows = docs.map((d, di) => {
    const doc = d.result.document;
    const counts = KINDS.map(({ key }) => `<td class="num" data-v="${d.result[key].length}">${d.result[key].length}</td>`).join('');
    const evalCells = ev
      ? goldDocs.has(doc.id)
        ? `<td class="num">${(misses.get(doc.id) ?? []).length}</td><td class="num">${items[di]!.filter((i) => i.eval === 'spurious').length}</td><td class="num">${items[di]!.filter((i) => i.eval === 'wrong').length}</td>`
        : '<td>no gold</td><td></td><td></td>'
      : '';
    const warnings = doc.warnings.length ? `<ul class="warn">${doc.warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>` : '';
    return `<tr><td><a href="#doc-${di}">${esc(doc.id)}</a></td><td>${esc(doc.title ?? '')}</td><td>${esc(doc.published ?? '')}</td>${counts}${evalCells}<td data-v="${doc.warnings.length}">${warnings}</td></tr>`;
  });
  return [
    `<table id="index" data-table><thead><tr>`,
    th('Document'),
    th('Title'),
    th('Published'),
    ...KINDS.map(({ kind }) => th(KIND_LABEL[kind], { num: true })),
    ...(ev ? [th('Missed', { num: true }), th('Spurious', { num: true }), th('Wrong', { num: true })] : []),
    th('Warnings', { num: true }),
    `</tr></thead><tbody>`,
    rows.join('\n'),
    `</tbody></table>`,
  ].join('');
}

function scoreTable(s: Score): string {
  const pct = (x: number): string => (x * 100).toFixed(1);
  const rows = Object.entries(s.kinds).map(
    ([k, v]) => `<tr><td>${esc(k)}</td><td class="num">${v.predicted}</td><td class="num">${v.gold}</td><td class="num">${v.matched}</td><td class="num">${pct(v.precision)}</td><td class="num">${pct(v.recall)}</td><td class="num">${pct(v.f1)}</td></tr>`,
  );
  const attrs = Object.entries(s.attributes).map(([k, a]) => `${esc(k)} ${a.correct}/${a.total}`).join(' · ');
  return [
    `<p class="muted">${s.documents} documents with gold. Highlights with a dashed red outline are spurious, dotted orange ones have a wrong attribute; missed records are listed above each text and underlined where the gold quote is found.</p>`,
    `<table class="score"><thead><tr><th>kind</th><th class="num">pred</th><th class="num">gold</th><th class="num">match</th><th class="num">P %</th><th class="num">R %</th><th class="num">F1 %</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
    `<p class="meta">attributes: ${attrs}</p>`,
  ].join('');
}

/** GRDP growth if present (the figure reviewers compare most), else the most common percent figure. */
function chartSection(items: Item[]): string {
  const ind = items.filter((i) => i.kind === 'indicator').map((i) => ({ it: i, r: i.record as Indicator }));
  const freq = new Map<string, number>();
  for (const { r } of ind) if (r.unit === 'percent') freq.set(r.indicator, (freq.get(r.indicator) ?? 0) + 1);
  const pick = freq.has('grdp_growth') ? 'grdp_growth' : [...freq].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  if (!pick) return '';
  const bars: Bar[] = ind
    .filter(({ r }) => r.indicator === pick && r.unit === 'percent')
    .map(({ it, r }) => ({
      area: r.area ?? NONE,
      period: r.period ?? NONE,
      value: r.value,
      upper: r.upper,
      status: r.status,
      label: formatBoundedValue(r),
      href: `#${it.anchor}-0`,
      title: it.summary,
    }));
  const title = `${pick} by area and period (%)`;
  return `<section id="chart-section"><h2>${esc(title)}</h2>${barChart(bars, { title })}</section>`;
}

function legend(withEval: boolean): string {
  const kinds: [string, string, boolean][] = [
    ['official', 'officials', true],
    ['title', 'titles', false],
    ['indicator', 'indicators', true],
    ['agreement', 'agreements', true],
    ['legal_ref', 'legal references', true],
  ];
  const chips = kinds.map(([k, label, toggle]) =>
    toggle ? `<label class="k-${k}"><input type="checkbox" checked data-toggle-kind="${k}">${label}</label>` : `<label class="k-${k}">${label}</label>`,
  );
  if (withEval) {
    chips.push(
      `<label class="e-spurious" style="outline:2px dashed #d00000">spurious</label>`,
      `<label class="e-wrong" style="outline:2px dotted #d07000">wrong attribute</label>`,
      `<label class="e-miss" style="text-decoration:underline wavy #d00000">missed</label>`,
    );
  }
  return `<div class="legend" role="group" aria-label="highlight colours">${chips.join('')}</div>`;
}

/** The whole page. */
export function buildReport(input: ReportInput): string {
  const docs = input.documents;
  const items = itemsOf(docs);
  const ev = input.evaluation;
  const misses = ev ? applyEvaluation(items, docs, ev) : new Map<string, Finding[]>();
  const goldDocs = new Set(ev?.golds.map((g) => g.doc) ?? []);
  const all = items.flat();
  const title = input.title ?? 'Extraction review';
  const totals = KINDS.map(({ kind }) => `${all.filter((i) => i.kind === kind).length} ${KIND_LABEL[kind].toLowerCase()}`).join(', ');
  const script = SCRIPT;
  const scriptHash = createHash('sha256').update(script, 'utf8').digest('base64');
  const csp = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${scriptHash}'; img-src data:; base-uri 'none'; form-action 'none'`;
  const warned = docs.filter((d) => d.result.document.warnings.length).length;
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="${esc(input.generator)}">`,
    `<title>${esc(title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    `<header class="top"><h1>${esc(title)}</h1><nav><a href="#documents">documents</a><a href="#figures-section">figures</a><a href="#records-section">records</a></nav>${legend(Boolean(ev))}</header>`,
    '<main>',
    `<p class="meta">${docs.length} documents · ${totals}${warned ? ` · ${warned} with warnings` : ''} · ${esc(input.generator)}. Hover or focus (Tab) a highlight to see the record it became.</p>`,
    ev ? `<section id="eval-section"><h2>Evaluation against gold</h2>${scoreTable(ev.score)}</section>` : '',
    `<section id="documents"><h2>Documents</h2>${indexTable(docs, misses, items, ev)}</section>`,
    chartSection(all),
    `<section id="figures-section"><h2>Figures</h2>${figuresTable(all, docs, Boolean(ev))}</section>`,
    `<section id="records-section"><h2>All records</h2>${recordsTable(all, docs, Boolean(ev))}</section>`,
    ...docs.map((d, di) => documentSection(d, di, items[di]!, misses.get(d.result.document.id), goldDocs.has(d.result.document.id))),
    '</main>',
    '<div id="tip" role="tooltip" hidden></div>',
    `<script>${script}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
