import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptanceWorkspace, type AcceptanceWorkspace } from './workspace.js';
import { chromiumPath, missing } from '../helpers/tools.js';

/**
 * The HTML report in a real browser: Debian's Chromium, driven by playwright-core (no browser
 * download), with a fresh profile and nothing on the network.
 */
const OUTPUT = fileURLToPath(new URL('../output/', import.meta.url));
const GOLDEN_HTML = fileURLToPath(new URL('./golden/review.html', import.meta.url));

let context: BrowserContext;
let profile: string;
let ws: AcceptanceWorkspace;

beforeAll(async () => {
  ws = acceptanceWorkspace();
  profile = mkdtempSync(join(tmpdir(), 'leertuin-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
  });
}, 120_000);

afterAll(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** Opens a file and records what the page asks for and what it complains about. */
async function open(file: string): Promise<{ page: Page; errors: string[]; requests: string[]; dialogs: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  const dialogs: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('request', (request) => requests.push(request.url()));
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { page, errors, requests, dialogs };
}

describe.skipIf(missing('chromium'))('the HTML report in Chromium', () => {
  it('the acceptance report loads without errors or requests, and its charts are visible', async () => {
    const made = ws.run(['review', 'records', '--format', 'html', '--out', 'review.html']);
    expect(made.status, made.stderr).toBe(0);
    const file = join(ws.cwd, 'review.html');
    const { page, errors, requests } = await open(file);
    expect(errors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
    expect(await page.locator('script').count()).toBe(0);

    const charts = page.locator('svg.chart');
    expect(await charts.count()).toBeGreaterThan(10);
    for (const index of [0, 1, 2]) {
      const chart = charts.nth(index);
      await chart.scrollIntoViewIfNeeded();
      expect(await chart.isVisible()).toBe(true);
      const box = (await chart.boundingBox())!;
      expect(box.width).toBeGreaterThan(500);
      expect(box.height).toBeGreaterThan(40);
    }
    // The bars have a width: the charts show the counts, not empty frames.
    const widths = await page.locator('svg.chart rect.bar').evaluateAll((rects) => rects.map((r) => r.getBoundingClientRect().width));
    expect(widths.filter((w) => w > 1).length).toBeGreaterThan(10);
    await expect.poll(() => page.locator('h2').first().textContent()).toBe('De wijkagent vraagt of meneer R. bekend is');

    // Large type for a projector.
    const style = (selector: string, property: 'fontSize' | 'breakBefore') =>
      page.locator(selector).evaluate((element, name) => element.ownerDocument.defaultView!.getComputedStyle(element)[name], property);
    const fontSize = Number.parseFloat(await style('body', 'fontSize'));
    expect(fontSize).toBeGreaterThanOrEqual(20);

    mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: join(OUTPUT, 'review.png'), fullPage: true });

    // Printable: print styles apply, and Chromium renders it to a PDF.
    await page.emulateMedia({ media: 'print' });
    expect(await style('section.group:nth-of-type(2) h2', 'breakBefore')).toBe('page');
    expect(await style('section.group:nth-of-type(1) h2', 'breakBefore')).toBe('auto');
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    writeFileSync(join(OUTPUT, 'review.pdf'), pdf);
    await page.close();
  });

  it('a <script> in a motivation is shown as text and never runs', async () => {
    const { page, errors, dialogs } = await open(GOLDEN_HTML);
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(await page.locator('script').count()).toBe(0);
    const quote = page.locator('blockquote p', { hasText: 'Dreigend, maar niet' });
    expect(await quote.textContent()).toBe('Dreigend, maar niet <script>alert("acuut")</script> nu.');
    await page.close();
  });
});
