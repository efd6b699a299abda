import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setLanguage } from '../../src/i18n/index.js';
import { ReviewAggregator, type ReviewInput } from '../../src/review/aggregate.js';
import { CSV_COLUMNS, SUMMARY_COLUMNS, csvHeader, csvRows, csvSummary } from '../../src/review/format-csv.js';
import { formatHtml } from '../../src/review/format-html.js';
import { formatJson } from '../../src/review/format-json.js';
import { formatMarkdown } from '../../src/review/format-md.js';
import { formatTable } from '../../src/review/format-table.js';
import { PLAIN_STYLE } from '../../src/platform/style.js';
import type { ReviewReport } from '../../src/review/model.js';
import { createStyle } from '../../src/terminal/style.js';
import { fixtureTexts, reviewOptions, verdicts } from './fixtures.js';

const GOLDEN = fileURLToPath(new URL('./golden/', import.meta.url));

/** Compares with the stored golden file byte for byte; UPDATE_GOLDEN=1 rewrites it instead. */
function golden(name: string, actual: string): void {
  const path = GOLDEN + name;
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(path, actual);
  }
  expect(existsSync(path), `${path} is missing; run the tests with UPDATE_GOLDEN=1 to write it`).toBe(true);
  expect(actual, `${name} differs from its golden file; if the change is intended, run with UPDATE_GOLDEN=1`).toBe(readFileSync(path, 'utf8'));
}

let inputs: ReviewInput[];

/** With the flagged records counted, so the goldens also show a group whose tree is not at hand. */
function report(overrides: Parameters<typeof reviewOptions>[0] = {}): ReviewReport {
  const aggregator = new ReviewAggregator(reviewOptions({ includeUnverified: true, ...overrides }));
  for (const input of inputs) aggregator.add(input);
  return aggregator.finish();
}

