import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { escapeHtml, invalidSpans, markUp, type Span } from './spans.js';

interface Tagged extends Span {
  name: string;
}

/** Render spans as `<m n="NAME" f="1|0">…</m>` so structure is easy to check. */
const render = {
  open: (s: Tagged, first: boolean) => `<m n="${s.name}" f="${first ? 1 : 0}">`,
  close: () => '</m>',
};

const unescape = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/**
 * Walk the markup: check every tag is closed in order, and collect for each span name the text
 * its fragments cover (with offsets) and how many fragments are first ones.
 */
function analyse(html: string): { text: string; covered: Map<string, { from: number; to: number }[]>; firsts: Map<string, number> } {
  const stack: string[] = [];
  const covered = new Map<string, { from: number; to: number }[]>();
  const firsts = new Map<string, number>();
  const openAt: number[] = [];
  let text = '';
  const re = /<m n="([^"]*)" f="([01])">|<\/m>|[^<]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(html))) {
    if (m[0] === '</m>') {
      const name = stack.pop();
      if (name === undefined) throw new Error('close without open');
      const from = openAt.pop()!;
      covered.set(name, [...(covered.get(name) ?? []), { from, to: text.length }]);
    } else if (m[1] !== undefined) {
      stack.push(m[1]);
      openAt.push(text.length);
      if (m[2] === '1') firsts.set(m[1], (firsts.get(m[1]) ?? 0) + 1);
    } else {
      if (m[0].includes('<') || m[0].includes('>')) throw new Error('raw markup in text');
      text += unescape(m[0]);
    }
  }
  if (stack.length) throw new Error(`unclosed: ${stack.join(',')}`);
  return { text, covered, firsts };
}

/** Merge adjacent fragments into the ranges they cover. */
function merged(parts: { from: number; to: number }[]): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  for (const p of [...parts].sort((a, b) => a.from - b.from)) {
    const last = out[out.length - 1];
    if (last && last.to === p.from) last.to = p.to;
    else if (p.to > p.from) out.push({ ...p });
  }
  return out;
}

describe('escapeHtml', () => {
  test.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['A & B', 'A &amp; B'],
    ['&amp;', '&amp;amp;'],
    [`"x" 'y'`, '&quot;x&quot; &#39;y&#39;'],
    ['plain', 'plain'],
  ])('%s', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });
});

describe('markUp', () => {
  test('no spans: escaped text only', () => {
    expect(markUp('a <b> & c', [], render)).toBe('a &lt;b&gt; &amp; c');
  });

  test('disjoint and adjacent spans', () => {
    const html = markUp('abcdef', [{ start: 0, end: 2, name: 'x' }, { start: 2, end: 4, name: 'y' }], render);
    expect(html).toBe('<m n="x" f="1">ab</m><m n="y" f="1">cd</m>ef');
  });

  test('a nested span sits inside the longer one; equal starts put the longer outside', () => {
    const html = markUp('abcdef', [{ start: 1, end: 3, name: 'in' }, { start: 1, end: 5, name: 'out' }], render);
    expect(html).toBe('a<m n="out" f="1"><m n="in" f="1">bc</m>de</m>f');
  });

  test('crossing spans split the later-closing one into a continuation', () => {
    // a: [0,4) "abcd", b: [2,6) "cdef"
    const html = markUp('abcdefg', [{ start: 0, end: 4, name: 'a' }, { start: 2, end: 6, name: 'b' }], render);
    expect(html).toBe('<m n="a" f="1">ab<m n="b" f="1">cd</m></m><m n="b" f="0">ef</m>g');
  });

  test('identical spans nest in the order given', () => {
    const html = markUp('xyz', [{ start: 0, end: 3, name: 'p' }, { start: 0, end: 3, name: 'q' }], render);
    expect(html).toBe('<m n="p" f="1"><m n="q" f="1">xyz</m></m>');
  });

  test('spans inside markup-like text escape the text, never the structure', () => {
    const text = '<i>&amp;</i>';
    const html = markUp(text, [{ start: 0, end: 3, name: 'tag' }], render);
    expect(html).toBe('<m n="tag" f="1">&lt;i&gt;</m>&amp;amp;&lt;/i&gt;');
  });

  test('empty, reversed and out-of-range spans are ignored and reported', () => {
    const spans = [
      { start: 2, end: 2, name: 'empty' },
      { start: 3, end: 1, name: 'reversed' },
      { start: 1, end: 99, name: 'outside' },
      { start: 0, end: 1, name: 'ok' },
    ];
    expect(markUp('abc', spans, render)).toBe('<m n="ok" f="1">a</m>bc');
    expect(invalidSpans(spans, 3).map((s) => s.name)).toEqual(['empty', 'reversed', 'outside']);
  });

  test('offsets are UTF-16 units: a surrogate pair and NFC Vietnamese letters stay whole', () => {
    const text = 'x\u{1F600}y\u1EC7z'; // x, emoji (2 units), y, one precomposed letter, z
    const html = markUp(text, [{ start: 1, end: 3, name: 'emoji' }, { start: 4, end: 5, name: 'letter' }], render);
    const { covered } = analyse(html);
    expect(text.slice(covered.get('emoji')![0]!.from, covered.get('emoji')![0]!.to)).toBe('\u{1F600}');
    expect(text.slice(covered.get('letter')![0]!.from, covered.get('letter')![0]!.to)).toBe('\u1EC7');
  });

  test('property: any spans give well-nested markup, the text unchanged, each span covered exactly once', () => {
    const textArb = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '<', '>', '&', '"', "'", '\n'), minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(
        textArb.chain((text) =>
          fc.tuple(
            fc.constant(text),
            fc.array(
              fc.tuple(fc.nat(text.length), fc.nat(text.length)).filter(([a, b]) => a !== b),
              { maxLength: 12 },
            ),
          ),
        ),
        ([text, pairs]) => {
          const spans: Tagged[] = pairs.map(([a, b], i) => ({ start: Math.min(a, b), end: Math.max(a, b), name: `s${i}` }));
          const { text: shown, covered, firsts } = analyse(markUp(text, spans, render));
          expect(shown).toBe(text);
          for (const s of spans) {
            expect(merged(covered.get(s.name) ?? [])).toEqual([{ from: s.start, to: s.end }]);
            expect(firsts.get(s.name)).toBe(1);
          }
        },
      ),
      { numRuns: 400, seed: 7 },
    );
  });
});
