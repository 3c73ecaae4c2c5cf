/**
 * A saved extraction as the differ sees it: documents and keyed records per kind. It is read
 * from the JSON tree `--format json` writes (the baseline of `extract check`) or from the
 * lines `--format ndjson` writes, and checked loosely: a baseline written by an older version
 * with fewer or more fields still loads; what it must have is a `key` and a `doc` per record.
 * Top-level metadata (`schemaVersion`, `generator`) is kept apart and never compared.
 */
import { z } from 'zod';
import { KINDS, type KindKey, type KindName, type Output } from '../schema.js';

export type Rec = Record<string, unknown> & { key: string; doc: string };
export type Doc = Record<string, unknown> & { id: string };

export interface Snapshot {
  schemaVersion: number | null;
  generator: string | null;
  documents: Doc[];
  records: Record<KindKey, Rec[]>;
}

const recSchema = z.looseObject({ key: z.string().min(1), doc: z.string() });
const docSchema = z.looseObject({ id: z.string() });
const treeSchema = z.looseObject({
  schemaVersion: z.number().optional(),
  generator: z.string().optional(),
  documents: z.array(docSchema),
  officials: z.array(recSchema).optional(),
  indicators: z.array(recSchema).optional(),
  agreements: z.array(recSchema).optional(),
  legalRefs: z.array(recSchema).optional(),
});

const KEY_OF_KIND = Object.fromEntries(KINDS.map((k) => [k.kind, k.key])) as Record<KindName, KindKey>;

/** A snapshot of an in-memory output tree (today's run). */
export function snapshotOf(out: Output): Snapshot {
  return fromTree(out as unknown as z.infer<typeof treeSchema>);
}

function fromTree(t: z.infer<typeof treeSchema>): Snapshot {
  return {
    schemaVersion: t.schemaVersion ?? null,
    generator: t.generator ?? null,
    documents: t.documents as Doc[],
    records: {
      officials: (t.officials ?? []) as Rec[],
      indicators: (t.indicators ?? []) as Rec[],
      agreements: (t.agreements ?? []) as Rec[],
      legalRefs: (t.legalRefs ?? []) as Rec[],
    },
  };
}

function describe(err: z.ZodError): string {
  const i = err.issues[0]!;
  return `${i.path.length ? i.path.join('.') + ': ' : ''}${i.message}`;
}

/**
 * Parse saved output text: a JSON tree (`--format json`) or NDJSON lines (`--format ndjson`).
 * Throws an Error whose message says what is wrong and where (`line 7: ...`).
 */
export function parseSnapshot(text: string): Snapshot {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const trimmed = body.trimStart();
  if (trimmed.length === 0) throw new Error('empty file: expected the JSON output of `extract --format json`');
  let tree: unknown;
  let treeError: Error | undefined;
  try {
    tree = JSON.parse(body);
  } catch (err) {
    treeError = err as Error;
  }
  if (tree !== undefined && !(typeof tree === 'object' && tree !== null && 'kind' in tree)) {
    const r = treeSchema.safeParse(tree);
    if (!r.success) throw new Error(`not the output of \`extract --format json\`: ${describe(r.error)}`);
    return fromTree(r.data);
  }
  // Not one JSON value (or a single NDJSON line): read NDJSON lines.
  const snap: Snapshot = { schemaVersion: null, generator: null, documents: [], records: { officials: [], indicators: [], agreements: [], legalRefs: [] } };
  const lines = body.split(/\r?\n/);
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch (err) {
      if (seen === 0 && treeError) throw new Error(`not valid JSON: ${treeError.message}`);
      throw new Error(`line ${i + 1}: not valid JSON: ${(err as Error).message}`);
    }
    seen++;
    const kind = typeof obj === 'object' && obj !== null ? (obj as { kind?: unknown }).kind : undefined;
    if (kind === 'document') {
      const r = docSchema.safeParse(obj);
      if (!r.success) throw new Error(`line ${i + 1}: ${describe(r.error)}`);
      const { kind: _k, ...doc } = r.data;
      snap.documents.push(doc as Doc);
    } else if (typeof kind === 'string' && kind in KEY_OF_KIND) {
      const r = recSchema.safeParse(obj);
      if (!r.success) throw new Error(`line ${i + 1}: ${describe(r.error)}`);
      const { kind: _k, ...rec } = r.data;
      snap.records[KEY_OF_KIND[kind as KindName]].push(rec as Rec);
    } else {
      throw new Error(`line ${i + 1}: expected a line of \`extract --format ndjson\` with a "kind" field`);
    }
  }
  return snap;
}
