/**
 * The differ behind `extract check` and `extract diff`: two snapshots in, per document the
 * records added, removed and changed field by field.
 *
 * Matching, in three passes per kind:
 * 1. by stable key (src/keys.ts). Keys that share a base and differ only by the ordinal suffix
 *    (`~2`) are matched by content first, then in order, so removing the first of two figures
 *    that share a key reports that one as removed rather than the second as changed.
 * 2. what is left in one document is paired when it is plainly the same record whose keyed
 *    fields moved (a figure whose period changed from 2022 to null gets a new key): same anchor
 *    for its kind (below), and at most two fields apart or quoting the same evidence text.
 * 3. the rest is added or removed.
 *
 * What counts as a change: every field but `key`, `doc`, `rule` and `evidence`. A record
 * that changed also shows its evidence text when that changed too, for context, but new
 * wording or new offsets alone are not a change: the question is which figures moved.
 * `--strict` counts the rule id and the evidence (texts and offsets), and a document's sha256
 * and length. A document's `path` is as given on the command line and never compared, nor is
 * top-level metadata (`generator`). With a tolerance, a number that moved less than it (`0.5%`
 * of the old value, or an absolute amount) is not a change.
 */
import { KINDS, type KindKey, type KindName } from '../schema.js';
import type { Doc, Rec, Snapshot } from './snapshot.js';

export type DiffKind = 'document' | KindName;

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export type Change =
  | { op: 'added'; kind: DiffKind; key: string; record: Record<string, unknown> }
  | { op: 'removed'; kind: DiffKind; key: string; record: Record<string, unknown> }
  /** `key` is today's key; `previousKey` is set when the key itself changed. */
  | { op: 'changed'; kind: DiffKind; key: string; previousKey?: string; fields: FieldChange[] };

export interface DocumentDiff {
  doc: string;
  /** `added`: the document is new; `removed`: it is gone; `changed`: it is in both. */
  status: 'added' | 'removed' | 'changed';
  changes: Change[];
}

export interface Diff {
  changed: boolean;
  /** Records (and changed documents) counted in added/removed/changed; whole documents apart. */
  summary: {
    documents: number;
    added: number;
    removed: number;
    changed: number;
    documentsAdded: number;
    documentsRemoved: number;
    /** Documents on either side. */
    comparedDocuments: number;
    /** Records in the newer snapshot. */
    comparedRecords: number;
  };
  documents: DocumentDiff[];
}

export type Tolerance = { relative: number } | { absolute: number };

export interface DiffOptions {
  tolerance?: Tolerance;
  strict?: boolean;
}

/** `0.5%` → relative 0.005; `0.01` → absolute 0.01. Returns null when unreadable. */
export function parseTolerance(s: string): Tolerance | null {
  const m = /^(\d+(?:\.\d+)?|\.\d+)\s*(%?)$/.exec(s.trim());
  if (!m) return null;
  const n = Number(m[1]);
  if (!Number.isFinite(n)) return null;
  return m[2] ? { relative: n / 100 } : { absolute: n };
}

/** Deep equality of JSON values (object key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => jsonEqual(x, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ka = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const kb = Object.keys(bo).filter((k) => bo[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => k in bo && jsonEqual(ao[k], bo[k]));
}

function withinTolerance(a: unknown, b: unknown, tol: Tolerance | undefined): boolean {
  if (jsonEqual(a, b)) return true;
  if (!tol || typeof a !== 'number' || typeof b !== 'number') return false;
  const d = Math.abs(a - b);
  if ('absolute' in tol) return d <= tol.absolute;
  return d <= Math.abs(a) * tol.relative + 1e-12 * Math.max(Math.abs(a), Math.abs(b));
}

const NEVER_COMPARED = new Set(['key', 'doc', 'kind']);
const DOC_NEVER = new Set(['id', 'path', 'kind']);
const DOC_STRICT_ONLY = new Set(['sha256', 'chars']);

type Evidence = { start?: unknown; end?: unknown; text?: unknown };

const evidenceTexts = (r: Record<string, unknown>): unknown[] => (Array.isArray(r.evidence) ? (r.evidence as Evidence[]).map((e) => e?.text) : []);

/** Field-by-field changes from `a` (baseline) to `b` (today), in `b`'s field order. */
function fieldChanges(a: Record<string, unknown>, b: Record<string, unknown>, isDoc: boolean, opts: DiffOptions): FieldChange[] {
  // What a record says first; how it was found (evidence, rule) last.
  const last = (k: string): number => (k === 'evidence' ? 1 : k === 'rule' ? 2 : 0);
  const fields = [...Object.keys(b), ...Object.keys(a).filter((k) => !(k in b))].sort((x, y) => last(x) - last(y));
  const out: FieldChange[] = [];
  for (const f of fields) {
    if (isDoc ? DOC_NEVER.has(f) || (!opts.strict && DOC_STRICT_ONLY.has(f)) : NEVER_COMPARED.has(f)) continue;
    if (!isDoc && f === 'rule' && !opts.strict) continue;
    const from = a[f] ?? null;
    const to = b[f] ?? null;
    if (!isDoc && f === 'evidence') {
      if (opts.strict && !jsonEqual(from, to)) out.push({ field: f, from, to });
      // Context only: said when something else changed (fields sort evidence last).
      else if (!opts.strict && out.length > 0 && !jsonEqual(evidenceTexts(a), evidenceTexts(b))) out.push({ field: f, from: evidenceTexts(a), to: evidenceTexts(b) });
      continue;
    }
    if (isDoc ? !jsonEqual(from, to) : !withinTolerance(from, to, opts.tolerance)) out.push({ field: f, from, to });
  }
  return out;
}

