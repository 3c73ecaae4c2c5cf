/**
 * The review page in a real browser: Debian's headless Chromium driven by playwright-core.
 * It opens the report of the seeds (made by the built binary, as a user would) and checks that
 * every record of the seeds' JSON output is a highlight, then drives a hand-made sample
 * (fixtures/report) through hover, keyboard, sorting, filtering and escaping. No network: every
 * request the page makes is recorded and must be the file itself.
 *
 * The screenshot goes to .test-output/report.png; with UPDATE_SCREENSHOT=1 it is also copied to
 * fixtures/report/screenshot.png (the README's picture).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadSample } from '../../fixtures/report/sample.ts';
import { KINDS, outputSchema, type Output } from '../schema.js';
import { describeIndicator } from './describe.js';
import { buildReport } from './html.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/extract.js');
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const SHOT = join(ROOT, '.test-output/report.png');
const COMMITTED_SHOT = join(ROOT, 'fixtures/report/screenshot.png');

let tmp: string;
let ctx: BrowserContext;
const requests: string[] = [];
const pageErrors: string[] = [];

function cli(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8') };
}

async function open(file: string): Promise<Page> {
  const page = await ctx.newPage();
  page.on('request', (r) => void requests.push(r.url()));
  page.on('pageerror', (e) => void pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  await page.goto(pathToFileURL(file).href);
  return page;
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: the browser test needs Debian's chromium (apt-get install -y chromium; .ci/run installs it)`);
  }
  if (!existsSync(join(ROOT, 'dist/cli/main.js'))) throw new Error('dist/ is missing: build first (npx tsc -p tsconfig.json, or npm test)');
  tmp = mkdtempSync(join(tmpdir(), 'extract-report-'));
  ctx = await chromium.launchPersistentContext(join(tmp, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 860 },
    deviceScaleFactor: 1,
    reducedMotion: 'reduce',
  });
  // Anything but the page's own file is refused (and recorded above).
  await ctx.route(/^(?!file:)/, (route) => route.abort());
});

afterAll(async () => {
  await ctx?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('the seeds report in Chromium', () => {
  let page: Page;
  let json: Output;

  beforeAll(async () => {
    // Relative paths, as a user types them (the page shows each document's path).
    const ex = cli(['fixtures/seeds', '--format', 'json']);
    expect(ex.code).toBe(0);
    json = outputSchema.parse(JSON.parse(ex.stdout));
    const file = join(tmp, 'seeds.html');
    const r = cli(['report', 'fixtures/seeds', '-o', file]);
    expect(r.stderr).toMatch(/wrote .*seeds\.html: 5 documents/);
    expect(r.code).toBe(0);
    page = await open(file);
  });

  test('every record of the JSON output is a highlight with its kind and key (counts equal)', async () => {
    const onPage = await page.$$eval('.text mark[data-kind][data-key]', (els) => els.map((e) => [e.getAttribute('data-kind')!, e.getAttribute('data-key')!] as const));
    const total = KINDS.reduce((n, { key }) => n + json[key].length, 0);
    expect(total).toBeGreaterThan(0);
    for (const { kind, key } of KINDS) {
      const expected = new Set(json[key].map((r) => r.key));
      const found = new Set(onPage.filter(([k]) => k === kind).map(([, k]) => k));
      expect(found.size, `${kind}: distinct keys on the page`).toBe(json[key].length);
      expect([...found].sort()).toEqual([...expected].sort());
    }
    // Each evidence span has its anchored (first) fragment.
    const anchored = await page.$$eval('.text mark[data-key][id]', (els) => els.length);
    expect(anchored).toBe(KINDS.reduce((n, { key }) => n + json[key].reduce((m, r) => m + r.evidence.length, 0), 0));
  });

  test('each kind the seeds yield is highlighted, and the index counts match', async () => {
    for (const { kind, key } of KINDS) {
      if (json[key].length === 0) continue;
      expect(await page.locator(`.text mark[data-kind="${kind}"]`).count(), kind).toBeGreaterThan(0);
    }
    const firstRow = await page.$$eval('#index tbody tr:first-child td.num', (tds) => tds.slice(0, 4).map((td) => Number(td.textContent)));
    const doc = json.documents[0]!.id;
    expect(firstRow).toEqual(KINDS.map(({ key }) => json[key].filter((r) => r.doc === doc).length));
  });

  test('hovering a highlight shows its record; screenshot', async () => {
    const target = json.indicators.find((r) => r.indicator === 'grdp_growth') ?? json.indicators[0];
    const key = target?.key ?? json.officials[0]?.key ?? json.legalRefs[0]!.key;
    const mark = page.locator(`.text mark[data-key="${key}"][id]`).first();
    await mark.scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, -240));
    await mark.hover();
    const tip = page.locator('#tip');
    await expect.poll(() => tip.isVisible()).toBe(true);
    if (target) expect(await tip.textContent()).toContain(describeIndicator(target));
    mkdirSync(join(ROOT, '.test-output'), { recursive: true });
    await page.screenshot({ path: SHOT });
    if (process.env.UPDATE_SCREENSHOT === '1') copyFileSync(SHOT, COMMITTED_SHOT);
  });

  test('no network, no script errors', () => {
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

describe('the sample report in Chromium: hover, keyboard, sort, filter, escaping', () => {
  let page: Page;
  const sample = loadSample();

  beforeAll(async () => {
    const file = join(tmp, 'sample.html');
    writeFileSync(file, buildReport({ documents: [sample], generator: 'test@0' }));
    page = await open(file);
  });

  test('highlights exist for every kind, nested and crossing spans included', async () => {
    for (const { kind, key } of KINDS) {
      const keys = new Set(await page.$$eval(`.text mark[data-kind="${kind}"]`, (els) => els.map((e) => e.getAttribute('data-key'))));
      expect(keys.size, kind).toBe(sample.result[key].length);
    }
    // The officials named inside the agreement sentence are marks inside the agreement's mark.
    const nested = await page.$$eval('.text mark[data-kind="agreement"] mark[data-kind="official"]', (els) => els.length);
    expect(nested).toBe(2);
    // The legal reference crossed by the agreement's second mention still reads whole.
    const ref = sample.result.legalRefs[0]!;
    const text = await page.$$eval(`.text mark[data-key="${ref.key}"]`, (els) => els.map((e) => e.textContent).join(''));
    expect(text).toBe(ref.evidence[0]!.text);
  });

  test('hovering an indicator shows its value', async () => {
    const ind = sample.result.indicators[0]!;
    await page.locator(`.text mark[data-key="${ind.key}"]`).first().hover();
    const tip = page.locator('#tip');
    await expect.poll(() => tip.isVisible()).toBe(true);
    const shown = (await tip.textContent())!;
    expect(shown).toContain('7.45 %');
    expect(shown).toContain('rank 12/63');
    expect(shown).toContain(ind.rule);
  });

  test('highlights are reachable with Tab, and focus shows the record', async () => {
    await page.mouse.move(0, 0);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    let reached: string | null = null;
    for (let i = 0; i < 200 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => (document.activeElement?.matches('mark.hl') ? document.activeElement.getAttribute('data-key') : null));
    }
    expect(reached).not.toBeNull();
    await expect.poll(() => page.locator('#tip').isVisible()).toBe(true);
    expect(await page.evaluate(() => document.activeElement!.getAttribute('aria-describedby'))).toBe('tip');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('#tip').isVisible()).toBe(false);
  });

  test('the figures table sorts by value both ways', async () => {
    const values = (): Promise<number[]> => page.$$eval('#figures tbody tr', (rows) => rows.map((r) => Number((r as HTMLTableRowElement).cells[4]!.getAttribute('data-v'))));
    const before = await values();
    const valueHeader = page.locator('#figures thead th', { hasText: 'Value' });
    await valueHeader.locator('button').click();
    expect(await valueHeader.getAttribute('aria-sort')).toBe('ascending');
    const asc = await values();
    expect(asc).toEqual([...before].sort((a, b) => a - b));
    await valueHeader.locator('button').click();
    expect(await valueHeader.getAttribute('aria-sort')).toBe('descending');
    expect(await values()).toEqual([...before].sort((a, b) => b - a));
  });

  test('the figures table filters by area and indicator', async () => {
    const area = sample.result.indicators[2]!.area!;
    const visible = (): Promise<number> => page.locator('#figures tbody tr:visible').count();
    await page.selectOption('.filters[data-for="figures"] select[data-col="1"]', area);
    expect(await visible()).toBe(sample.result.indicators.filter((r) => r.area === area).length);
    await page.selectOption('.filters[data-for="figures"] select[data-col="2"]', 'budget_revenue');
    expect(await visible()).toBe(0);
    await page.selectOption('.filters[data-for="figures"] select[data-col="1"]', '');
    expect(await visible()).toBe(1);
    expect(await page.textContent('.filters[data-for="figures"] output')).toBe(`1 of ${sample.result.indicators.length} rows`);
    await page.selectOption('.filters[data-for="figures"] select[data-col="2"]', '');
    await page.selectOption('.filters[data-for="records"] select[data-col="0"]', 'official');
    expect(await page.locator('#records tbody tr:visible').count()).toBe(sample.result.officials.length);
  });

  test('a figure links back to its highlighted evidence', async () => {
    const ind = sample.result.indicators[1]!;
    await page.click(`#figures tr[data-record="${ind.key}"] a`);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-key'))).toBe(ind.key);
  });

  test('article text with <script> and entities shows as text; no injected markup runs', async () => {
    expect(await page.evaluate(() => (window as unknown as { __injected?: number }).__injected)).toBeUndefined();
    expect(await page.locator('.text script, .text img, .text b, .text div').count()).toBe(0);
    const shown = await page.locator('.text').textContent();
    expect(shown).toContain('<script>window.__injected = 1</script>');
    expect(shown).toContain('<img src="x" onerror="window.__injected = 2">');
    expect(shown).toContain('&amp; &lt;b&gt;');
    expect(pageErrors).toEqual([]);
  });
});
