/** Stable keys: what they are built from, what they ignore, and how clashes are told apart. */
import { describe, expect, test } from 'vitest';
import { agreementKey, assignKeys, indicatorKey, legalRefKey, officialKey } from './keys.js';
import type { Draft, Indicator } from './schema.js';

const ev = (start: number, text = 'x') => [{ start, end: start + text.length, text }];

function figure(value: number, start: number, extra: Partial<Draft<Indicator>> = {}): Draft<Indicator> {
  return { evidence: ev(start), rule: 'indicator/r', indicator: 'grdp_growth', area: 'Province A', value, upper: null, unit: 'percent', period: '2022', status: 'actual', bound: 'exact', ranks: [], ...extra };
}

describe('keys', () => {
  test('one shape per kind, as documented', () => {
    expect(officialKey('a.txt', { name: 'Person Three' })).toBe('a.txt#official/Person Three');
    expect(indicatorKey('a.txt', { area: 'Province A', indicator: 'grdp_growth', period: '2022', status: 'actual' })).toBe('a.txt#indicator/Province A/grdp_growth/2022/actual');
    expect(agreementKey('a.txt', { parties: ['Province A', 'Province B'], signed: '2024-03-05', type: 'program' })).toBe('a.txt#agreement/Province A+Province B/2024-03-05/program');
    expect(legalRefKey('a.txt', { number: '24', docType: 'Law', subject: null, date: null })).toBe('a.txt#legal_ref/24');
  });

  test('a missing part is `-`; a slash or hash inside a part cannot break the key apart', () => {
    expect(indicatorKey('a.txt', { area: null, indicator: 'fdi', period: null, status: 'target' })).toBe('a.txt#indicator/-/fdi/-/target');
    const k = legalRefKey('a.txt', { number: '11-NQ/TW', docType: 'Resolution', subject: null, date: null });
    expect(k.split('#')).toHaveLength(2);
    expect(k.slice(k.indexOf('#') + 1).split('/')).toEqual(['legal_ref', '11-NQ∕TW']);
    expect(indicatorKey('a.txt', { area: 'x/y', indicator: 'fdi', period: '2021/2025', status: 'target' }).split('/')).toHaveLength(5);
  });

  test('a legal reference without a number is keyed by its type and subject (or date)', () => {
    expect(legalRefKey('a.txt', { number: null, docType: 'Plan', subject: 'tourism growth', date: '2023' })).toBe('a.txt#legal_ref/Plan:tourism growth');
    expect(legalRefKey('a.txt', { number: null, docType: 'Plan', subject: null, date: '2023' })).toBe('a.txt#legal_ref/Plan:2023');
  });

  test('offsets, values and rule ids are not in the key: an unrelated edit keeps it', () => {
    const before = assignKeys('a.txt', { officials: [], indicators: [figure(9.02, 100)], agreements: [], legalRefs: [] });
    const after = assignKeys('a.txt', { officials: [], indicators: [figure(9.2, 480, { rule: 'indicator/other' })], agreements: [], legalRefs: [] });
    expect(after.indicators[0]!.key).toBe(before.indicators[0]!.key);
  });

  test('records that would share a key get ordinals in document order', () => {
    const keyed = assignKeys('a.txt', { officials: [], indicators: [figure(5, 10), figure(6, 50), figure(7, 90, { period: '2023' }), figure(8, 120)], agreements: [], legalRefs: [] });
    expect(keyed.indicators.map((r) => r.key)).toEqual([
      'a.txt#indicator/Province A/grdp_growth/2022/actual',
      'a.txt#indicator/Province A/grdp_growth/2022/actual~2',
      'a.txt#indicator/Province A/grdp_growth/2023/actual',
      'a.txt#indicator/Province A/grdp_growth/2022/actual~3',
    ]);
    expect(new Set(keyed.indicators.map((r) => r.key)).size).toBe(4);
  });

  test('the document id is the prefix, so keys are unique across a corpus', () => {
    const a = assignKeys('a.txt', { officials: [], indicators: [figure(5, 10)], agreements: [], legalRefs: [] });
    const b = assignKeys('b.txt', { officials: [], indicators: [figure(5, 10)], agreements: [], legalRefs: [] });
    expect(a.indicators[0]!.key).not.toBe(b.indicators[0]!.key);
    expect(a.indicators[0]!.doc).toBe('a.txt');
  });
});
