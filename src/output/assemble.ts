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

/** One document's NDJSON lines: its own line first, then its records, each with `kind`. */
export function ndjsonLines(r: Result): string {
  const lines = [JSON.stringify({ kind: 'document', ...r.document })];
  for (const o of r.officials) lines.push(JSON.stringify({ kind: 'official', ...o }));
  for (const o of r.indicators) lines.push(JSON.stringify({ kind: 'indicator', ...o }));
  for (const o of r.agreements) lines.push(JSON.stringify({ kind: 'agreement', ...o }));
  for (const o of r.legalRefs) lines.push(JSON.stringify({ kind: 'legal_ref', ...o }));
  return lines.join('\n') + '\n';
}
