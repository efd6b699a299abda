import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setLanguage } from '../../src/i18n/index.js';
import { formatHtml } from '../../src/review/format-html.js';
import { sixRecordsReport } from './six-records.js';
import { acceptanceWorkspace, type AcceptanceWorkspace } from './workspace.js';
import { runCli } from '../helpers/cli.js';
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

let report: string;

beforeAll(async () => {
  ws = await acceptanceWorkspace();
  // One report for the two tests that open it, each on its own page; made by the built tool, so
  // the browser opens what users get.
  const made = runCli(['review', 'records', '--format', 'html', '--out', 'review.html'], { cwd: ws.cwd, env: ws.env });
  expect(made.status, made.stderr).toBe(0);
  report = join(ws.cwd, 'review.html');
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
  // Dozens of round trips to the browser: more than the default 30 s on a busy two-core machine.
  it('the acceptance report loads without errors or requests, and its charts are visible', { timeout: 60_000 }, async () => {
    const file = report;
    const { page, errors, requests } = await open(file);
    expect(errors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
    expect(await page.locator('script').count()).toBe(0);

    // The path map is open on the page, with a count on every line.
    const map = page.locator('svg.map').first();
    await map.scrollIntoViewIfNeeded();
    expect(await map.isVisible()).toBe(true);
    expect((await map.boundingBox())!.height).toBeGreaterThan(300);
    expect(await map.locator('g.edge text.count').count()).toBeGreaterThan(5);
    expect(await map.locator('g.edge.agreed').count()).toBeGreaterThan(3);

    // The details are collapsed until opened: what is inside has no size before, and has it after.
    const firstQuestion = page.locator('details.questions article.question').first();
    expect(await firstQuestion.isVisible()).toBe(false);
    for (const summary of await page.locator('summary').all()) await summary.click();
    expect(await firstQuestion.isVisible()).toBe(true);

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

    // What the projector shows first, for a person to look at (a full-page shot of the opened
    // report took 3 to 4 CPU-s, and nothing checks its pixels).
    mkdirSync(OUTPUT, { recursive: true });
    await page.locator('body').evaluate((body) => body.ownerDocument.defaultView!.scrollTo(0, 0));
    await page.screenshot({ path: join(OUTPUT, 'review.png') });

    // Printable: print styles apply (the PDF itself is checked with the handout, below).
    await page.emulateMedia({ media: 'print' });
    expect(await style('section.group:nth-of-type(2) h2', 'breakBefore')).toBe('page');
    expect(await style('section.group:nth-of-type(1) h2', 'breakBefore')).toBe('auto');
    await page.close();
  });

  it('prints as the handout: A4, dark on white, collapsed parts printed open, no question split over pages', async () => {
    const { page } = await open(report);
    const inside = page.locator('details.questions article.question').first();
    expect(await inside.isVisible()).toBe(false);
    await page.emulateMedia({ media: 'print' });
    // Not opened by anyone, and still printed: the handout holds every question and motivation.
    expect(await page.locator('details[open]').count()).toBe(0);
    expect(await inside.isVisible()).toBe(true);
    expect((await inside.boundingBox())!.height).toBeGreaterThan(50);
    const computed = (selector: string, property: 'backgroundColor' | 'color' | 'breakInside') =>
      page.locator(selector).first().evaluate((element, name) => element.ownerDocument.defaultView!.getComputedStyle(element)[name], property);
    expect(await computed('body', 'backgroundColor')).toBe('rgb(255, 255, 255)');
    expect(await computed('body', 'color')).toBe('rgb(0, 0, 0)');
    for (const block of ['article.top', 'article.question']) expect(await computed(block, 'breakInside')).toBe('avoid');
    // The stylesheet's own page size: A4 is 595 by 842 points (without it, Chromium prints on Letter, 612 by 792).
    const pdf = await page.pdf({ preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    mkdirSync(OUTPUT, { recursive: true });
    writeFileSync(join(OUTPUT, 'review.pdf'), pdf);
    const [, width, height] = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf.toString('latin1'))!;
    expect([Math.round(Number(width)), Math.round(Number(height))]).toEqual([595, 842]);
    await page.close();
  });

  it('six records of one dilemma: the spread and the three most disputed questions within three screens of 1280x800', async () => {
    setLanguage('nl');
    const file = join(profile, 'six.html');
    writeFileSync(file, formatHtml(await sixRecordsReport()));
    const { page, errors, requests } = await open(file);
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(errors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
    const top = (selector: string) => page.locator(selector).first().evaluate((element) => element.getBoundingClientRect().top + element.ownerDocument.defaultView!.scrollY);
    const firstDetails = await top('details');
    const lastTop = await page.locator('article.top').last().evaluate((element) => element.getBoundingClientRect().bottom + element.ownerDocument.defaultView!.scrollY);
    expect(await page.locator('article.top').count()).toBe(3);
    expect(lastTop).toBeLessThan(firstDetails);
    expect(await top('.spread')).toBeLessThan(800);
    expect(await top('article.top')).toBeLessThan(1600);
    expect(firstDetails, `the first collapsed section starts at ${firstDetails} px`).toBeLessThanOrEqual(3 * 800);
    mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: join(OUTPUT, 'review-six-first-screens.png'), clip: { x: 0, y: 0, width: 1280, height: Math.ceil(firstDetails) } });
    console.info(`six records: the first collapsed section starts at ${Math.round(firstDetails)} px (${(firstDetails / 800).toFixed(2)} screens of 800)`);
    await page.close();
  });

  it('a <script> in a motivation is shown as text and never runs', async () => {
    const { page, errors, dialogs } = await open(GOLDEN_HTML);
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(await page.locator('script').count()).toBe(0);
    // On the first screen (its motivation cut) and among all motivations (whole): text both times.
    const quotes = await page.locator('blockquote p', { hasText: 'Dreigend, maar niet' }).allTextContents();
    expect(quotes).toEqual(['Dreigend, maar niet <script>alert("acuut")</script> nu.', 'Dreigend, maar niet <script>alert("acuut")</script> nu.']);
    await page.close();
  });
});
