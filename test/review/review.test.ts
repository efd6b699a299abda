import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReviewReport } from '../../src/review/model.js';
import { BIN } from '../helpers/cli.js';
import { TmuxSession } from '../helpers/tmux.js';
import { acceptanceWorkspace, type AcceptanceWorkspace } from './workspace.js';
import { missing } from '../helpers/tools.js';

let ws: AcceptanceWorkspace;

beforeAll(() => {
  ws = acceptanceWorkspace();
}, 120_000);

const json = (args: string[] = []) => {
  const result = ws.run(['review', 'records', '--json', ...args]);
  return { result, report: JSON.parse(result.stdout) as ReviewReport & { fail_on?: { met: { condition: string }[] } } };
};

describe('review, as a trainer tries it on 30 walked records', () => {
  it('counts per dilemma, flags and leaves out the tampered record', () => {
    const { result, report } = json();
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

  it('names the deviations: who departs from the afspraak, where, and who decided otherwise and why', () => {
    const { report } = json();
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

  it('review --json twice gives the same bytes', () => {
    const first = ws.run(['review', 'records', '--json']);
    const second = ws.run(['review', 'records', '--json']);
    expect(first.stdout.length).toBeGreaterThan(1000);
    expect(Buffer.from(second.stdout)).toEqual(Buffer.from(first.stdout));
  });

  it('without a terminal writes the Markdown handout, and warns on stderr about the flagged record', () => {
    const result = ws.run(['review', 'records']);
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

  it('--fail-on exits 1 with a one-line reason; the report is still written', () => {
    const invalid = ws.run(['review', 'records', '--format', 'table', '--fail-on', 'invalid']);
    expect(invalid.status).toBe(1);
    expect(invalid.stdout).toContain('Verslagen met een probleem (1)');
    const reason = invalid.stderr.split('\n').filter((l) => l.startsWith('leertuin:'));
    expect(reason).toEqual(['leertuin: --fail-on: 1 verslag is niet ok (1 invalid)']);
    expect(ws.run(['review', 'records', '--fail-on', 'agreement<0.99,deviation']).stderr).toMatch(/overeenstemming .* lager dan 0,99 .*; 2 verslagen besluiten anders/);
    expect(ws.run(['review', 'records', '--fail-on', 'untrusted']).status).toBe(0);
    const { result, report } = json(['--fail-on', 'invalid']);
    expect(result.status).toBe(1);
    expect(report.fail_on?.met.map((m) => m.condition)).toEqual(['invalid']);
    const bad = ws.run(['review', 'records', '--fail-on', 'sometimes']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/onbekende voorwaarde voor --fail-on: "sometimes"/);
  });

  it('--include-unverified counts the tampered record, still flagged', () => {
    const { report } = json(['--include-unverified']);
    expect(report.totals).toMatchObject({ included: 30, flagged: 1 });
    expect(report.flagged[0]!.included).toBe(true);
    expect(report.groups[0]!.unverified).toBe(1);
  });

  it('--format csv --out writes one row per record and question, for a Dutch spreadsheet', () => {
    const result = ws.run(['review', 'records', '--format', 'csv', '--out', 'review.csv', '--anonymous']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    const text = readFileSync(join(ws.cwd, 'review.csv'), 'utf8');
    expect(text.startsWith('\uFEFFdilemma;dilemma_versie;')).toBe(true);
    const english = ws.run(['review', 'records', '--format', 'csv', '--lang', 'en', '--anonymous']);
    expect(english.stdout.startsWith('\uFEFFdilemma;dilemma_version;')).toBe(true);
    const { report } = json();
    const questions = report.groups.reduce((n, g) => n + g.questions.reduce((a, q) => a + q.answered, 0), 0);
    expect(text.split('\r\n').length - 2).toBe(questions);
    expect(text).not.toContain('Oefenaar');
  });

  it('--format csv-summary writes one row per question and option; --lang en gives English headers', () => {
    const result = ws.run(['review', 'records', '--format', 'csv-summary', '--out', 'summary.csv']);
    expect(result.status, result.stderr).toBe(0);
    const text = readFileSync(join(ws.cwd, 'summary.csv'), 'utf8');
    expect(text.startsWith('\uFEFFdilemma;boomversie;vraag;vraagtekst;optie;')).toBe(true);
    expect(text).toMatch(/\r\nzvh-alles-delen;[^;]*;bijzondere-gegevens;[^\r]*;financieel;[^;]*;12;12;1,0000;/);
    const english = ws.run(['--lang', 'en', 'review', 'records', '--format', 'csv-summary']);
    expect(english.status, english.stderr).toBe(0);
    expect(english.stdout.startsWith('\uFEFFdilemma;tree version;question;question text;option;option label;count;answered;share;agreement;afspraak\r\n')).toBe(true);
  });

  it('--out with the extension picks the format, and --json then reports where it went', () => {
    const result = ws.run(['review', 'records', '--out', 'handout.html', '--json']);
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, out: 'handout.html', format: 'html', totals: { files: 30 } });
    expect(readFileSync(join(ws.cwd, 'handout.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
    const clash = ws.run(['review', 'records', '--json', '--format', 'html']);
    expect(clash.status).toBe(2);
  });

  it('shows a progress bar on a terminal, and clears it', () => {
    const log = join(ws.cwd, 'typescript.log');
    const command = `${process.execPath} ${BIN} review records --format json --out pty.json`;
    const result = spawnSync('script', ['-q', '-e', '-c', command, log], { cwd: ws.cwd, env: { ...ws.env, COLUMNS: '100' }, encoding: 'utf8', input: '' });
    expect(result.status, result.stderr).toBe(0);
    const screen = readFileSync(log, 'utf8');
    expect(screen).toMatch(/\rVerslagen lezen [█░▏▎▍▌▋▊▉]+ \d+\/30 {2}\d+\/s\u001b\[K/);
    expect(screen).toMatch(/\r\u001b\[2K/);
    // With --quiet nothing is drawn.
    const quiet = spawnSync('script', ['-q', '-e', '-c', `${command} --quiet`, log], { cwd: ws.cwd, env: ws.env, encoding: 'utf8', input: '' });
    expect(quiet.status).toBe(0);
    expect(readFileSync(log, 'utf8')).not.toContain('Verslagen lezen');
  });

  it.skipIf(missing('tmux'))('on a terminal shows the table by default, in 80 columns, with bars', async () => {
    const session = new TmuxSession(['node', BIN, 'review', 'records'], { cwd: ws.cwd, env: ws.env, width: 80, height: 50 });
    try {
      expect(await session.exitCode(30_000)).toBe(0);
      const screen = session.screen();
      // The end of the report: bars of the second group's questions, and the flagged record.
      expect(screen).toMatch(/^ {4}\S.{29} [█░▏▎▍▌▋▊▉]{20} +\d+ +\d+%/m);
      expect(screen).toMatch(/Oefenaar 30, professional, Organisatie 1 \(zorg\): andere uitkomst/);
      expect(screen).toMatch(/invalid +records\/.*-r01\.md/);
      expect(screen).not.toContain('```');
      expect(screen).not.toContain('Verslagen lezen');
    } finally {
      session.close();
    }
  });

  it.skipIf(missing('tmux'))('uses the whole width of a wide terminal and wraps at spaces, never inside a word', async () => {
    const session = new TmuxSession(['node', BIN, 'review', 'records'], { cwd: ws.cwd, env: { ...ws.env, COLUMNS: '160' }, width: 160, height: 300 });
    try {
      expect(await session.exitCode(30_000)).toBe(0);
      // The whole report, as a file, to read every line (the screen shows only its end).
      const report = ws.run(['review', 'records', '--format', 'table'], { COLUMNS: '160' }).stdout;
      const lines = report.split('\n');
      expect(Math.max(...lines.map((line) => [...line].length))).toBeGreaterThan(80);
      for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(160);
      // Every motivation is there whole: wrapped lines joined again give it word for word.
      const json = JSON.parse(ws.run(['review', 'records', '--json']).stdout) as { groups: { questions: { answers: { motivations: { items: { text: string }[] } }[] }[] }[] };
      const motivations = json.groups.flatMap((g) => g.questions.flatMap((q) => q.answers.flatMap((a) => a.motivations.items.map((m) => m.text))));
      expect(motivations.filter((m) => m.length > 30).length).toBeGreaterThan(5);
      const joined = report.replace(/\s+/g, ' ');
      for (const motivation of motivations) expect(joined).toContain(motivation.replace(/\s+/g, ' '));
      const screen = session.screen();
      expect(Math.max(...screen.split('\n').map((line) => line.trimEnd().length))).toBeGreaterThan(80);
    } finally {
      session.close();
    }
  });
});