const baseKey = (k: string): string => k.replace(/~\d+$/, '');

const fold = (s: unknown): string =>
  typeof s === 'string'
    ? s
        .normalize('NFD')
        .replace(/\p{M}/gu, '')
        .toLowerCase()
        .replace(/\s+/g, ' ')
        .trim()
    : '';

/** The same thing, seen twice: what must hold before two unkeyed records may be paired. */
const ANCHORS: Record<KindName, (a: Rec, b: Rec) => boolean> = {
  official: (a, b) => fold(a.name) === fold(b.name) || (evidenceTexts(a).length > 0 && jsonEqual(evidenceTexts(a)[0], evidenceTexts(b)[0])),
  indicator: (a, b) => a.indicator === b.indicator && a.unit === b.unit,
  agreement: (a, b) => jsonEqual(a.parties, b.parties),
  legal_ref: (a, b) => a.docType === b.docType && (a.number ?? null) === (b.number ?? null),
};

function closeEnough(kind: KindName, a: Rec, b: Rec, opts: DiffOptions): boolean {
  if (!ANCHORS[kind](a, b)) return false;
  const fields = fieldChanges(a, b, false, { ...opts, strict: false }).filter((c) => c.field !== 'evidence');
  return fields.length <= 2 || jsonEqual(evidenceTexts(a), evidenceTexts(b));
}

/** Pairs of indices into `a` and `b`, plus what is left on either side. */
interface Matching {
  pairs: [number, number][];
  onlyA: number[];
  onlyB: number[];
}

function matchKind(kind: KindName, A: Rec[], B: Rec[], opts: DiffOptions): Matching {
  const pairs: [number, number][] = [];
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  // Pass 1: by key; ordinal groups by content first, then in order.
  const groupsB = new Map<string, number[]>();
  B.forEach((r, i) => {
    const g = groupsB.get(baseKey(r.key));
    if (g) g.push(i);
    else groupsB.set(baseKey(r.key), [i]);
  });
  const groupsA = new Map<string, number[]>();
  A.forEach((r, i) => {
    const g = groupsA.get(baseKey(r.key));
    if (g) g.push(i);
    else groupsA.set(baseKey(r.key), [i]);
  });
  for (const [base, ia] of groupsA) {
    const ib = groupsB.get(base);
    if (!ib) continue;
    if (ia.length > 1 || ib.length > 1) {
      for (const i of ia) {
        const j = ib.find((j) => !usedB.has(j) && fieldChanges(A[i]!, B[j]!, false, { strict: false }).length === 0);
        if (j !== undefined) {
          pairs.push([i, j]);
          usedA.add(i);
          usedB.add(j);
        }
      }
    }
    const restB = ib.filter((j) => !usedB.has(j));
    for (const i of ia.filter((i) => !usedA.has(i))) {
      const j = restB.shift();
      if (j === undefined) break;
      pairs.push([i, j]);
      usedA.add(i);
      usedB.add(j);
    }
  }
  // Pass 2: records whose key moved, within one document.
  const leftB = new Map<string, number[]>();
  B.forEach((b, j) => {
    if (usedB.has(j)) return;
    const g = leftB.get(b.doc);
    if (g) g.push(j);
    else leftB.set(b.doc, [j]);
  });
  const candidates: { i: number; j: number; n: number }[] = [];
  A.forEach((a, i) => {
    if (usedA.has(i)) return;
    for (const j of leftB.get(a.doc) ?? []) {
      const b = B[j]!;
      if (closeEnough(kind, a, b, opts)) candidates.push({ i, j, n: fieldChanges(a, b, false, opts).length });
    }
  });
  candidates.sort((x, y) => x.n - y.n || x.i - y.i || x.j - y.j);
  for (const c of candidates) {
    if (usedA.has(c.i) || usedB.has(c.j)) continue;
    pairs.push([c.i, c.j]);
    usedA.add(c.i);
    usedB.add(c.j);
  }
  return {
    pairs,
    onlyA: A.map((_, i) => i).filter((i) => !usedA.has(i)),
    onlyB: B.map((_, j) => j).filter((j) => !usedB.has(j)),
  };
}

