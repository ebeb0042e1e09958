/**
 * Real-browser test of the HTML report: Debian's Chromium driven by playwright-core.
 * Skips (with a note) when the browser is absent; CHROMIUM_PATH overrides /usr/bin/chromium.
 * Screenshots go to __tests__/report/artifacts/ (git-ignored).
 */
import { describe, test, expect, beforeAll, afterAll, beforeEach } from '@jest/globals';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { ReportBuilder } from '../../src/report/index.js';
import { makeCorpus, makeDoc } from './fixtures.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HAVE_CHROMIUM = fs.existsSync(CHROMIUM);
const ARTIFACTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');
const HOSTILE = '</script><script>window.__pwned = 1</script>';

if (!HAVE_CHROMIUM) {
  console.warn(`report browser test skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
}

const maybe = HAVE_CHROMIUM ? describe : describe.skip;

maybe('HTML report in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let dir: string;
  let fileUrl: string;
  const consoleErrors: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    const b = new ReportBuilder({ title: 'seed-clean audit — browser test', pageSize: 50 });
    for (const m of makeCorpus(300)) b.addRecord(m.record, m.bodyLines, m.bodyStartLine);
    const evil = makeDoc(301, {
      id: 'evil',
      title: HOSTILE,
      url: 'https://evil.example/"><img src=x onerror="window.__pwned=2">',
      host: '<img src=x onerror="window.__pwned=3">',
    });
    evil.bodyLines[1] = `Body with ${HOSTILE} and <img src=x onerror="window.__pwned=4"> and controls \u0000\u001b.`;
    b.addRecord(evil.record, evil.bodyLines, evil.bodyStartLine);

    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-clean-report-'));
    const file = path.join(dir, 'report.html');
    fs.writeFileSync(file, b.toHtml());
    fileUrl = pathToFileURL(file).href;
    fs.mkdirSync(ARTIFACTS, { recursive: true });

    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(fileUrl, { waitUntil: 'load' });
    await page.waitForSelector('#doc-list .doc');
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    await page.click('#f-reset');
  });

  const count = async (): Promise<number> => Number(await page.getAttribute('#doc-count', 'data-count'));
  const cards = (): Promise<number> => page.locator('#doc-list .doc').count();

  test('loads without console errors or network requests, and nothing injected runs', async () => {
    await page.screenshot({ path: path.join(ARTIFACTS, 'report-top.png') });
    expect(await count()).toBe(301);
    expect(await cards()).toBe(50);
    expect(await page.textContent('#p-info')).toBe('Page 1 of 7');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('img').count()).toBe(0);
  });

  test('the rule filter changes the visible document count', async () => {
    const value = await page.locator('#f-rule option', { hasText: 'widgets/cookie' }).getAttribute('value');
    await page.selectOption('#f-rule', value!);
    // Documents whose (original's) index i ≡ 0 (mod 3): 100 of 301.
    expect(await count()).toBe(100);
    expect(await cards()).toBe(50);
    await page.selectOption('#f-status', 'dropped');
    expect(await count()).toBe(10); // copies of i ≡ 0 (mod 3) originals among 30 copies
    expect(await cards()).toBe(10);
    for (const text of await page.locator('#doc-list .doc .badge.drop').allTextContents()) expect(text).toMatch(/^duplicate of doc-\d+$/);
    await page.click('#f-reset');
    expect(await count()).toBe(301);
  });

  test('host and language filters, paging', async () => {
    await page.selectOption('#f-lang', 'de');
    expect(await count()).toBe(60);
    await page.selectOption('#f-host', 'news.example.com');
    expect(await count()).toBe(0); // news docs are i % 5 === 0, all 'en'
    await page.click('#f-reset');
    await page.click('#p-next');
    expect(await page.textContent('#p-info')).toBe('Page 2 of 7');
    expect(await page.locator('#doc-list .doc .ord').first().textContent()).toBe('#51');
    await page.click('#f-reset');
  });

  test('search finds the hostile document and shows its title as text', async () => {
    await page.fill('#f-q', 'window.__pwned = 1');
    await page.waitForFunction(() => document.getElementById('doc-count')!.getAttribute('data-count') === '1');
    expect(await page.textContent('#doc-list .doc .ttl')).toBe(HOSTILE);
    await page.click('#doc-list .doc summary');
    const body = page.locator('#doc-list .doc .ln .tx', { hasText: 'Body with' });
    expect(await body.textContent()).toBe(`Body with ${HOSTILE} and <img src=x onerror="window.__pwned=4"> and controls \u2400\u241b.`);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.fill('#f-q', 'budget debate, part 42');
    await page.waitForFunction(() => document.getElementById('doc-count')!.getAttribute('data-count') === '1');
    await page.fill('#f-q', 'no such text anywhere');
    await page.waitForFunction(() => document.getElementById('doc-count')!.getAttribute('data-count') === '0');
    expect(await page.textContent('#doc-count')).toBe('No matching documents.');
    await page.click('#f-reset');
  });

  test('hovering a removed line shows rule, reason and evidence', async () => {
    const first = page.locator('#doc-list .doc').first();
    await first.locator('summary').click();
    const removed = first.locator('.ln.rm').first();
    expect(await removed.getAttribute('data-rule')).toBe('boilerplate/menu-run');
    expect(await removed.evaluate((e) => getComputedStyle(e.querySelector('.tx')!).textDecorationLine)).toBe('line-through');
    await removed.hover();
    await page.waitForSelector('#tip:not([hidden])');
    const tip = await page.textContent('#tip');
    expect(tip).toContain('boilerplate/menu-run');
    expect(tip).toContain('menu of short links');
    expect(tip).toContain('items: 4');
    // Hover the cookie line for the screenshot (a line with evidence, lower in the document).
    await first.locator('.ln.rm[data-rule="widgets/cookie"]').hover();
    expect(await page.textContent('#tip')).toContain('keyword: "cookies"');
    await page.screenshot({ path: path.join(ARTIFACTS, 'report.png') });
    await page.mouse.move(5, 5);
    await page.waitForSelector('#tip', { state: 'hidden' });
  });

  test('duplicate clusters render side by side with the differing line highlighted', async () => {
    const cluster = page.locator('#dup-list .cluster').first();
    expect(await cluster.getAttribute('open')).not.toBeNull();
    expect(await cluster.locator('summary').textContent()).toContain('Cluster doc-0');
    expect(await cluster.locator('td.del').allTextContents()).toEqual(['More details will be published next week.']);
    expect(await cluster.locator('td.add').allTextContents()).toEqual(['More details will be published tomorrow, the office said.']);
    await cluster.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, 'report-duplicates.png') });
  });

  test('made no network requests and logged no errors', () => {
    expect(requests).toEqual([fileUrl]);
    expect(consoleErrors).toEqual([]);
  });
});
