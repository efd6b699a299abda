import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseRecord } from '../../src/record/parse.js';
import { BIN, freshHome, runCli } from '../helpers/cli.js';
import { TmuxSession } from '../helpers/tmux.js';
import { missing } from '../helpers/tools.js';

const sessions: TmuxSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
});

// 111222333 passes the 11-check: a synthetic test number, nobody's BSN.
const answers = (motivation: string) => `dilemma: verward-gedrag-huisarts
author: {name: Test Persoon, role: huisarts, domain: zorg, organisation: Praktijk Noord}
answers:
  persoonsgegeven: {answer: nee, motivation: "${motivation}"}
`;

describe.skipIf(missing('tmux'))('privacy guard', () => {
  it('refuses to sign an answers file whose motivation holds a valid BSN, naming the field; signs with --allow-identifying and records the reason', () => {
    const { home, env } = freshHome();
    const cwd = join(home, 'work');
    expect(runCli(['keygen', '--principal', 'a@voorbeeld.nl'], { env, cwd }).status).toBe(0);
    writeFileSync(join(cwd, 'answers.yaml'), answers('Cliënt met BSN 111222333 besproken'));
    const refused = runCli(['walk', '--answers', 'answers.yaml'], { env, cwd });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/answers\.yaml:4:\d+: persoonsgegeven\.motivation/);
    expect(refused.stderr).toMatch(/BSN/);
    expect(refused.stderr).not.toContain('111222333'); // the value itself is never repeated
    expect(readdirSync(cwd)).not.toContain('records');

    const allowed = runCli(['walk', '--answers', 'answers.yaml', '--allow-identifying', 'training data'], { env, cwd });
    expect(allowed.status, allowed.stderr).toBe(0);
    const { record } = parseRecord(readFileSync(allowed.stdout.trim(), 'utf8'));
    expect(record.allow_identifying).toBe('training data');
    const verify = runCli(['verify', 'records', '--json'], { env, cwd });
    const doc = JSON.parse(verify.stdout) as { allow_identifying: number; results: { warnings: string[] }[] };
    expect(doc.allow_identifying).toBe(1);
    expect(doc.results[0]!.warnings).toContain('allow-identifying');
    writeFileSync(join(cwd, 'allowed_signers'), runCli(['keygen', '--principal', 'a@voorbeeld.nl', '--force'], { env, cwd }).stdout);
    const review = JSON.parse(runCli(['review', 'records', '--json', '--include-unverified'], { env, cwd }).stdout) as { flagged: { code: string; reason: string }[] };
    expect(review.flagged).toContainEqual(expect.objectContaining({ code: 'allow-identifying', reason: 'training data' }));
  });

  it('a 9-digit number that fails the 11-check is no BSN and passes', () => {
    const { home, env } = freshHome();
    const cwd = join(home, 'work');
    writeFileSync(join(cwd, 'answers.yaml'), answers('Dossiernummer 123456789 besproken'));
    expect(runCli(['walk', '--answers', 'answers.yaml', '--no-sign'], { env, cwd }).status).toBe(0);
  });

  it('in a terminal: says what was found and where, and lets the user rewrite it', async () => {
    const { home, env } = freshHome();
    const cwd = join(home, 'work');
    const s = new TmuxSession([process.execPath, BIN, 'walk', 'verward-gedrag-huisarts', '--no-sign'], { cwd, env: { ...env, NO_COLOR: '1' } });
    sessions.push(s);
    await s.waitFor('Gaat het om persoonsgegevens?');
    s.keys('Down', 'Down');
    await s.waitFor(/❯ Nee, niemand is te herkennen/);
    s.keys('Enter');
    await s.waitFor(/Motivatie \(verplicht\)\s*$/m);
    s.type('Gemaild naar j.jansen@voorbeeld.nl');
    s.keys('Enter');
    const screen = await s.waitFor('Wat wil je doen?');
    expect(screen).toMatch(/Dit lijkt identificerend: e-mailadres .*•.* \(op teken 14\)/);
    expect(screen.split('Dit lijkt identificerend')[1]).not.toContain('j.jansen@voorbeeld.nl');
    s.keys('Enter'); // Herschrijven: the text comes back to edit
    await s.waitFor(/Motivatie \(verplicht\) Gemaild naar/);
    s.keys('C-u');
    s.type('Geen gegevens gedeeld');
    s.keys('Enter');
    await s.waitFor('Klopt alles?');
    s.keys('C-c');
    expect(await s.exitCode()).toBe(130);
  });
});
