/**
 * A diff for people (grouped by document, one line per record, one indented line per field,
 * coloured only when the caller says so) and for machines (JSON).
 *
 *   000_529f232f53dd2013.txt
 *     ~ 000_529f232f53dd2013.txt#indicator/<area>/grdp_growth/2022/actual
 *         value 9.02 → 9.2
 *     - 000_529f232f53dd2013.txt#official/<name>  (<titles>)
 *     + 000_529f232f53dd2013.txt#agreement/<party>+<party>/2024-03-05/program  (program)
 *
 *   3 changes in 1 of 5 documents: 1 added, 1 removed, 1 changed
 */
import { Chalk } from 'chalk';
import type { Change, Diff, DiffKind } from './diff.js';

/** A value as one short token: `9.02`, `null`, `2022`, `Hanoi`, `[a; b]`, `"  padded "` (JSON quotes only when blank or padded). */
export function formatScalar(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') {
    const plain = v.length > 0 && v === v.trim() && !/[\n\r\t"]/.test(v);
    return plain ? v : JSON.stringify(v);
  }
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x === 'string' || typeof x === 'number' || x === null)) return `[${v.map(formatScalar).join('; ')}]`;
    if (v.every((x) => x && typeof x === 'object' && 'start' in x && 'end' in x)) {
      return `[${(v as { start: unknown; end: unknown; text: unknown }[]).map((e) => `${String(e.start)}–${String(e.end)} ${formatScalar(e.text)}`).join('; ')}]`;
    }
  }
  return JSON.stringify(v);
}

/** A few words that say what an added or removed record is. */
function summaryOf(kind: DiffKind, r: Record<string, unknown>): string {
  switch (kind) {
    case 'document':
      return typeof r.title === 'string' ? r.title : '';
    case 'official':
      return Array.isArray(r.titles) ? r.titles.join('; ') : '';
    case 'indicator':
      return `${formatScalar(r.value)}${r.upper !== null && r.upper !== undefined ? `–${formatScalar(r.upper)}` : ''} ${String(r.unit ?? '')}`.trim();
    case 'agreement':
      return [r.type, r.signed ? `signed ${String(r.signed)}` : null].filter(Boolean).join(', ');
    case 'legal_ref':
      return [r.docType, r.number].filter((x) => typeof x === 'string' && x).join(' ');
  }
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** The one-line verdict: `no changes (5 documents, 42 records)` or `3 changes in 1 of 5 documents: ...`. */
export function verdictLine(d: Diff): string {
  const s = d.summary;
  if (!d.changed) return `no changes (${plural(s.comparedDocuments, 'document')}, ${plural(s.comparedRecords, 'record')})`;
  const n = s.added + s.removed + s.changed + s.documentsAdded + s.documentsRemoved;
  const whole = [s.documentsAdded ? plural(s.documentsAdded, 'new document') : '', s.documentsRemoved ? `${plural(s.documentsRemoved, 'document')} removed` : ''].filter(Boolean);
  return `${plural(n, 'change')} in ${s.documents} of ${plural(s.comparedDocuments, 'document')}: ${s.added} added, ${s.removed} removed, ${s.changed} changed${whole.length ? `; ${whole.join(', ')}` : ''}`;
}

export function formatDiffText(d: Diff, opts: { colour: boolean }): string {
  const c = new Chalk({ level: opts.colour ? 1 : 0 });
  const out: string[] = [];
  const line = (ch: Change): void => {
    if (ch.kind === 'document') {
      // A whole document added or removed is said by its header line.
      if (ch.op !== 'changed') return;
      out.push(`  ${c.yellow('~')} ${c.bold('document')}`);
      for (const f of ch.fields) out.push(`      ${f.field} ${c.red(formatScalar(f.from))} → ${c.green(formatScalar(f.to))}`);
      return;
    }
    if (ch.op === 'changed') {
      out.push(`  ${c.yellow('~')} ${c.bold(ch.key)}${ch.previousKey ? c.dim(`  (was ${ch.previousKey})`) : ''}`);
      for (const f of ch.fields) out.push(`      ${f.field} ${c.red(formatScalar(f.from))} → ${c.green(formatScalar(f.to))}`);
      return;
    }
    const what = summaryOf(ch.kind, ch.record);
    const mark = ch.op === 'added' ? c.green('+') : c.red('-');
    const key = ch.op === 'added' ? c.green(ch.key) : c.red(ch.key);
    out.push(`  ${mark} ${key}${what ? c.dim(`  (${what})`) : ''}`);
  };
  for (const doc of d.documents) {
    const tag = doc.status === 'added' ? c.green('  (new document)') : doc.status === 'removed' ? c.red('  (document removed)') : '';
    out.push(c.bold.underline(doc.doc) + tag);
    for (const ch of doc.changes) line(ch);
    out.push('');
  }
  out.push(d.changed ? c.bold(verdictLine(d)) : verdictLine(d));
  return out.join('\n') + '\n';
}

export function formatDiffJson(d: Diff, meta: Record<string, unknown> = {}): string {
  return JSON.stringify({ ...meta, changed: d.changed, summary: d.summary, documents: d.documents }, null, 2) + '\n';
}
