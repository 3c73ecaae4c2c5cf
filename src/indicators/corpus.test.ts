import { describe, expect, test } from 'vitest';
import { extract } from '../extract.js';
import { loadCorpus, pick } from '../engine/corpus.js';

const FIELDS = ['indicator', 'area', 'value', 'upper', 'unit', 'period', 'status', 'bound', 'ranks'] as const;

describe('indicators corpus', () => {
  for (const c of loadCorpus('indicators')) {
    (c.knownGap ? test.fails : test)(`${c.rule} | ${c.text}`, () => {
      const found = extract(c.text, { id: 'corpus', kinds: ['indicators'] }).indicators;
      // A corpus entry lists scored fields; `ranks` may be left out when there are none.
      const expected = c.expect.map((e) => ({ ranks: [], ...e }));
      expect(found.map((r) => pick(r, FIELDS))).toEqual(expected.map((e) => pick(e, FIELDS)));
      for (const r of found) for (const e of r.evidence) expect(c.text.slice(e.start, e.end)).toBe(e.text);
    });
  }
});
