import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitRecord, readFrontMatterData, validateFrontMatter } from '../../src/record/parse.js';
import { workshopRecordSchema } from '../../src/workshop/model.js';
import { freshHome } from '../helpers/home.js';
import { runCommand } from '../authoring/run-command.js';
import { WORKSHOP_SESSION } from '../helpers/workshop-session.js';

function workspace() {
  const { home, env } = freshHome();
  const cwd = join(home, 'work');
  const run = (args: string[], extra: NodeJS.ProcessEnv = {}) => runCommand(args, { env: { ...env, ...extra }, cwd });
  return { home, cwd, env, run };
}

describe('workshop --from: the same session without a terminal', () => {
  it('writes a signed workshop record that verifies, and a proposal that lints', async () => {
    const ws = workspace();
    writeFileSync(join(ws.cwd, 'allowed_signers'), (await ws.run(['keygen', '--principal', 'trainer@voorbeeld.nl'])).stdout);
    writeFileSync(join(ws.cwd, 'sessie.yaml'), WORKSHOP_SESSION);
    const result = await ws.run(['workshop', 'verward-gedrag-huisarts', '--from', 'sessie.yaml', '--propose-afspraak', '--json']);
    expect(result.status, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout) as { record: string; proposal: string; signed: boolean };
    expect(out.signed).toBe(true);
    const front = validateFrontMatter(readFrontMatterData(splitRecord(readFileSync(out.record, 'utf8'))), workshopRecordSchema());
    expect(front.participants).toBe(12);
    expect(front.path).toEqual([
      expect.objectContaining({
        node: 'persoonsgegeven',
        tally: [
          { option: 'ja', count: 7 },
          { option: 'gepseudonimiseerd', count: 3 },
          { option: 'nee', count: 2 },
        ],
        choice: 'nee',
        arguments: 'Volledig anoniem besproken',
        minority: 'Twee deelnemers twijfelden over het dorp',
      }),
    ]);
    expect(front.outcome.id).toBe('geen-persoonsgegevens');
    expect((await ws.run(['verify', 'records'])).status).toBe(0);
    // The proposal lints as the dilemma it would replace (lint wants the file name to be the id).
    const dir = mkdtempSync(join(tmpdir(), 'leertuin-proposal-'));
    copyFileSync(out.proposal, join(dir, 'verward-gedrag-huisarts.yaml'));
    expect((await ws.run(['lint', join(dir, 'verward-gedrag-huisarts.yaml')])).status).toBe(0);
  });

  it('refuses a session that does not fit the tree, naming the place', async () => {
    const ws = workspace();
    const cases: [string, RegExp][] = [
      [WORKSHOP_SESSION.replace('nee: 2}', 'nee: 2, misschien: 1}'), /sessie\.yaml:6:\d+:.*misschien/],
      [WORKSHOP_SESSION.replace('participants: 12', 'participants: 5'), /sessie\.yaml:6:\d+:.*5/],
      [WORKSHOP_SESSION.replace('choice: nee', 'choice: ja'), /sessie\.yaml:\d+:\d+:/],
      [WORKSHOP_SESSION.replace('    arguments: Volledig anoniem besproken\n', ''), /sessie\.yaml:5:\d+:.*motivatie/],
    ];
    for (const [text, message] of cases) {
      writeFileSync(join(ws.cwd, 'sessie.yaml'), text);
      const result = await ws.run(['workshop', 'verward-gedrag-huisarts', '--from', 'sessie.yaml', '--no-sign']);
      expect(result.status, text).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  });

  it('refuses identifying data in what the group wrote, unless a reason is given', async () => {
    const ws = workspace();
    writeFileSync(join(ws.cwd, 'sessie.yaml'), WORKSHOP_SESSION.replace('Twee deelnemers twijfelden over het dorp', 'Mevrouw Jansen twijfelde'));
    const refused = await ws.run(['workshop', 'verward-gedrag-huisarts', '--from', 'sessie.yaml', '--no-sign']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/persoonsgegeven\.minority/);
    const allowed = await ws.run(['workshop', 'verward-gedrag-huisarts', '--from', 'sessie.yaml', '--no-sign', '--allow-identifying', 'oefening']);
    expect(allowed.status, allowed.stderr).toBe(0);
    expect(readFileSync(allowed.stdout.trim(), 'utf8')).toContain('allow_identifying: "oefening"');
  });
});

describe('the workshop without a terminal', () => {
  it('fails at once with exit 2 and a hint', async () => {
    const ws = workspace();
    // The trainer is known, so nothing but the missing terminal stands in the way.
    mkdirSync(join(ws.home, '.config', 'leertuin'), { recursive: true });
    writeFileSync(join(ws.home, '.config', 'leertuin', 'config.yaml'), 'author:\n  name: Tessa Trainer\n  role: trainer privacy\n  organisation: Leertuin Oefenstad\n');
    const started = Date.now();
    const result = await ws.run(['workshop', 'verward-gedrag-huisarts']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/Geen terminal/);
    expect(result.stderr).toMatch(/leertuin workshop <dilemma>/);
    expect(result.stderr.trim().split('\n')).toHaveLength(2);
    expect(result.stdout).toBe('');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(existsSync(join(ws.cwd, 'records'))).toBe(false);
  });
});
