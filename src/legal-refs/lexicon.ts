/**
 * The words of data/legal.yaml, loaded once and turned into the regex fragments and look-ups
 * that the legal-reference rules use. One list feeds both the alternation and the look-up.
 */
import { z } from 'zod';
import { loadData } from '../text/lexicon.js';
import { alt, lookup } from '../text/pattern.js';

const list = z.array(z.string().min(1)).min(1);
const legalSchema = z.object({
  doc_types: z.record(z.string(), list),
  type_codes: z.record(z.string(), z.string()),
  issuer_codes: z.record(z.string(), z.string()),
  issuers: z.record(z.string(), list),
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
  lex = {
    words: w,
    docTypes: alt(typeEntries.map(([s]) => s)),
    issuers: alt(issuerEntries.map(([s]) => s)),
    docTypeOf: lookup(typeEntries),
    issuerOf: lookup(issuerEntries),
    typeOfCode: (code) => typeCodes.get(code.normalize('NFC')),
    issuerOfCode: (code) => issuerCodes.get(code.normalize('NFC')),
  };
  return lex;
}
