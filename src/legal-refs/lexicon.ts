/**
 * The words of data/legal.yaml, loaded once and turned into the regex fragments and look-ups
 * that the legal-reference rules use. One list feeds both the alternation and the look-up.
 */
import { z } from 'zod';
import { loadData } from '../text/lexicon.js';
import { alt, lookup, lookupKey } from '../text/pattern.js';

const list = z.array(z.string().min(1)).min(1);
const legalSchema = z.object({
  doc_types: z.record(z.string(), list),
  record_types: list,
  type_codes: z.record(z.string(), z.string()),
  issuer_codes: z.record(z.string(), z.string()),
  issuers: z.record(z.string(), list),
  signer_issuers: list,
  city_issuers: z.record(z.string(), z.string()),
  province_level: list,
  issue_verbs: list,
  issued_by: list,
  issued_by_end: list,
  of: list,
  number_word: list,
  subject_lead: list,
  about: list,
  clause_starts: list,
  and: list,
  ref_links: list,
});

export type LegalWords = z.infer<typeof legalSchema>;

export interface LegalLexicon {
  words: LegalWords;
  /** Alternation of every written document type. */
  docTypes: string;
  /** Alternation of every written issuer name. */
  issuers: string;
  docTypeOf: (surface: string) => string | undefined;
  /** Whether a canonical type makes a record (letters, notices and licences do not). */
  isRecordType: (docType: string) => boolean;
  /** Whether a canonical issuer is a person who signs for a body (a chairman, the Prime Minister). */
  isSigner: (issuer: string) => boolean;
  /** The city counterpart of a provincial body (`Ủy ban nhân dân tỉnh` -> `... thành phố`), if any. */
  cityIssuerOf: (issuer: string) => string | undefined;
  /** Whether a place's level word is a province's (`tỉnh`), compared by look-up key. */
  isProvinceLevel: (level: string) => boolean;
  issuerOf: (surface: string) => string | undefined;
  /** Canonical type for a number's type code (`NQ`), case-sensitive. */
  typeOfCode: (code: string) => string | undefined;
  /** Canonical issuer for a number's issuer code (`TTg`, `QH`), case-sensitive. */
  issuerOfCode: (code: string) => string | undefined;
}

let lex: LegalLexicon | undefined;

export function legalLexicon(): LegalLexicon {
  if (lex) return lex;
  const w = loadData('legal.yaml', legalSchema);
  const typeEntries: [string, string][] = [];
  for (const [canon, forms] of Object.entries(w.doc_types)) for (const f of forms) typeEntries.push([f, canon]);
  const issuerEntries: [string, string][] = [];
  for (const [canon, forms] of Object.entries(w.issuers)) for (const f of forms) issuerEntries.push([f, canon]);
  // Codes keep their case (`TTg` is not `TTG`): plain maps, not the folding look-up.
  const typeCodes = new Map(Object.entries(w.type_codes).map(([k, v]) => [k.normalize('NFC'), v]));
  const issuerCodes = new Map(Object.entries(w.issuer_codes).map(([k, v]) => [k.normalize('NFC'), v]));
  for (const t of w.record_types) if (!w.doc_types[t]) throw new Error(`data/legal.yaml: record_types: ${t} is not a doc_types key`);
  for (const i of w.signer_issuers) if (!w.issuers[i]) throw new Error(`data/legal.yaml: signer_issuers: ${i} is not an issuers key`);
  const recordTypes = new Set(w.record_types);
  const signers = new Set(w.signer_issuers);
  const provinceLevels = new Set(w.province_level.map(lookupKey));
  lex = {
    words: w,
    isRecordType: (t) => recordTypes.has(t),
    isSigner: (i) => signers.has(i),
    cityIssuerOf: (i) => w.city_issuers[i],
    isProvinceLevel: (level) => provinceLevels.has(lookupKey(level)),
    docTypes: alt(typeEntries.map(([s]) => s)),
    issuers: alt(issuerEntries.map(([s]) => s)),
    docTypeOf: lookup(typeEntries),
    issuerOf: lookup(issuerEntries),
    typeOfCode: (code) => typeCodes.get(code.normalize('NFC')),
    issuerOfCode: (code) => issuerCodes.get(code.normalize('NFC')),
  };
  return lex;
}