/** RFC 4180 with `;`: quoted fields, doubled quotes, CRLF between records; a bare line break outside quotes is an error. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') {
      if (field !== '' || wasQuoted) throw new Error(`quote inside an unquoted field at ${i}`);
      quoted = wasQuoted = true;
    } else if (c === ';') {
      row.push(field);
      field = '';
      wasQuoted = false;
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      wasQuoted = false;
      i++;
    } else if (c === '\r' || c === '\n') throw new Error(`line break outside quotes at ${i}`);
    else field += c;
  }
  if (quoted || field !== '' || row.length > 0) throw new Error('the last record does not end with CRLF');
  return rows;
}

beforeAll(async () => {
  setLanguage('nl');
  inputs = verdicts(await fixtureTexts());
});

afterEach(() => setLanguage('nl'));

describe('review formats', () => {
  it('table: golden, at most 80 columns, bars, and colour only when asked', async () => {
    const text = formatTable(report({ motivationCap: 3 }), PLAIN_STYLE);
    golden('review.table.txt', text);
    for (const line of text.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80);
    expect(text).toMatch(/█+░+ +2 +50%/);
    expect(text).not.toMatch(/\u001b\[/);
    const coloured = formatTable(report({ motivationCap: 3 }), createStyle(true));
    expect(coloured).toMatch(/\u001b\[/);
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(text);
  });

  it('md: golden, with a Mermaid flowchart, and no markup from the records', () => {
    const text = formatMarkdown(report());
    golden('review.md', text);
    const mermaid = /```mermaid\n([\s\S]*?)```/.exec(text)?.[1] ?? '';
    expect(mermaid).toMatch(/^flowchart TD\n/);
    expect(mermaid).toMatch(/n\d+ -->\|"Ja, de persoon is te herkennen: 3"\| n\d+/);
    expect(mermaid).toMatch(/n\d+\(\["Handel nu\.[^"]*\(2\)"\]\)/);
    expect(mermaid).toMatch(/^ {2}class [n\d,]+ outcome$/m);
    // Every label sits inside one pair of double quotes: no quote from a text can end it early.
    for (const line of mermaid.split('\n').filter((l) => /^ {2}n\d/.test(l))) expect(line.match(/"/g)?.length, line).toBe(2);
    expect(text).not.toContain('<script>');
    expect(text).toContain('&lt;script&gt;');
  });

  it('md in English, anonymous: golden, and no names, roles or organisations', () => {
    setLanguage('en');
    const text = formatMarkdown(report({ language: 'en', anonymous: true }));
    golden('review.en.anonymous.md', text);
    for (const hidden of ['A. Tester', 'Praktijk Noord', 'GGZ-verpleegkundige', 'Wijkteam West']) expect(text).not.toContain(hidden);
    expect(text).toContain('#aaaaaa (zorg)');
    expect(text).toContain('Agreed outcome');
  });

  it('json: golden, and parses back to the same report', () => {
    const r = report();
    const text = formatJson(r);
    golden('review.json', text);
    expect(JSON.parse(text)).toEqual(r);
  });

  it('csv-summary: golden; one row per question and option with count, share and the question\'s agreement, Dutch headers', () => {
    const r = report();
    const text = csvSummary(r);
    golden('review-summary.csv', text);
    expect(text.startsWith('\uFEFFdilemma;boomversie;vraag;vraagtekst;optie;optietekst;aantal;beantwoord;deel;overeenstemming;afspraak\r\n')).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header!.length).toBe(SUMMARY_COLUMNS.length);
    const group = r.groups[0]!;
    const at = (column: (typeof SUMMARY_COLUMNS)[number]) => SUMMARY_COLUMNS.indexOf(column);
    const of = (question: string) =>
      rows.filter((row) => row[at('dilemma')] === group.dilemma.id && row[at('treeVersion')] === group.tree.version && row[at('question')] === question);
    // A single choice: one row per option of the tree, 3 of 5 chose Ja; the question's agreement is that share.
    const persoon = of('persoonsgegeven');
    expect(persoon.map((row) => [row[at('option')], row[at('count')], row[at('answered')], row[at('share')], row[at('agreement')], row[at('afspraak')]])).toEqual([
      ['ja', '3', '5', '0,6000', '0,6000', '1'],
      ['gepseudonimiseerd', '1', '5', '0,2000', '0,6000', '0'],
      ['nee', '1', '5', '0,2000', '0,6000', '0'],
    ]);
    // A multiple choice: one row per option, each counted on its own.
    const conflict = of('conflict-van-plichten');
    expect(conflict.length).toBe(group.questions.find((q) => q.node === 'conflict-van-plichten')!.options.length);
    expect(conflict.map((row) => row[at('option')])).toEqual(['alles-gedaan', 'gewetensnood', 'geen-andere-weg', 'ernstige-schade', 'schade-voorkomen']);
    expect(conflict.every((row) => row[at('count')] === '1' && row[at('share')] === '1,0000')).toBe(true);
    // No text questions: they have no options.
    expect(of('doel')).toEqual([]);
    // A motivation-free export: the formula guard holds for labels too.
    expect(rows.every((row) => !/^[=+\-@]/.test(row[at('optionLabel')]!))).toBe(true);
  });

  it('csv-summary in English: English headers, a decimal point, the same columns in the same order', () => {
    setLanguage('en');
    const text = csvSummary(report({ language: 'en' }));
    expect(text.startsWith('\uFEFFdilemma;tree version;question;question text;option;option label;count;answered;share;agreement;afspraak\r\n')).toBe(true);
    expect(text).toMatch(/;persoonsgegeven;[^;]*;ja;[^;]*;3;5;0\.6000;0\.6000;1\r\n/);
  });

  it('csv: golden; BOM, semicolons, CRLF; read back with an RFC 4180 parser, one row per record and question', () => {
    const included = inputs.filter((i) => i.status === 'ok');
    const text = csvHeader() + included.map((i) => csvRows({ ...i, record: i.record! }, false)).join('');
    golden('review.csv', text);
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(text.slice(1));
    // Headers per language, in the fixed column order; in English the stable names scripts use.
    expect(rows[0]![1]).toBe('dilemma_versie');
    expect(rows[0]).toHaveLength(CSV_COLUMNS.length);
    setLanguage('en');
    expect(parseCsv(csvHeader().slice(1))[0]).toEqual([...CSV_COLUMNS]);
    setLanguage('nl');
    const body = rows.slice(1).map((r) => Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, r[i]])));
    expect(rows.every((r) => r.length === CSV_COLUMNS.length)).toBe(true);
    expect(body).toHaveLength(included.reduce((n, i) => n + i.record!.path.length, 0));
    const cell = (record: string, node: string, column: (typeof CSV_COLUMNS)[number]) =>
      body.find((r) => r.record!.endsWith(record) && r.node === node)![column];
    // Separators, quotes, line breaks and markup come back exactly; a formula gets an apostrophe.
    expect(cell('bbbbbb', 'persoonsgegeven', 'motivation')).toBe('Herkenbaar; "anoniem" is hier een illusie.');
    expect(cell('bbbbbb', 'acuut-gevaar', 'motivation')).toBe('Dreigend, maar niet <script>alert("acuut")</script> nu.');
    expect(cell('cccccc', 'persoonsgegeven', 'motivation')).toBe("'=ZONDER NAAM\nMaar in het dorp toch herkenbaar.");
    expect(cell('bbbbbb', 'doel', 'answer')).toBe('Escalatie voorkomen; iedereen op de hoogte');
    expect(cell('cccccc', 'persoonsgegeven', 'afspraak_differs')).toBe('1');
    expect(cell('aaaaaa', 'acuut-gevaar', 'deviation_reason')).toMatch(/^De politie inschakelen/);
    expect(cell('aaaaaa', 'acuut-gevaar', 'author_name')).toBe('A. Tester');
    const anonymous = parseCsv(csvRows({ ...included[0]!, record: included[0]!.record! }, true));
    expect(anonymous[0]!.slice(10, 14)).toEqual(['', '', 'zorg', '']);
  });

  it('html: golden, self-contained, and every text from records escaped', () => {
    const text = formatHtml(report());
    golden('review.html', text);
    expect(text).toMatch(/^<!DOCTYPE html>\n<html lang="nl">/);
    expect(text).not.toMatch(/<script|https?:|src=|href=|@import|url\(/i);
    expect(text).toContain('Dreigend, maar niet &#60;script&#62;alert(&#34;acuut&#34;)&#60;/script&#62; nu.');
    expect(text.match(/<svg class="chart/g)!.length).toBeGreaterThan(5);
    expect(text).toContain('@media print');
  });
});
