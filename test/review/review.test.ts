import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReviewReport } from '../../src/review/model.js';
import { acceptanceWorkspace, type AcceptanceWorkspace } from './workspace.js';

let ws: AcceptanceWorkspace;

beforeAll(async () => {
  ws = await acceptanceWorkspace();
}, 120_000);

const json = async (args: string[] = []) => {
  const result = await ws.run(['review', 'records', '--json', ...args]);
  return { result, report: JSON.parse(result.stdout) as ReviewReport & { fail_on?: { met: { condition: string }[] } } };
};

describe('review, as a trainer tries it on 30 walked records', () => {
  it('counts per dilemma, flags and leaves out the tampered record', async () => {
    const { result, report } = await json();
    expect(result.status, result.stderr).toBe(0);
    expect(report.totals).toMatchObject({ files: 30, included: 29, flagged: 1, excluded: 1 });
    expect(report.flagged).toEqual([
      { file: relative(ws.cwd, ws.tampered), status: 'invalid', code: 'bad-signature', reason: expect.stringMatching(/signature 1/), included: false },
    ]);
    const [verward, zvh] = report.groups;
    expect(report.groups).toHaveLength(2);
    expect([verward!.dilemma.id, verward!.records]).toEqual(['verward-gedrag-huisarts', 17]);
    expect([zvh!.dilemma.id, zvh!.records]).toEqual(['zvh-alles-delen', 12]);
    expect(verward!.outcomes.map((o) => [o.id, o.count])).toEqual([
      ['conflict-van-plichten-delen', 11],
      ['acuut-handelen', 4],
      ['niet-delen', 2],
    ]);
    expect(zvh!.outcomes.map((o) => [o.id, o.count])).toEqual([
      ['delen-onder-voorwaarden', 10],
      ['eerst-afspraken-maken', 2],
    ]);
    const acuut = verward!.questions.find((q) => q.node === 'acuut-gevaar')!;
    expect(acuut.answers.map((a) => [a.key, a.count, a.agreed])).toEqual([
      ['ja', 4, false],
      ['nee', 13, true],
    ]);
    expect(acuut.afspraak?.deviating).toBe(4);
  });

  it('names the deviations: who departs from the afspraak, where, and who decided otherwise and why', async () => {
    const { report } = await json();
    const [verward, zvh] = report.groups;
    expect(verward!.afspraak).toMatchObject({ compared: 17, same_outcome: 11, departing: 8 });
    const at = (group: typeof verward, node: string) =>
      group!.afspraak!.records.items.filter((r) => r.differences.some((d) => d.node === node)).map((r) => r.author.name);
    expect(at(verward, 'acuut-gevaar')).toEqual(['Oefenaar 11', 'Oefenaar 12', 'Oefenaar 13', 'Oefenaar 14']);
    expect(at(verward, 'doel-toets')).toEqual(['Oefenaar 15', 'Oefenaar 16']);
    expect(at(verward, 'persoonsgegeven')).toEqual(['Oefenaar 17', 'Oefenaar 18']);
    expect(at(zvh, 'noodzaak')).toEqual(['Oefenaar 26', 'Oefenaar 27', 'Oefenaar 28']);
    expect(at(zvh, 'samenwerkingsverband')).toEqual(['Oefenaar 29', 'Oefenaar 30']);
    expect(verward!.deviations.count).toBe(2);
    expect(verward!.deviations.records.items.map((d) => [d.author.name, d.decision, d.reason])).toEqual([
      ['Oefenaar 13', 'Ik bel eerst de crisisdienst.', 'Politie voelt te zwaar voor deze cliënt.'],
      ['Oefenaar 14', 'Ik bel eerst de crisisdienst.', 'Politie voelt te zwaar voor deze cliënt.'],
    ]);
  });

  it('review --json twice gives the same bytes', async () => {
    const first = await ws.run(['review', 'records', '--json']);
    const second = await ws.run(['review', 'records', '--json']);
    expect(first.stdout.length).toBeGreaterThan(1000);
    // The same text is the same bytes (both encode the same way); toEqual on two Buffers compared
    // them byte by byte in JavaScript, 0.4 s for this report.
    expect(second.stdout).toBe(first.stdout);
  });

  it('without a terminal writes the Markdown handout, and warns on stderr about the flagged record', async () => {
    const result = await ws.run(['review', 'records']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^# Leertuin: overzicht van de verslagen/);
    expect(result.stdout).toContain('**17 verslagen');
    expect(result.stdout).toContain('**12 verslagen');
    expect(result.stdout).toContain('```mermaid');
    expect(result.stdout).toMatch(/## Verslagen met een probleem \(1\)[\s\S]*r01\.md \| invalid/);
    expect(result.stdout).toMatch(/Oefenaar 13, professional, Organisatie 2 \(onderwijs\)\*\* · Uitkomst: Handel nu/);
    expect(result.stderr).toMatch(/1 verslag met een probleem, 1 niet meegeteld/);
    expect(result.stderr).not.toMatch(/\r|Verslagen lezen/);
  });

  it('--fail-on exits 1 with a one-line reason; the report is still written', async () => {
    const invalid = await ws.run(['review', 'records', '--format', 'table', '--fail-on', 'invalid']);
    expect(invalid.status).toBe(1);
    expect(invalid.stdout).toContain('Verslagen met een probleem (1)');
    const reason = invalid.stderr.split('\n').filter((l) => l.startsWith('leertuin:'));
    expect(reason).toEqual(['leertuin: --fail-on: 1 verslag is niet ok (1 invalid)']);
    expect((await ws.run(['review', 'records', '--fail-on', 'agreement<0.99,deviation'])).stderr).toMatch(/overeenstemming .* lager dan 0,99 .*; 2 verslagen besluiten anders/);
    expect((await ws.run(['review', 'records', '--fail-on', 'untrusted'])).status).toBe(0);
    const { result, report } = await json(['--fail-on', 'invalid']);
    expect(result.status).toBe(1);
    expect(report.fail_on?.met.map((m) => m.condition)).toEqual(['invalid']);
    const bad = await ws.run(['review', 'records', '--fail-on', 'sometimes']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/onbekende voorwaarde voor --fail-on: "sometimes"/);
  });

  it('--include-unverified counts the tampered record, still flagged', async () => {
    const { report } = await json(['--include-unverified']);
    expect(report.totals).toMatchObject({ included: 30, flagged: 1 });
    expect(report.flagged[0]!.included).toBe(true);
    expect(report.groups[0]!.unverified).toBe(1);
  });

  it('--format csv --out writes one row per record and question, for a Dutch spreadsheet', async () => {
    const result = await ws.run(['review', 'records', '--format', 'csv', '--out', 'review.csv', '--anonymous']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    const text = readFileSync(join(ws.cwd, 'review.csv'), 'utf8');
    expect(text.startsWith('\uFEFFdilemma;dilemma_versie;')).toBe(true);
    const english = await ws.run(['review', 'records', '--format', 'csv', '--lang', 'en', '--anonymous']);
    expect(english.stdout.startsWith('\uFEFFdilemma;dilemma_version;')).toBe(true);
    const { report } = await json();
    const questions = report.groups.reduce((n, g) => n + g.questions.reduce((a, q) => a + q.answered, 0), 0);
    expect(text.split('\r\n').length - 2).toBe(questions);
    expect(text).not.toContain('Oefenaar');
  });

  it('--format csv-summary writes one row per question and option; --lang en gives English headers', async () => {
    const result = await ws.run(['review', 'records', '--format', 'csv-summary', '--out', 'summary.csv']);
    expect(result.status, result.stderr).toBe(0);
    const text = readFileSync(join(ws.cwd, 'summary.csv'), 'utf8');
    expect(text.startsWith('\uFEFFdilemma;boomversie;vraag;vraagtekst;optie;')).toBe(true);
    expect(text).toMatch(/\r\nzvh-alles-delen;[^;]*;bijzondere-gegevens;[^\r]*;financieel;[^;]*;12;12;1,0000;/);
    const english = await ws.run(['--lang', 'en', 'review', 'records', '--format', 'csv-summary']);
    expect(english.status, english.stderr).toBe(0);
    expect(english.stdout.startsWith('\uFEFFdilemma;tree version;question;question text;option;option label;count;answered;share;agreement;afspraak\r\n')).toBe(true);
  });

  it('--out with the extension picks the format, and --json then reports where it went', async () => {
    const result = await ws.run(['review', 'records', '--out', 'handout.html', '--json']);
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, out: 'handout.html', format: 'html', totals: { files: 30 } });
    expect(readFileSync(join(ws.cwd, 'handout.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
    const clash = await ws.run(['review', 'records', '--json', '--format', 'html']);
    expect(clash.status).toBe(2);
  });
});
