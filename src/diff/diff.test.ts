/**
 * The differ on hand-built snapshots: matching by key, field-by-field changes, key moves,
 * ordinals, tolerance, strict evidence, and the exact report lines people read.
 */
import { describe, expect, test } from 'vitest';
import { diffSnapshots, jsonEqual, parseTolerance } from './diff.js';
import { formatDiffJson, formatDiffText, formatScalar } from './report.js';
import { parseSnapshot, type Snapshot } from './snapshot.js';

const DOC = 'a.txt';

function doc(id: string, extra: Record<string, unknown> = {}) {
  return { id, path: `corpus/${id}`, sha256: '0'.repeat(64), chars: 100, title: 'T', published: null, authors: [], warnings: [], ...extra };
}

function ind(value: number, period: string | null, extra: Record<string, unknown> = {}) {
  const key = `${DOC}#indicator/Province A/grdp_growth/${period ?? '-'}/actual`;
  return { key, doc: DOC, evidence: [{ start: 10, end: 15, text: `${value}%` }], rule: 'indicator/r1', indicator: 'grdp_growth', area: 'Province A', value, upper: null, unit: 'percent', period, status: 'actual', bound: 'exact', ranks: [], ...extra };
}

function official(name: string, titles: string[]) {
  return { key: `${DOC}#official/${name}`, doc: DOC, evidence: [{ start: 0, end: name.length, text: name }], rule: 'official/r', name, province: 'Province A', titles };
}

function snap(parts: Partial<Snapshot['records']> & { documents?: Snapshot['documents'] }): Snapshot {
  return {
    schemaVersion: 1,
    generator: 'x@1',
    documents: parts.documents ?? [doc(DOC)],
    records: { officials: parts.officials ?? [], indicators: parts.indicators ?? [], agreements: parts.agreements ?? [], legalRefs: parts.legalRefs ?? [] },
  } as Snapshot;
}

const text = (a: Snapshot, b: Snapshot, opts = {}) => formatDiffText(diffSnapshots(a, b, opts), { colour: false });

