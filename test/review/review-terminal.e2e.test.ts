import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { TmuxSession } from '../helpers/tmux.js';
import { acceptanceWorkspace, type AcceptanceWorkspace } from './workspace.js';
import { missing } from '../helpers/tools.js';

/** review on a real terminal (the built binary under script(1) and in tmux); the rest of review runs in-process in review.test.ts. */
let ws: AcceptanceWorkspace;

beforeAll(async () => {
  ws = await acceptanceWorkspace();
}, 120_000);

describe('review on a terminal, on 30 walked records', () => {
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
      const report = (await ws.run(['review', 'records', '--format', 'table'], { COLUMNS: '160' })).stdout;
      const lines = report.split('\n');
      expect(Math.max(...lines.map((line) => [...line].length))).toBeGreaterThan(80);
      for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(160);
      // Every motivation is there whole: wrapped lines joined again give it word for word.
      const json = JSON.parse((await ws.run(['review', 'records', '--json'])).stdout) as { groups: { questions: { answers: { motivations: { items: { text: string }[] } }[] }[] }[] };
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
