import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Author } from '../../src/config/config.js';
import { Catalog } from '../../src/dilemma/catalog.js';
import { treeIndex } from '../../src/dilemma/tree-index.js';
import { setLanguage } from '../../src/i18n/index.js';
import { buildRecord } from '../../src/record/build.js';
import { loadTemplate, renderRecord } from '../../src/record/render.js';
import { ReviewAggregator } from '../../src/review/aggregate.js';
import { formatHtml } from '../../src/review/format-html.js';
import { formatMarkdown } from '../../src/review/format-md.js';
import { formatTable } from '../../src/review/format-table.js';
import type { ReviewReport } from '../../src/review/model.js';
import { PLAIN_STYLE } from '../../src/platform/style.js';
import { verifyRecord } from '../../src/verify/verify.js';
import { replay } from '../../src/walk/engine.js';

/**
 * A trainer's session as issue 15 found it: six records from six domains that reached five
 * different outcomes (2/1/1/1/1), and a multiple-choice question where all six chose "Financieel"
 * beside different other options. Unsigned records, counted with --include-unverified.
 */
const catalog = new Catalog([fileURLToPath(new URL('../fixtures/review/', import.meta.url))], { includeBundled: false });
const findTree = treeIndex(catalog);
const SIX: { domain: Author['domain']; data: string[]; route: string }[] = [
  { domain: 'zorg', data: ['financieel', 'gezondheid'], route: 'a' },
  { domain: 'veiligheid', data: ['financieel', 'wonen'], route: 'a' },
  { domain: 'gemeente', data: ['financieel', 'gezondheid', 'verslaving'], route: 'b' },
  { domain: 'wonen', data: ['financieel'], route: 'c' },
  { domain: 'onderwijs', data: ['financieel', 'verslaving'], route: 'd' },
  { domain: 'justitie', data: ['financieel', 'wonen', 'gezondheid'], route: 'e' },
];

let report: ReviewReport;
beforeAll(() => {
  setLanguage('nl');
  const dilemma = catalog.dilemma('zes-uitkomsten');
  const aggregator = new ReviewAggregator({ language: 'nl', anonymous: false, includeUnverified: true, motivationCap: 50, findTree, findDilemma: (id) => catalog.dilemma(id) });
  SIX.forEach((person, i) => {
    const answers = new Map([
      ['gegevens', { answer: person.data }],
      ['route', { answer: person.route, motivation: `Motivatie van deelnemer ${i + 1}.` }],
    ]);
    const record = buildRecord({
      dilemma,
      state: replay(dilemma.tree, answers),
      author: { name: `Deelnemer ${i + 1}`, role: 'professional', domain: person.domain, organisation: 'Oefen' },
      language: 'nl',
      now: new Date('2026-11-23T10:00:00Z'),
      shortId: `zes00${i}`,
    });
    const text = renderRecord(record, dilemma, loadTemplate());
    aggregator.add({ file: `records/${record.id}.md`, ...verifyRecord(text, { allowedSigners: undefined, findTree }) });
  });
  report = aggregator.finish();
});

describe('the outcome spread comes first', () => {
  it('counts six records, five outcomes, the largest group 2 of 6, and the afspraak reached by 1', () => {
    const [group] = report.groups;
    expect(group!.spread).toEqual({
      records: 6,
      outcomes: 5,
      largest: { id: 'uit-a', label: 'Delen met de wijkagent', count: 2 },
      afspraak: { id: 'uit-c', label: 'Delen onder voorwaarden', reached: 1 },
    });
  });

  it('Markdown and table: the first line after the title says 5 outcomes and 2 of 6, before any agreement figure', () => {
    for (const text of [formatMarkdown(report), formatTable(report, PLAIN_STYLE)]) {
      const lines = text.split('\n').filter((line) => line.trim() !== '');
      const title = lines.findIndex((line) => line.includes('Zes mensen, vijf uitkomsten'));
      expect(lines[title + 1]).toMatch(/6 verslagen, 5 verschillende uitkomsten, grootste groep 2 van 6/);
      expect(text.indexOf('5 verschillende uitkomsten')).toBeLessThan(text.indexOf('kappa'));
    }
  });

  it('HTML: the spread and the facts come before the agreement figure, which says what it is computed over', () => {
    const html = formatHtml(report);
    const spread = html.indexOf('5 verschillende uitkomsten');
    expect(spread).toBeGreaterThan(0);
    expect(spread).toBeLessThan(html.indexOf('Fleiss'));
    expect(html).toMatch(/<span class="big">2\/6<\/span>grootste groep/);
    expect(html).toMatch(/<span class="big">1\/6<\/span>bij de afspraak/);
    expect(html).toMatch(/Overeenstemming \(Fleiss&#39; kappa\): [^<]*over alle keuzevragen \(2\)/);
  });

  it('a multiple-choice question counts every option: all six chose Financieel (6/6)', () => {
    const question = report.groups[0]!.questions.find((q) => q.node === 'gegevens')!;
    expect(question.options.map((o) => [o.id, o.count, o.share, o.agreed])).toEqual([
      ['financieel', 6, 1, true],
      ['gezondheid', 3, 0.5, false],
      ['verslaving', 2, 0.3333, false],
      ['wonen', 2, 0.3333, false],
    ]);
    // Split per option: Gezondheid divides the group most (3 against 3).
    expect(question.divergence).toBe(0.5);
    expect(formatMarkdown(report)).toMatch(/\| \*\*Financieel\*\* \(afspraak\) \| 6\/6 \| 100% \|/);
  });
});
