/** Gold files (RECORDS.md "Gold files"): one YAML per document, validated with zod. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { AGREEMENT_TYPES, BOUNDS, STATUSES, UNITS } from '../schema.js';

const str = z.union([z.string(), z.number()]).transform(String);
const nullableStr = str.nullable().optional().transform((v) => v ?? null);

export const goldSchema = z.object({
  doc: z.string(),
  officials: z
    .array(z.object({ name: str, province: nullableStr, titles: z.array(str).default([]) }))
    .nullable()
    .default([])
    .transform((v) => v ?? []),
  indicators: z
    .array(
      z.object({
        indicator: z.string(),
        area: nullableStr,
        value: z.number(),
        upper: z.number().nullable().optional().transform((v) => v ?? null),
        unit: z.enum(UNITS),
        period: nullableStr,
        status: z.enum(STATUSES).default('actual'),
        bound: z.enum(BOUNDS).default('exact'),
        ranks: z.array(z.object({ position: z.number(), of: z.number().nullable(), scope: z.string().nullable() })).default([]),
        quote: z.string().optional(),
      }),
    )
    .nullable()
    .default([])
    .transform((v) => v ?? []),
  agreements: z
    .array(
      z.object({
        parties: z.array(str).min(2),
        type: z.enum(AGREEMENT_TYPES),
        signed: nullableStr,
        period: nullableStr,
        signatories: z.array(str).default([]),
        location: nullableStr,
        areas: z.array(str).default([]),
        theme: nullableStr,
      }),
    )
    .nullable()
    .default([])
    .transform((v) => v ?? []),
  legalRefs: z
    .array(
      z.object({
        docType: z.string(),
        number: nullableStr,
        issuer: nullableStr,
        date: nullableStr,
        subject: nullableStr,
      }),
    )
    .nullable()
    .default([])
    .transform((v) => v ?? []),
});

export type Gold = z.infer<typeof goldSchema>;

/** Load every `*.yaml` / `*.yml` gold file of a folder; errors name the file. */
export function loadGoldDir(dir: string): Gold[] {
  const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
  return files.map((f) => {
    const path = join(dir, f);
    let raw: unknown;
    try {
      raw = parse(readFileSync(path, 'utf8'));
    } catch (err) {
      throw new Error(`${path}: not valid YAML: ${(err as Error).message}`);
    }
    const r = goldSchema.safeParse(raw);
    if (!r.success) {
      const i = r.error.issues[0]!;
      throw new Error(`${path}: ${i.path.join('.')}: ${i.message}`);
    }
    return r.data;
  });
}
