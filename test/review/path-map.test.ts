import { beforeAll, describe, expect, it } from 'vitest';
import { setLanguage } from '../../src/i18n/index.js';
import { formatHtml } from '../../src/review/format-html.js';
import { formatMarkdown } from '../../src/review/format-md.js';
import { mostDisputed } from '../../src/review/format-shared.js';
import type { GroupReport, ReviewReport } from '../../src/review/model.js';
import { joinParallel, pathMap } from '../../src/review/path-map.js';
import { sixRecordsReport } from './six-records.js';

let report: ReviewReport;
let group: GroupReport;
beforeAll(async () => {
  setLanguage('nl');
  report = await sixRecordsReport();
  group = report.groups[0]!;
});

describe('the path map', () => {
  it('holds only what records took or the afspraak takes, every edge one or more layers down', () => {
    expect(group.spread).toMatchObject({ records: 6, outcomes: 5, largest: { count: 2 } });
    const map = pathMap(group.flow);
    const ids = new Set(map.nodes.map((n) => n.id));
    // Taken: the outcomes the six reached, the question only one reached; not taken: the acute-danger outcome.
    for (const id of ['delen-onder-voorwaarden', 'toestemming-eerst', 'eerst-afspraken-maken', 'informele-informatie', 'eerst-minder-ingrijpend', 'uitzondering']) expect(ids).toContain(id);
    expect(ids).not.toContain('acuut-handelen');
    expect(ids).not.toContain('grondslag');
    expect(map.edges.every((e) => e.records > 0 || e.afspraak)).toBe(true);
    const layer = new Map(map.nodes.map((n) => [n.id, n.layer]));
    expect(map.edges.every((e) => layer.get(e.to)! > layer.get(e.from)!)).toBe(true);
    expect(map.nodes.find((n) => n.id === 'persoonsgegeven')!.layer).toBe(0);
    // The counts: six start, two reach the afspraak's outcome along its path.
    expect(map.edges.find((e) => e.from === 'persoonsgegeven')!.records).toBe(6);
    expect(map.edges.find((e) => e.to === 'delen-onder-voorwaarden')).toMatchObject({ records: 2, afspraak: true });
    expect(map.edges.find((e) => e.to === 'toestemming-eerst')).toMatchObject({ records: 1, afspraak: false });
  });

  it('joins two options that lead to the same node into one line with their counts added', () => {
    const flow: GroupReport['flow'] = {
      nodes: [
        { id: 'a', kind: 'question', label: 'A', disputed: false, records: 5, afspraak: true },
        { id: 'b', kind: 'question', label: 'B', disputed: false, records: 5, afspraak: true },
        { id: 'c', kind: 'outcome', label: 'C', disputed: false, records: 0, afspraak: false },
      ],
      edges: [
        { from: 'a', to: 'b', label: 'Ja', records: 3, afspraak: true },
        { from: 'a', to: 'b', label: 'Zonder naam', records: 2, afspraak: false },
        { from: 'a', to: 'c', label: 'Nee', records: 0, afspraak: false },
      ],
    };
    const map = pathMap(flow);
    expect(map.edges.map((e) => e.label)).toEqual(['Ja', 'Zonder naam']);
    expect(joinParallel(map.edges)).toEqual([{ from: 'a', to: 'b', label: 'Ja / Zonder naam', records: 5, afspraak: true }]);
    expect(map.nodes.map((n) => [n.id, n.layer])).toEqual([['a', 0], ['b', 1]]);
    expect(map.most).toBe(5);
  });

  it('HTML: an inline SVG with the count on every edge and node, the afspraak path in its own colour', () => {
    const html = formatHtml(report);
    const svg = html.match(/<svg class="map"[^]*?<\/svg>/)![0];
    const map = pathMap(group.flow);
    const lines = joinParallel(map.edges);
    const counts = [...svg.matchAll(/<g class="edge( agreed)?" data-records="(\d+)">[^]*?<text class="count"[^>]*>(\d+)<\/text>/g)];
    expect(counts.length).toBe(lines.length);
    expect(counts.map((c) => Number(c[3]))).toEqual(lines.map((e) => e.records));
    expect(counts.filter((c) => c[1]).length).toBe(lines.filter((e) => e.afspraak).length);
    expect(svg.match(/<g class="node /g)!.length).toBe(map.nodes.length);
    expect(svg).toContain('stroke="#1b7a3a"');
    expect(html).not.toMatch(/<script|https?:|src=|href=|@import|url\(/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  });

  it('Markdown: the same map as Mermaid, the count on every edge, width by count, the afspraak in green', () => {
    const text = formatMarkdown(report);
    const mermaid = text.match(/```mermaid\n([^]*?)```/)![1]!;
    const map = pathMap(group.flow);
    const edges = mermaid.split('\n').filter((line) => /-\.?->\|/.test(line));
    expect(edges.length).toBe(map.edges.length);
    expect(edges.every((line) => /\|"(?:[^"]*: )?\d+"\|/.test(line))).toBe(true);
    expect(mermaid).toMatch(/linkStyle \d+ stroke:#1b7a3a,stroke-width:12px/);
    expect(mermaid).not.toContain('Handel nu');
  });
});

describe('the first screen of the HTML', () => {
  it('the three most disputed questions by lowest agreement, ties in tree order, before anything collapsed', () => {
    const top = mostDisputed(group, 3);
    expect(top.map((q) => q.node)).toEqual(['noodzaak', 'bijzondere-gegevens', 'subsidiariteit']);
    const html = formatHtml(report);
    const firstDetails = html.indexOf('<details');
    const articles = [...html.matchAll(/<article class="top">/g)].map((m) => m.index);
    expect(articles.length).toBe(3);
    expect(articles.every((at) => at < firstDetails)).toBe(true);
    expect(html.indexOf('5 verschillende uitkomsten')).toBeLessThan(articles[0]!);
    // Every question, its motivations, and who departs where: all collapsed.
    for (const part of ['questions', 'domains', 'afspraak']) expect(html).toContain(`<details class="${part}">`);
    expect(html.slice(0, firstDetails)).not.toContain('<article class="question');
  });

  it('each with the competing answers side by side, one motivation each, and the split by domain', () => {
    const html = formatHtml(report);
    const first = html.slice(html.indexOf('<article class="top">'), html.indexOf('</article>', html.indexOf('<article class="top">')));
    const sides = first.split('<div style="--c:').slice(1);
    expect(sides.length).toBe(3);
    expect(sides.every((side) => (side.match(/<blockquote>/g) ?? []).length === 1)).toBe(true);
    expect(first).toMatch(/Niet alles is nodig[^<]*· 2\/4<\/h5>\n<p class="domains">zorg 1 · onderwijs 1<\/p>/);
    expect(first).toMatch(/<p class="domains">veiligheid 1<\/p>/);
    expect(first).toMatch(/<p class="domains">wonen 1<\/p>/);
  });

  it('in English, the domains are named in English', async () => {
    setLanguage('en');
    try {
      const html = formatHtml(await sixRecordsReport('en'));
      expect(html).toMatch(/<p class="domains">care 1 · education 1<\/p>/);
      expect(html).toContain('The 3 questions with the most disagreement');
    } finally {
      setLanguage('nl');
    }
  });
});
