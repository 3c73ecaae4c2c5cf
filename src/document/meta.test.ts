import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { expect, test } from 'vitest';
import { documentMeta } from './meta.js';

const t = parse(readFileSync(new URL('../../fixtures/document/meta.yaml', import.meta.url), 'utf8'));

test.each(t.cases as { text: string; title: string | null; published: string | null; authors: string[] }[])('$title', (c) => {
  const m = documentMeta(c.text);
  expect({ title: m.title, published: m.published, authors: m.authors }).toEqual({ title: c.title, published: c.published, authors: c.authors });
  if (m.titleSpan) expect(c.text.slice(m.titleSpan.start, m.titleSpan.end)).toBe(m.title);
});
