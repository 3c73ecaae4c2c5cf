/**
 * CSV for spreadsheets: one table per kind, a header row, one row per record. RFC 4180: CRLF
 * line ends, a field quoted when it holds a comma, a quote, CR or LF, quotes doubled. Lists are
 * joined with `; `, a rank reads `4/14 <scope>`, `evidence` is its first text, null is an empty
 * cell, numbers are written as in JSON (dot decimal). Columns follow the zod schemas, so a new
 * field shows up here without a second list to keep in step; `key` and `doc` lead, `evidence`
 * and `rule` close each row. `--excel` adds a UTF-8 BOM so Excel reads Vietnamese as UTF-8.
 */
import { agreementSchema, documentSchema, indicatorSchema, legalRefSchema, officialSchema, type KindKey, type Result } from '../schema.js';

/** What a CSV table holds: the record kinds, and the documents themselves. */
export type CsvTable = KindKey | 'documents';

export const BOM = '\ufeff';

const SHAPES = {
  documents: Object.keys(documentSchema.shape),
  officials: Object.keys(officialSchema.shape),
  indicators: Object.keys(indicatorSchema.shape),
  agreements: Object.keys(agreementSchema.shape),
  legalRefs: Object.keys(legalRefSchema.shape),
} satisfies Record<CsvTable, string[]>;

/** Column names of a table, in order. */
export function csvColumns(table: CsvTable): string[] {
  const fields = SHAPES[table];
  if (table === 'documents') return fields;
  const lead = ['key', 'doc'];
  const tail = ['evidence', 'rule'];
  return [...lead, ...fields.filter((f) => !lead.includes(f) && !tail.includes(f)), ...tail];
}

/** One cell's text (unquoted). */
export function cellText(field: string, v: unknown): string {
  if (v === null || v === undefined) return '';
  if (field === 'evidence' && Array.isArray(v)) return cellText('', (v[0] as { text?: unknown } | undefined)?.text);
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map((x) => (isRank(x) ? rankText(x) : cellText('', x))).join('; ');
  return JSON.stringify(v);
}

function isRank(x: unknown): x is { position: number; of: number | null; scope: string | null } {
  return typeof x === 'object' && x !== null && 'position' in x;
}

const rankText = (r: { position: number; of: number | null; scope: string | null }): string => `${r.position}${r.of !== null ? `/${r.of}` : ''}${r.scope ? ` ${r.scope}` : ''}`;

/** RFC 4180 quoting. */
export function quoteCsv(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const row = (cells: string[]): string => cells.map(quoteCsv).join(',') + '\r\n';

export function csvHeader(table: CsvTable): string {
  return row(csvColumns(table));
}

/** Rows (no header) for one document's records of a table. */
export function csvRows(table: CsvTable, r: Result): string {
  const cols = csvColumns(table);
  const list = (table === 'documents' ? [r.document] : r[table]) as unknown as Record<string, unknown>[];
  return list.map((rec) => row(cols.map((c) => cellText(c, rec[c])))).join('');
}

/** A whole table: header and the rows of every result. */
export function toCsv(table: CsvTable, results: Result[], opts: { bom?: boolean } = {}): string {
  return (opts.bom ? BOM : '') + csvHeader(table) + results.map((r) => csvRows(table, r)).join('');
}
