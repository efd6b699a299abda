import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { compareAfspraken } from '../../src/afspraken/compare.js';
import { formatRegisterHtml } from '../../src/afspraken/format-html.js';
import { formatRegisterMarkdown } from '../../src/afspraken/format.js';
import { DEPARTING_CAP, RegisterBuilder } from '../../src/afspraken/register.js';
import { Catalog } from '../../src/dilemma/catalog.js';
import type { LoadedDilemma } from '../../src/dilemma/model.js';
import { setLanguage } from '../../src/i18n/index.js';
import type { DecisionRecord } from '../../src/record/model.js';
import { chromiumPath, missing } from '../helpers/tools.js';

setLanguage('nl');
const HOSTILE = `<img src="http://127.0.0.1:9/x.png" onerror="alert(1)"><script>alert(2)</script>\u001b[31m`;
const bundled = new Catalog([]).dilemmas().find((d) => d.file.afspraak !== undefined)!;
const afspraak = bundled.file.afspraak!;
const dilemma: LoadedDilemma = { ...bundled, bundled: false, file: { ...bundled.file, afspraak: { ...afspraak, fictitious: false, date: '2026-11-01', rationale: HOSTILE, by: 'Regio <b>Oost</b>' } } };
const otherOutcome = [...dilemma.tree.nodes.values()].find((n) => n.kind === 'outcome' && n.id !== afspraak.outcome)!.id;
const firstAgreed = Object.keys(afspraak.answers)[0]!;

function record(n: number, created: string, outcome: string, deviation?: { decision: string; reason: string }): DecisionRecord {
  const agreed = afspraak.answers[firstAgreed]!;
  return {
    id: `r${n}`,
    dilemma: { ...dilemma.pin },
    created,
    path: [{ node: firstAgreed, question: 'Vraag?', answer: outcome === afspraak.outcome ? agreed : 'iets-anders', motivation: `Motivatie ${n} ${HOSTILE}` }],
    outcome: { id: outcome, verdict: 'x', label: outcome },
    ...(deviation ? { deviation } : {}),
  } as unknown as DecisionRecord;
}

function build(records: DecisionRecord[]) {
  const builder = new RegisterBuilder([dilemma], 'nl');
  records.forEach((r, i) => builder.add({ file: `records/${String(i).padStart(3, '0')}.md`, status: 'ok', signers: [], record: r }));
  builder.add({ file: 'records/x.md', status: 'invalid', signers: [], record: record(99, '2026-12-01T00:00:00Z', otherOutcome) });
  return builder.finish();
}

describe.skipIf(missing('chromium'))('the afspraken register', () => {
  it('counts only verified records from the afspraak date on, and keeps each departure with its reason', () => {
    const register = build([
      record(1, '2026-10-31T23:00:00Z', otherOutcome),
      record(2, '2026-11-01T08:00:00Z', afspraak.outcome),
      record(3, '2026-11-02T08:00:00Z', otherOutcome),
      record(4, '2026-11-03T08:00:00Z', afspraak.outcome, { decision: 'Toch bellen', reason: 'De cliënt vroeg erom' }),
    ]);
    const [entry] = register.entries;
    expect(register.totals).toEqual({ files: 5, counted: 4, workshops: 0, excluded: 1 });
    expect(entry!.since).toMatchObject({ records: 3, same_outcome: 2, other_outcome: 1, deviated: 1 });
    expect(entry!.since.departing.items.map((d) => [d.id, d.deviation?.reason, d.differs_at?.node])).toEqual([
      ['r3', undefined, firstAgreed],
      ['r4', 'De cliënt vroeg erom', undefined],
    ]);
  });

  it('counts records that are not ok only when asked', () => {
    const builder = new RegisterBuilder([dilemma], 'nl', true);
    builder.add({ file: 'records/x.md', status: 'untrusted', signers: [], record: record(7, '2026-12-01T00:00:00Z', otherOutcome) });
    builder.add({ file: 'records/y.md', status: 'malformed', signers: [] });
    const register = builder.finish();
    expect(register.totals).toEqual({ files: 2, counted: 1, workshops: 0, excluded: 1 });
    expect(register.entries[0]!.since).toMatchObject({ records: 1, other_outcome: 1 });
  });

  it(`lists at most ${DEPARTING_CAP} departures and says how many more there are`, () => {
    const many = Array.from({ length: DEPARTING_CAP + 7 }, (_, i) => record(i, '2026-11-05T08:00:00Z', otherOutcome));
    const { since } = build(many).entries[0]!;
    expect(since.other_outcome).toBe(DEPARTING_CAP + 7);
    expect(since.departing.items).toHaveLength(DEPARTING_CAP);
    expect(since.departing.omitted).toBe(7);
    expect(formatRegisterMarkdown(build(many))).toContain('en nog 7 verslag(en)');
  });

  it('compares two registers: the same afspraak, and one with another answer and outcome', () => {
    const same = build([]);
    const other = new RegisterBuilder([{ ...dilemma, file: { ...dilemma.file, afspraak: { ...dilemma.file.afspraak!, outcome: otherOutcome, answers: { ...afspraak.answers, [firstAgreed]: 'anders' } } } }], 'nl').finish();
    const comparison = compareAfspraken([
      { name: 'Noord', folder: 'a', register: same },
      { name: 'Noord bis', folder: 'b', register: build([]) },
      { name: 'Zuid', folder: 'c', register: other },
    ]);
    expect(comparison.dilemmas).toHaveLength(1);
    const [d] = comparison.dilemmas;
    expect(d).toMatchObject({ id: dilemma.pin.id, same: false, same_outcome: false });
    expect(d!.questions[0]).toMatchObject({ node: firstAgreed, same: false });
    expect(d!.questions.slice(1).every((q) => q.same)).toBe(true);
    expect(compareAfspraken([{ name: 'a', folder: 'a', register: same }, { name: 'b', folder: 'b', register: build([]) }]).dilemmas[0]!.same).toBe(true);
  });

  it('makes an HTML handout that Chromium shows with nothing run or fetched, whatever the texts hold', async () => {
    const html = formatRegisterHtml(build([record(3, '2026-11-02T08:00:00Z', otherOutcome)]));
    expect(html).not.toMatch(/<script|<img|\u001b/);
    const dir = mkdtempSync(join(tmpdir(), 'leertuin-afspraken-html-'));
    const file = join(dir, 'afspraken.html');
    writeFileSync(file, html);
    const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: chromiumPath(),
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await context.newPage();
      const requests: string[] = [];
      const dialogs: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      expect(await page.locator('h1').textContent()).toBe('Onze afspraken');
      expect(await page.locator('blockquote').first().textContent()).toContain('<img src=');
      expect(await page.locator('section').count()).toBe(1);
      expect(requests).toEqual([pathToFileURL(file).href]);
      expect(dialogs).toEqual([]);
    } finally {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
