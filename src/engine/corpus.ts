/**
 * The rule corpus: `fixtures/corpus/<kind>/<rule-id>.yaml`, our own example sentences per
 * rule. Each file lists `examples` (text → exactly these records, scored fields only),
 * `near_misses` (text → no record of this kind) and `known_gaps` (run as expected failures,
 * so the suite notices when one starts to pass). Test-only helper.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { describe, expect, test } from 'vitest';
import { extract } from '../extract.js';
import type { Evidence, Result } from '../schema.js';

export const CORPUS_DIR = fileURLToPath(new URL('../../fixtures/corpus/', import.meta.url));

const caseSchema = z.object({ text: z.string().min(1), expect: z.array(z.record(z.string(), z.unknown())), why: z.string().optional() });
const fileSchema = z.object({
  rule: z.string().min(1),
  examples: z.array(caseSchema).default([]),
  near_misses: z.array(z.string().min(1)).default([]),
  known_gaps: z.array(caseSchema.extend({ why: z.string().min(1) })).default([]),
});

export interface CorpusCase {
  file: string;
  rule: string;
  text: string;
  /** Expected records (scored fields only); [] for a near miss. */
  expect: Record<string, unknown>[];
  knownGap: boolean;
  why?: string;
}

export function loadCorpus(kind: string): CorpusCase[] {
  const dir = join(CORPUS_DIR, kind);
  if (!existsSync(dir)) return [];
  const out: CorpusCase[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.yaml')).sort()) {
    const raw = parse(readFileSync(join(dir, f), 'utf8'));
    const r = fileSchema.safeParse(raw);
    if (!r.success) throw new Error(`fixtures/corpus/${kind}/${f}: ${r.error.issues[0]!.path.join('.')}: ${r.error.issues[0]!.message}`);
    const c = r.data;
    for (const e of c.examples) out.push({ file: f, rule: c.rule, text: e.text, expect: e.expect, knownGap: false });
    for (const t of c.near_misses) out.push({ file: f, rule: c.rule, text: t, expect: [], knownGap: false });
    for (const g of c.known_gaps) out.push({ file: f, rule: c.rule, text: g.text, expect: g.expect, knownGap: true, why: g.why });
  }
  return out;
}

/** Keep only the listed fields of a record, in that order (for strict comparisons). */
export function pick<T extends object>(r: T, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f] = (r as Record<string, unknown>)[f];
  return out;
}

type KindKey = 'officials' | 'indicators' | 'agreements' | 'legalRefs';

/**
 * The strict corpus test of one kind: every example gives exactly its records (the listed
 * fields, nothing missing, nothing extra), every near miss none, every known gap still fails,
 * and every evidence slice equals its text. `complete` fills fields an entry may leave out.
 */
export function corpusSuite(
  name: string,
  folder: string,
  kind: KindKey,
  fields: readonly string[],
  complete: (e: Record<string, unknown>) => Record<string, unknown> = (e) => e,
): void {
  describe(name, () => {
    for (const c of loadCorpus(folder)) {
      (c.knownGap ? test.fails : test)(`${c.rule} | ${c.text}`, () => {
        const found = (extract(c.text, { id: 'corpus', kinds: [kind] }) as Result)[kind] as { evidence: Evidence[] }[];
        expect(found.map((r) => pick(r, fields))).toEqual(c.expect.map((e) => pick(complete(e), fields)));
        for (const r of found) for (const e of r.evidence) expect(c.text.slice(e.start, e.end)).toBe(e.text);
      });
    }
  });
}