describe('diffSnapshots', () => {
  test('identical snapshots: no change, and metadata (generator, document path) is ignored', () => {
    const a = snap({ indicators: [ind(9.02, '2022')] });
    const b = { ...snap({ indicators: [ind(9.02, '2022')], documents: [doc(DOC, { path: '/elsewhere/a.txt' })] }), generator: 'x@2' };
    const d = diffSnapshots(a, b);
    expect(d.changed).toBe(false);
    expect(text(a, b)).toBe('no changes (1 document, 1 record)\n');
  });

  test('a changed value, a removed person and an added figure, line by line', () => {
    const a = snap({ officials: [official('Person One', ['Title One'])], indicators: [ind(9.02, '2022')] });
    const b = snap({ indicators: [ind(9.2, '2022'), ind(7, '2030', { status: 'target', key: `${DOC}#indicator/Province A/grdp_growth/2030/target` })] });
    expect(text(a, b).split('\n')).toEqual([
      'a.txt',
      '  - a.txt#official/Person One  (Title One)',
      '  ~ a.txt#indicator/Province A/grdp_growth/2022/actual',
      '      value 9.02 → 9.2',
      '      evidence [9.02%] → [9.2%]',
      '  + a.txt#indicator/Province A/grdp_growth/2030/target  (7 percent)',
      '',
      '3 changes in 1 of 1 document: 1 added, 1 removed, 1 changed',
      '',
    ]);
  });

  test('a keyed field moving (period 2022 → null) is one change with the old key, not a removal and an addition', () => {
    const a = snap({ indicators: [ind(9.02, '2022')] });
    const b = snap({ indicators: [ind(9.02, null)] });
    const d = diffSnapshots(a, b);
    expect(d.summary).toMatchObject({ added: 0, removed: 0, changed: 1 });
    expect(d.documents[0]!.changes[0]).toEqual({
      op: 'changed',
      kind: 'indicator',
      key: 'a.txt#indicator/Province A/grdp_growth/-/actual',
      previousKey: 'a.txt#indicator/Province A/grdp_growth/2022/actual',
      fields: [{ field: 'period', from: '2022', to: null }],
    });
    expect(text(a, b)).toContain('      period 2022 → null\n');
  });

  test('a different figure of the same indicator is not paired as a change', () => {
    const a = snap({ indicators: [ind(9.02, '2022')] });
    const b = snap({ indicators: [ind(7, '2030', { status: 'target', bound: 'approx', key: `${DOC}#indicator/Province A/grdp_growth/2030/target` })] });
    expect(diffSnapshots(a, b).summary).toMatchObject({ added: 1, removed: 1, changed: 0 });
  });

  test('two figures sharing a key: removing the first reports it removed, not the second as changed', () => {
    const k = `${DOC}#indicator/Province A/grdp_growth/2022/actual`;
    const a = snap({ indicators: [ind(5, '2022'), ind(6, '2022', { key: `${k}~2` })] });
    const b = snap({ indicators: [ind(6, '2022')] });
    const d = diffSnapshots(a, b);
    expect(d.summary).toMatchObject({ added: 0, removed: 1, changed: 0 });
    expect(d.documents[0]!.changes).toEqual([expect.objectContaining({ op: 'removed', key: k })]);
  });

  test('new evidence wording alone is not a change unless strict; with a real change it is shown for context', () => {
    const a = snap({ indicators: [ind(9.02, '2022')] });
    const b = snap({ indicators: [ind(9.02, '2022', { evidence: [{ start: 10, end: 30, text: 'reached 9.02%' }] })] });
    expect(diffSnapshots(a, b).changed).toBe(false);
    expect(diffSnapshots(a, b, { strict: true }).summary.changed).toBe(1);
    const c = snap({ indicators: [ind(9.02, '2022', { evidence: [{ start: 10, end: 30, text: 'reached 9.02%' }], bound: 'over' })] });
    expect(text(a, c).split('\n').slice(2, 4)).toEqual(['      bound exact → over', '      evidence [9.02%] → [reached 9.02%]']);
  });

  test('evidence offsets alone moving is not a change unless strict; a new rule id only under strict', () => {
    const a = snap({ indicators: [ind(9.02, '2022')] });
    const b = snap({ indicators: [ind(9.02, '2022', { evidence: [{ start: 210, end: 215, text: '9.02%' }], rule: 'indicator/r2' })] });
    expect(diffSnapshots(a, b).changed).toBe(false);
    expect(text(a, b, { strict: true }).split('\n').slice(1, 4)).toEqual([
      '  ~ a.txt#indicator/Province A/grdp_growth/2022/actual',
      '      evidence [10–15 9.02%] → [210–215 9.02%]',
      '      rule indicator/r1 → indicator/r2',
    ]);
  });

  test('tolerance: relative and absolute; a move beyond it is still a change', () => {
    const a = snap({ indicators: [ind(100, '2022')] });
    const near = snap({ indicators: [ind(100.4, '2022', { evidence: [{ start: 10, end: 15, text: '100%' }] })] });
    const far = snap({ indicators: [ind(101, '2022', { evidence: [{ start: 10, end: 15, text: '100%' }] })] });
    expect(diffSnapshots(a, near, { tolerance: { relative: 0.005 } }).changed).toBe(false);
    expect(diffSnapshots(a, far, { tolerance: { relative: 0.005 } }).changed).toBe(true);
    expect(diffSnapshots(a, near, { tolerance: { absolute: 0.5 } }).changed).toBe(false);
    expect(diffSnapshots(a, near).changed).toBe(true);
  });

  test('documents added and removed are reported with their records', () => {
    const a = snap({ documents: [doc(DOC), doc('gone.txt')], officials: [{ ...official('Person Two', []), key: 'gone.txt#official/Person Two', doc: 'gone.txt' }] });
    const b = snap({ documents: [doc(DOC), doc('new.txt', { title: 'Fresh' })] });
    expect(text(a, b).split('\n')).toEqual([
      'new.txt  (new document)',
      '',
      'gone.txt  (document removed)',
      '  - gone.txt#official/Person Two',
      '',
      '3 changes in 2 of 3 documents: 0 added, 1 removed, 0 changed; 1 new document, 1 document removed',
      '',
    ]);
  });

  test('document fields: title is compared, sha256 and length only under strict', () => {
    const a = snap({});
    const b = snap({ documents: [doc(DOC, { title: 'New title', sha256: '1'.repeat(64), chars: 120 })] });
    expect(text(a, b).split('\n').slice(0, 3)).toEqual(['a.txt', '  ~ document', '      title T → New title']);
    const strict = diffSnapshots(a, b, { strict: true }).documents[0]!.changes[0]!;
    expect(strict.op === 'changed' && strict.fields.map((f) => f.field)).toEqual(['sha256', 'chars', 'title']);
  });

  test('json report carries the same diff', () => {
    const a = snap({ indicators: [ind(9.02, '2022')] });
    const b = snap({ indicators: [ind(9.2, '2022')] });
    const j = JSON.parse(formatDiffJson(diffSnapshots(a, b), { baseline: 'b.json' }));
    expect(j).toMatchObject({ baseline: 'b.json', changed: true, summary: { changed: 1, added: 0, removed: 0 } });
    expect(j.documents[0].changes[0].fields[0]).toEqual({ field: 'value', from: 9.02, to: 9.2 });
  });
});