/** Compare a baseline (`a`) with today's run (`b`). */
export function diffSnapshots(a: Snapshot, b: Snapshot, opts: DiffOptions = {}): Diff {
  const docsA = new Map(a.documents.map((d) => [d.id, d]));
  const docsB = new Map(b.documents.map((d) => [d.id, d]));
  const order: string[] = [];
  const seen = new Set<string>();
  const note = (id: string): void => {
    if (!seen.has(id)) {
      seen.add(id);
      order.push(id);
    }
  };
  for (const d of b.documents) note(d.id);
  for (const d of a.documents) note(d.id);
  for (const k of KINDS) for (const r of [...b.records[k.key], ...a.records[k.key]]) note(r.doc);

  const perDoc = new Map<string, Change[]>(order.map((id) => [id, []]));
  const push = (doc: string, c: Change): void => void perDoc.get(doc)!.push(c);

  for (const id of order) {
    const da = docsA.get(id);
    const db = docsB.get(id);
    if (da && db) {
      const fields = fieldChanges(da, db, true, opts);
      if (fields.length) push(id, { op: 'changed', kind: 'document', key: id, fields });
    } else if (db) push(id, { op: 'added', kind: 'document', key: id, record: db });
    else if (da) push(id, { op: 'removed', kind: 'document', key: id, record: da });
  }

  let comparedRecords = 0;
  for (const { kind, key } of KINDS) {
    const A = a.records[key as KindKey];
    const B = b.records[key as KindKey];
    comparedRecords += B.length;
    const m = matchKind(kind, A, B, opts);
    const pairOfA = new Map(m.pairs);
    const onlyA = new Set(m.onlyA);
    // Baseline order for removed and changed, then today's order for added.
    A.forEach((r, i) => {
      if (onlyA.has(i)) return push(r.doc, { op: 'removed', kind, key: r.key, record: r });
      const j = pairOfA.get(i)!;
      const now = B[j]!;
      const fields = fieldChanges(r, now, false, opts);
      if (now.doc !== r.doc) fields.unshift({ field: 'doc', from: r.doc, to: now.doc });
      // An ordinal alone moving (`~2` → plain) is renumbering, not a change.
      if (fields.length || baseKey(now.key) !== baseKey(r.key)) {
        push(now.doc, { op: 'changed', kind, key: now.key, ...(now.key !== r.key ? { previousKey: r.key } : {}), fields });
      }
    });
    for (const j of m.onlyB) push(B[j]!.doc, { op: 'added', kind, key: B[j]!.key, record: B[j]! });
  }

  const documents: DocumentDiff[] = [];
  const summary = { documents: 0, added: 0, removed: 0, changed: 0, documentsAdded: 0, documentsRemoved: 0, comparedDocuments: order.length, comparedRecords };
  for (const id of order) {
    const changes = perDoc.get(id)!;
    if (!changes.length) continue;
    const status = docsA.has(id) && docsB.has(id) ? 'changed' : docsB.has(id) ? 'added' : docsA.has(id) ? 'removed' : 'changed';
    documents.push({ doc: id, status, changes });
    summary.documents++;
    for (const c of changes) {
      if (c.kind === 'document' && c.op === 'added') summary.documentsAdded++;
      else if (c.kind === 'document' && c.op === 'removed') summary.documentsRemoved++;
      else summary[c.op]++;
    }
  }
  return { changed: documents.length > 0, summary, documents };
}

export type { Doc, Rec, Snapshot };
