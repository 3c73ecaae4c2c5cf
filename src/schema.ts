/**
 * The output contract (RECORDS.md) as zod schemas: the single source of truth. Every record is
 * parsed with these before it is written, and `extract schema` prints the JSON Schema made
 * from them.
 */
import { z } from 'zod';

export const SCHEMA_VERSION = 1 as const;

const isoDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'ISO date at the precision the text gives');
const period = z
  .string()
  .regex(/^\d{4}(-(Q[1-4]|H[12]|\d{2}))?(\/\d{4}(-\d{2})?)?$/, 'period: 2022, 2023-Q1, 2023-H1, 2023-09, 2023-01/2023-09 or 1991/2023');

export const evidenceSchema = z
  .object({
    start: z.number().int().nonnegative().describe('UTF-16 offset into the NFC text'),
    end: z.number().int().nonnegative(),
    text: z.string().min(1).describe('text.slice(start, end)'),
  })
  .strict();

const recordBase = {
  key: z.string().min(1).describe('Stable key: survives edits elsewhere in the article (no offsets in it)'),
  doc: z.string().describe('Document id'),
  evidence: z.array(evidenceSchema).min(1),
  rule: z.string().min(1).describe('Id of the rule that produced the record'),
};

export const documentSchema = z
  .object({
    id: z.string(),
    path: z.string(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    chars: z.number().int().nonnegative(),
    title: z.string().nullable(),
    published: isoDate.nullable(),
    authors: z.array(z.string()),
    warnings: z.array(z.string()),
  })
  .strict();

export const officialSchema = z
  .object({
    ...recordBase,
    name: z.string().min(2),
    province: z.string().nullable(),
    titles: z.array(z.string().min(1)),
  })
  .strict();

export const UNITS = ['percent', 'VND', 'USD', 'visits', 'projects', 'ha', 'count'] as const;
export const STATUSES = ['actual', 'estimate', 'target'] as const;
export const BOUNDS = ['exact', 'approx', 'over', 'under'] as const;

export const SCORED_INDICATORS = [
  'grdp_growth',
  'grdp_per_capita',
  'economy_size',
  'budget_revenue',
  'tourist_arrivals',
  'tourism_revenue',
  'export_import_turnover',
  'export_turnover',
  'import_turnover',
  'fdi',
  'industrial_output_value',
  'investment_projects',
  'investment_capital',
  'social_investment',
  'public_investment',
  'poverty_rate',
  'near_poverty_rate',
  'poverty_reduction_rate',
] as const;

export const rankSchema = z
  .object({
    position: z.number().int().positive(),
    of: z.number().int().positive().nullable(),
    scope: z.string().nullable(),
  })
  .strict();

export const indicatorSchema = z
  .object({
    ...recordBase,
    indicator: z.string().regex(/^[a-z][a-z0-9_]*$/),
    area: z.string().nullable(),
    value: z.number().finite(),
    upper: z.number().finite().nullable(),
    unit: z.enum(UNITS),
    period: period.nullable(),
    status: z.enum(STATUSES),
    bound: z.enum(BOUNDS),
    ranks: z.array(rankSchema),
  })
  .strict();

export const AGREEMENT_TYPES = ['program', 'agreement', 'memorandum', 'minutes'] as const;

export const agreementSchema = z
  .object({
    ...recordBase,
    parties: z.array(z.string().min(1)).min(2),
    type: z.enum(AGREEMENT_TYPES),
    signed: isoDate.nullable(),
    period: period.nullable(),
    signatories: z.array(z.string()),
    location: z.string().nullable(),
    areas: z.array(z.string()),
    theme: z.string().nullable(),
  })
  .strict();

export const legalRefSchema = z
  .object({
    ...recordBase,
    docType: z.string().min(1),
    number: z.string().nullable(),
    issuer: z.string().nullable(),
    date: isoDate.nullable(),
    subject: z.string().nullable(),
  })
  .strict();

export const resultSchema = z
  .object({
    document: documentSchema,
    officials: z.array(officialSchema),
    indicators: z.array(indicatorSchema),
    agreements: z.array(agreementSchema),
    legalRefs: z.array(legalRefSchema),
  })
  .strict();

export const outputSchema = z
  .object({
    schemaVersion: z.literal(SCHEMA_VERSION),
    generator: z.string(),
    documents: z.array(documentSchema),
    officials: z.array(officialSchema),
    indicators: z.array(indicatorSchema),
    agreements: z.array(agreementSchema),
    legalRefs: z.array(legalRefSchema),
  })
  .strict();

let parsers:
  | { document: typeof documentSchema; official: typeof officialSchema; indicator: typeof indicatorSchema; agreement: typeof agreementSchema; legalRef: typeof legalRefSchema }
  | undefined;

/**
 * The record schemas compiled by zod into one generated validator each (`z.compile`): the same
 * checks as the schemas above and the same output (keys in shape order), about ten times
 * cheaper per record than zod's interpreted parse. On invalid input a compiled parser falls
 * back to the schema's own parse, so the error thrown is the schema's. Compiled on first use
 * (a few milliseconds), so commands that extract nothing do not pay for it.
 */
export function recordParsers() {
  return (parsers ??= {
    document: z.compile(documentSchema),
    official: z.compile(officialSchema),
    indicator: z.compile(indicatorSchema),
    agreement: z.compile(agreementSchema),
    legalRef: z.compile(legalRefSchema),
  });
}

export type Evidence = z.infer<typeof evidenceSchema>;
export type DocumentRecord = z.infer<typeof documentSchema>;
export type Official = z.infer<typeof officialSchema>;
export type Indicator = z.infer<typeof indicatorSchema>;
export type Rank = z.infer<typeof rankSchema>;
export type Agreement = z.infer<typeof agreementSchema>;
export type LegalRef = z.infer<typeof legalRefSchema>;
export type Result = z.infer<typeof resultSchema>;
export type Output = z.infer<typeof outputSchema>;

/** Record kinds in output order, with their NDJSON `kind` and output key. */
export const KINDS = [
  { kind: 'official', key: 'officials' },
  { kind: 'indicator', key: 'indicators' },
  { kind: 'agreement', key: 'agreements' },
  { kind: 'legal_ref', key: 'legalRefs' },
] as const;
export type KindKey = (typeof KINDS)[number]['key'];
export type KindName = (typeof KINDS)[number]['kind'];

/** A record as a kind's extractor returns it: everything but `doc` and `key`. */
export type Draft<T> = Omit<T, 'doc' | 'key'>;

/** JSON Schema (draft 2020-12) of the whole output, generated from the zod schemas. */
export function jsonSchema(): unknown {
  return z.toJSONSchema(outputSchema, { target: 'draft-2020-12' });
}
