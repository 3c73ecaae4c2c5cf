/** Per-document results to the output tree of RECORDS.md, and to NDJSON lines. */
import { SCHEMA_VERSION, type Output, type Result } from '../schema.js';
import { generator } from '../version.js';

export function assemble(results: Result[]): Output {
  return {
    schemaVersion: SCHEMA_VERSION,
    generator: generator(),
    documents: results.map((r) => r.document),
    officials: results.flatMap((r) => r.officials),
    indicators: results.flatMap((r) => r.indicators),
    agreements: results.flatMap((r) => r.agreements),
    legalRefs: results.flatMap((r) => r.legalRefs),
  };
}

/**
 * One record as an NDJSON line with `kind` first: the record's own JSON with the kind spliced
 * in after its `{` (the same bytes as stringifying `{ kind, ...record }`, without copying every
 * record into a new object first; records always have fields).
 */
function line(kind: string, record: object): string {
  return `{"kind":"${kind}",${JSON.stringify(record).slice(1)}`;
}

/** One document's NDJSON lines: its own line first, then its records, each with `kind`. */
export function ndjsonLines(r: Result): string {
  const lines = [line('document', r.document)];
  for (const o of r.officials) lines.push(line('official', o));
  for (const o of r.indicators) lines.push(line('indicator', o));
  for (const o of r.agreements) lines.push(line('agreement', o));
  for (const o of r.legalRefs) lines.push(line('legal_ref', o));
  return lines.join('\n') + '\n';
}
