import { describe, expect, test } from 'vitest';
import { extract } from '../extract.js';
import { loadCorpus, pick } from '../engine/corpus.js';

const FIELDS = ['parties', 'type', 'signed', 'period'] as const;

describe('agreements corpus', () => {
  for (const c of loadCorpus('agreements')) {
    (c.knownGap ? test.fails : test)(`${c.rule} | ${c.text}`, () => {
      const found = extract(c.text, { id: 'corpus', kinds: ['agreements'] }).agreements;
      expect(found.map((r) => pick(r, FIELDS))).toEqual(c.expect);
      for (const r of found) for (const e of r.evidence) expect(c.text.slice(e.start, e.end)).toBe(e.text);
    });
  }
});
