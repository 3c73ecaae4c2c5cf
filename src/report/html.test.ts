import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { loadSample } from '../../fixtures/report/sample.ts';
import { fileURLToPath } from 'node:url';
import { loadGoldDir } from '../eval/gold.js';
import { score } from '../eval/score.js';
import { KINDS, type Result } from '../schema.js';
import { SCRIPT } from './assets.js';
import { describeIndicator, formatValue } from './describe.js';
import { buildReport } from './html.js';

const allRecords = (r: Result) => KINDS.flatMap(({ kind, key }) => (r[key] as { key: string; evidence: unknown[] }[]).map((x) => ({ kind, ...x })));

/** The opening tags of the highlights, as attribute maps (attribute values unescaped). */
function highlights(html: string): Record<string, string>[] {
  return [...html.matchAll(/<mark class="hl"([^>]*)>/g)].map((m) =>
    Object.fromEntries([...m[1]!.matchAll(/ ([a-z-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')])),
  );
}

describe('buildReport', () => {
  const sample = loadSample();
  const html = buildReport({ documents: [sample], generator: 'test@0' });

  test('every evidence span of every record has exactly one anchored highlight with its kind and key', () => {
    const marks = highlights(html);
    for (const r of allRecords(sample.result)) {
      const anchored = marks.filter((m) => m['data-key'] === r.key && m.id !== undefined);
      expect(anchored.length, r.key).toBe(r.evidence.length);
      for (const m of anchored) expect(m['data-kind']).toBe(r.kind);
    }
    const keys = new Set(marks.map((m) => m['data-key']));
    expect(keys.size).toBe(allRecords(sample.result).length);
  });

  test('crossing spans become fragments: the continuation has no id and no tab stop', () => {
    // The agreement's second mention ends inside the legal reference, so the reference (opened
    // inside the agreement) is closed there and continues as a second fragment.
    const ref = sample.result.legalRefs[0]!;
    const frags = highlights(html).filter((m) => m['data-key'] === ref.key);
    expect(frags).toHaveLength(2);
    expect(frags[0]!.id).toMatch(/^ev-0-\d+-0$/);
    expect(frags[0]!.tabindex).toBe('0');
    expect(frags[1]!['data-cont']).toBe('');
    expect(frags[1]!.id).toBeUndefined();
    expect(frags[1]!.tabindex).toBeUndefined();
  });

  test('the tooltip text is the normalised record', () => {
    const ind = sample.result.indicators[0]!;
    expect(describeIndicator(ind)).toBe(`grdp_growth · ${ind.area} · 2023 · 7.45 % · actual · rank 12/63`);
    const m = highlights(html).find((x) => x['data-key'] === ind.key)!;
    expect(m['data-tip']).toBe(describeIndicator(ind));
    expect(m['data-rule']).toBe('sample/indicator');
  });

  test.each([
    [{ value: 9.02, upper: null, unit: 'percent' as const }, '9.02 %'],
    [{ value: 4, upper: 5, unit: 'percent' as const }, '4–5 %'],
    [{ value: 82380000, upper: null, unit: 'VND' as const }, '82.38 million VND'],
    [{ value: 10000000000000, upper: null, unit: 'VND' as const }, '10,000 billion VND'],
    [{ value: 7200000, upper: null, unit: 'visits' as const }, '7,200,000 visits'],
    [{ value: 1234, upper: null, unit: 'count' as const }, '1,234'],
  ])('value %o reads %s', (r, expected) => {
    expect(formatValue(r)).toBe(expected);
  });

  test('article text with markup is escaped: the only script is the page’s own', () => {
    expect(sample.text).toContain('<script>window.__injected = 1</script>');
    expect(html).toContain('&lt;script&gt;window.__injected = 1&lt;/script&gt;');
    expect(html).toContain('&lt;img src=&quot;x&quot; onerror=&quot;window.__injected = 2&quot;&gt;');
    expect(html).toContain('&amp;amp; &amp;lt;b&amp;gt;');
    expect(html.match(/<script\b/g)).toHaveLength(1);
    expect(html).not.toMatch(/<img\b/);
  });

  test('record values with markup are escaped inside attributes and cells', () => {
    const evil = structuredClone(sample);
    evil.result.officials[0]!.name = `Tran "<b onmouseover=alert(1)>" 'x'`;
    const page = buildReport({ documents: [evil], generator: 'test@0' });
    expect(page).not.toContain('<b onmouseover');
    expect(page).toContain('&quot;&lt;b onmouseover=alert(1)&gt;&quot; &#39;x&#39;');
  });

  test('self-contained: no external resources, and a CSP whose hash matches the inline script', () => {
    expect(html).not.toMatch(/<link\b|<iframe\b|<[^>]*\s(src|srcset|background)=|@import|url\(/i);
    const urls = [...html.matchAll(/https?:\/\/[^\s"'<>]+/g)].map((m) => m[0]);
    expect(urls.every((u) => u === 'http://www.w3.org/2000/svg')).toBe(true);
    const hash = createHash('sha256').update(SCRIPT, 'utf8').digest('base64');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)![1]!.replace(/&#39;/g, "'");
    expect(csp).toContain(`script-src 'sha256-${hash}'`);
    expect(csp).toContain("default-src 'none'");
    expect(html).toContain(`<script>${SCRIPT}</script>`);
  });

  test('deterministic: the same input gives the same bytes', () => {
    expect(buildReport({ documents: [loadSample()], generator: 'test@0' })).toBe(html);
  });

  test('the figures table has one row per indicator, the chart one bar per growth figure', () => {
    const rows = html.match(/<tr data-record="[^"]*#indicator\//g) ?? [];
    // Each indicator appears once in the figures table and once in the all-records table.
    expect(rows.length).toBe(2 * sample.result.indicators.length);
    const bars = html.match(/<a href="#ev-[^"]*" class="bar s-/g) ?? [];
    expect(bars.length).toBe(sample.result.indicators.filter((r) => r.indicator === 'grdp_growth').length);
  });

  test('an official mention without the name is coloured as a title', () => {
    const official = sample.result.officials[0]!;
    const marks = highlights(html).filter((m) => m['data-key'] === official.key && m.id);
    expect(marks.map((m) => m['data-role'] ?? 'name')).toEqual(['name', 'name', 'title']);
  });

  test('a document whose text does not match its offsets is reported, not silently mis-highlighted', () => {
    const shifted = { result: sample.result, text: 'x' + sample.text };
    const page = buildReport({ documents: [shifted], generator: 'test@0' });
    expect(page).toMatch(/does not match the text/);
    expect(page).toMatch(/offsets may be off/);
  });
});

describe('buildReport with gold (visual eval)', () => {
  const sample = loadSample();
  const r = sample.result;
  const ind = r.indicators;
  // fixtures/report/gold/sample.yaml disagrees on purpose: see its header.
  const golds = loadGoldDir(fileURLToPath(new URL('../../fixtures/report/gold', import.meta.url)));
  const s = score(golds, { officials: r.officials, indicators: r.indicators, agreements: r.agreements, legalRefs: r.legalRefs });
  const html = buildReport({ documents: [sample], generator: 'test@0', evaluation: { score: s, golds } });
  const marks = highlights(html).filter((m) => m.id);

  test('spurious and wrong records are marked on their highlights, with the reason', () => {
    const budget = marks.find((m) => m['data-key'] === ind[1]!.key)!;
    expect(budget['data-eval']).toBe('spurious');
    const hg = marks.find((m) => m['data-key'] === ind[2]!.key)!;
    expect(hg['data-eval']).toBe('wrong');
    expect(hg['data-eval-note']).toMatch(/period 2023 ≠ gold 2022/);
    expect(marks.find((m) => m['data-key'] === r.legalRefs[0]!.key)!['data-eval']).toBe('ok');
    expect(marks.find((m) => m['data-key'] === ind[0]!.key)!['data-eval']).toBe('ok');
  });

  test('a miss is listed, and underlined where its gold quote is found in the text', () => {
    const quote = golds[0]!.indicators.find((g) => g.quote)!.quote!;
    expect(html).toMatch(/1 missed \(in gold, not extracted\)/);
    const open = 'id="miss-0-0" tabindex="0">';
    const textAfter = html.slice(html.indexOf(open) + open.length).replace(/<[^>]*>/g, '');
    expect(textAfter.startsWith(quote)).toBe(true);
    expect(html).toMatch(/<mark class="miss" data-miss="miss-0-0" data-tip="indicators: poverty_rate/);
    // A miss is not a record: it carries no data-kind, so record counts on the page stay equal.
    expect(html).not.toMatch(/<mark class="miss"[^>]*data-kind/);
  });

  test('the score table is on the page', () => {
    expect(html).toContain('Evaluation against gold');
    expect(s.kinds.indicators.matched).toBe(3);
    expect(s.kinds.indicators.predicted).toBe(4);
  });
});
