/** CSV tables: columns from the schemas, RFC 4180 quoting, lists, ranks, evidence, the BOM. */
import { describe, expect, test } from 'vitest';
import type { Result } from '../schema.js';
import { BOM, cellText, csvColumns, quoteCsv, toCsv } from './csv.js';

const result: Result = {
  document: { id: 'a.txt', path: 'in/a.txt', sha256: 'f'.repeat(64), chars: 99, title: 'Title, with "quotes"', published: '2024-03-05', authors: ['Writer One', 'Writer Two'], warnings: [] },
  officials: [
    { key: 'a.txt#official/Person One', doc: 'a.txt', evidence: [{ start: 0, end: 10, text: 'Person One' }, { start: 50, end: 60, text: 'second' }], rule: 'official/r', name: 'Person One', province: null, titles: ['Title A', 'Title B, deputy'] },
  ],
  indicators: [
    {
      key: 'a.txt#indicator/Area/grdp_growth/2022/actual',
      doc: 'a.txt',
      evidence: [{ start: 5, end: 30, text: 'grew\n9.02%' }],
      rule: 'indicator/r',
      indicator: 'grdp_growth',
      area: 'Area',
      value: 9.02,
      upper: null,
      unit: 'percent',
      period: '2022',
      status: 'actual',
      bound: 'exact',
      ranks: [
        { position: 4, of: 14, scope: 'the region' },
        { position: 1, of: null, scope: null },
      ],
    },
  ],
  agreements: [],
  legalRefs: [],
};

describe('csv', () => {
  test('columns follow the schema: key and doc first, evidence and rule last', () => {
    expect(csvColumns('indicators')).toEqual(['key', 'doc', 'indicator', 'area', 'value', 'upper', 'unit', 'period', 'status', 'bound', 'ranks', 'evidence', 'rule']);
    expect(csvColumns('officials')).toEqual(['key', 'doc', 'name', 'province', 'titles', 'evidence', 'rule']);
    expect(csvColumns('legalRefs')).toEqual(['key', 'doc', 'docType', 'number', 'issuer', 'date', 'subject', 'evidence', 'rule']);
    expect(csvColumns('documents')[0]).toBe('id');
  });

  test.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    ['', ''],
  ])('quoteCsv(%j) = %j', (s, want) => expect(quoteCsv(s)).toBe(want));

  test('cells: null empty, lists joined with "; ", ranks readable, evidence is its first text', () => {
    expect(cellText('province', null)).toBe('');
    expect(cellText('titles', ['A', 'B'])).toBe('A; B');
    expect(cellText('ranks', result.indicators[0]!.ranks)).toBe('4/14 the region; 1');
    expect(cellText('evidence', result.officials[0]!.evidence)).toBe('Person One');
    expect(cellText('value', 82380000)).toBe('82380000');
  });

  test('a whole table: CRLF rows, quoted where needed, one row per record', () => {
    expect(toCsv('officials', [result])).toBe(
      'key,doc,name,province,titles,evidence,rule\r\n' + 'a.txt#official/Person One,a.txt,Person One,,"Title A; Title B, deputy",Person One,official/r\r\n',
    );
    const ind = toCsv('indicators', [result]).split('\r\n');
    expect(ind[1]).toBe('a.txt#indicator/Area/grdp_growth/2022/actual,a.txt,grdp_growth,Area,9.02,,percent,2022,actual,exact,4/14 the region; 1,"grew\n9.02%",indicator/r');
    expect(toCsv('documents', [result]).split('\r\n')[1]).toBe(`a.txt,in/a.txt,${'f'.repeat(64)},99,"Title, with ""quotes""",2024-03-05,Writer One; Writer Two,`);
  });

  test('an empty table is its header; --excel adds the BOM and nothing else', () => {
    expect(toCsv('agreements', [result])).toBe(csvColumns('agreements').join(',') + '\r\n');
    const plain = toCsv('officials', [result]);
    expect(toCsv('officials', [result], { bom: true })).toBe(BOM + plain);
    expect(Buffer.from(BOM, 'utf8')).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
});