describe('helpers', () => {
  test.each([
    ['0.5%', { relative: 0.005 }],
    ['2%', { relative: 0.02 }],
    ['0.01', { absolute: 0.01 }],
    ['.5%', { relative: 0.005 }],
    ['abc', null],
    ['-1%', null],
    ['', null],
  ])('parseTolerance(%j)', (s, want) => {
    const got = parseTolerance(s);
    if (want === null) expect(got).toBeNull();
    else if ('relative' in want) expect((got as { relative: number }).relative).toBeCloseTo(want.relative, 12);
    else expect(got).toEqual(want);
  });

  test('jsonEqual ignores key order, not values', () => {
    expect(jsonEqual({ a: 1, b: [1, { c: null }] }, { b: [1, { c: null }], a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: '1' })).toBe(false);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
  });

  test.each([
    [null, 'null'],
    [9.02, '9.02'],
    ['2022', '2022'],
    ['Province A', 'Province A'],
    ['', '""'],
    [' x', '" x"'],
    [['a', 'b'], '[a; b]'],
    [[{ position: 4, of: 14, scope: null }], '[{"position":4,"of":14,"scope":null}]'],
  ])('formatScalar(%j) = %s', (v, want) => expect(formatScalar(v)).toBe(want));
});

describe('parseSnapshot', () => {
  const tree = { schemaVersion: 1, generator: 'x@1', documents: [doc(DOC)], officials: [], indicators: [ind(1, '2022')], agreements: [], legalRefs: [] };

  test('reads the json tree and the ndjson lines to the same snapshot', () => {
    const ndjson = [JSON.stringify({ kind: 'document', ...doc(DOC) }), JSON.stringify({ kind: 'indicator', ...ind(1, '2022') })].join('\n') + '\n';
    const a = parseSnapshot(JSON.stringify(tree, null, 2));
    const b = parseSnapshot(ndjson);
    expect(diffSnapshots(a, b).changed).toBe(false);
    expect(b.records.indicators).toHaveLength(1);
    expect(b.documents[0]).not.toHaveProperty('kind');
  });

  test('a UTF-8 BOM is accepted', () => {
    expect(parseSnapshot('\ufeff' + JSON.stringify(tree)).documents).toHaveLength(1);
  });

  test.each([
    ['', /empty file/],
    ['{"documents": 3}', /documents/],
    ['{', /not valid JSON/],
    ['{"kind":"document","id":"a"}\n{"kind":"indicator"}\n', /line 2: key/],
    ['{"kind":"document","id":"a"}\nnope\n', /line 2: not valid JSON/],
    ['{"kind":"weird","id":"a"}\n', /line 1: expected a line of `extract --format ndjson`/],
  ])('rejects %j', (input, msg) => {
    expect(() => parseSnapshot(input)).toThrow(msg);
  });
});
