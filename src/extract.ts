/**
 * The core: `extract(text, meta)` turns one article into validated records. Pure: no file
 * system, clock, environment or console; the same input gives the same records in the same
 * order (first evidence start, then end, then rule id).
 */
import { hash } from 'node:crypto';
import { toNfc } from './text/normalize.js';
import { buildContext, paragraphsOf } from './engine/context.js';
import { documentMeta } from './document/meta.js';
import { extractOfficials } from './officials/extract.js';
import { extractIndicators } from './indicators/extract.js';
import { extractAgreements } from './agreements/extract.js';
import { extractLegalRefs } from './legal-refs/extract.js';
import { assignKeys } from './keys.js';
import {
  recordParsers,
  type Draft,
  type Evidence,
  type Result,
} from './schema.js';

export interface ExtractMeta {
  /** Document id (RECORDS.md: path relative to the root argument, or `-`). */
  id: string;
  /** Path as given on the command line; defaults to the id. */
  path?: string;
  /** sha256 of the original bytes; defaults to the hash of the text's UTF-8 encoding. */
  sha256?: string;
  /** Warnings from decoding (added to the Document record). */
  warnings?: string[];
  /** Kinds to extract (all by default). */
  kinds?: readonly ('officials' | 'indicators' | 'agreements' | 'legalRefs')[];
}

function byPosition<T extends { evidence: Evidence[]; rule: string }>(a: T, b: T): number {
  const ea = a.evidence[0]!;
  const eb = b.evidence[0]!;
  return ea.start - eb.start || ea.end - eb.end || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}

function byEvidencePosition(x: Evidence, y: Evidence): number {
  return x.start - y.start || x.end - y.end;
}

/**
 * Records in document order, each with its evidence in order. Extractors mostly emit them in
 * order already: a stable sort of a list that is in order changes nothing, so one pass of the
 * comparator checks that and the sort runs only when it is not.
 */
function sorted<T extends { evidence: Evidence[]; rule: string }>(list: T[]): T[] {
  for (const r of list) if (r.evidence.length > 1 && !inOrder(r.evidence, byEvidencePosition)) r.evidence.sort(byEvidencePosition);
  return inOrder(list, byPosition) ? list : list.sort(byPosition);
}

function inOrder<T>(list: readonly T[], compare: (a: T, b: T) => number): boolean {
  for (let i = 1; i < list.length; i++) if (compare(list[i - 1]!, list[i]!) > 0) return false;
  return true;
}

export function extract(text: string, meta: ExtractMeta): Result {
  const nfc = toNfc(text);
  const paragraphs = paragraphsOf(nfc);
  const info = documentMeta(nfc, paragraphs);
  const ctx = buildContext(meta.id, nfc, info.published, info.titleSpan, paragraphs);
  const want = new Set(meta.kinds ?? ['officials', 'indicators', 'agreements', 'legalRefs']);
  const officials = want.has('officials') ? sorted(extractOfficials(ctx)) : [];
  const indicators = want.has('indicators') ? sorted(extractIndicators(ctx)) : [];
  const agreements = want.has('agreements') ? sorted(extractAgreements(ctx)) : [];
  const legalRefs = want.has('legalRefs') ? sorted(extractLegalRefs(ctx)) : [];
  const warnings = [...(meta.warnings ?? [])];
  if (nfc.trim().length === 0) warnings.push('empty document: no text to extract from');
  warnings.push(...ctx.warnings);
  const parse = recordParsers();
  const document = parse.document.parse({
    id: meta.id,
    path: meta.path ?? meta.id,
    sha256: meta.sha256 ?? hash('sha256', text, 'hex'),
    chars: nfc.length,
    title: info.title,
    published: info.published,
    authors: info.authors,
    warnings,
  });
  const keyed = assignKeys(meta.id, { officials, indicators, agreements, legalRefs });
  return {
    document,
    officials: keyed.officials.map((r) => parse.official.parse(r)),
    indicators: keyed.indicators.map((r) => parse.indicator.parse(r)),
    agreements: keyed.agreements.map((r) => parse.agreement.parse(r)),
    legalRefs: keyed.legalRefs.map((r) => parse.legalRef.parse(r)),
  };
}

export type { Draft };
