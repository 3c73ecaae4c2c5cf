import { describe, expect, test } from 'vitest';
import { extract } from '../extract.js';
import { loadCorpus, pick } from '../engine/corpus.js';

const FIELDS = ['name', 'province', 'titles'] as const;

describe('officials corpus', () => {
  for (const c of loadCorpus('officials')) {
    (c.knownGap ? test.fails : test)(`${c.rule} | ${c.text}`, () => {
      const found = extract(c.text, { id: 'corpus', kinds: ['officials'] }).officials;
      expect(found.map((r) => pick(r, FIELDS))).toEqual(c.expect);
      for (const r of found) for (const e of r.evidence) expect(c.text.slice(e.start, e.end)).toBe(e.text);
    });
  }
});
