import { readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, freshHome } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';
import { TmuxSession } from '../helpers/tmux.js';
import { missing } from '../helpers/tools.js';

const sessions: TmuxSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
});

const FIXED = { SOURCE_DATE_EPOCH: '1795000000', LEERTUIN_RECORD_ID: 'vast01', NO_COLOR: '1' };

/** A user with a key, a remembered author, and fixed clock and record id. */
async function user() {
  const { home, env } = freshHome();
  const cwd = join(home, 'work');
  const all = { ...env, ...FIXED };
  mkdirSync(join(home, '.config', 'leertuin'), { recursive: true });
  writeFileSync(
    join(home, '.config', 'leertuin', 'config.yaml'),
    'author: {name: Test Persoon, role: wijkteammedewerker, domain: gemeente, organisation: Wijkteam Oost}\n',
  );
  expect((await runInProcess(['keygen', '--principal', 'wijkteam@voorbeeld.nl'], { env: all, cwd })).status).toBe(0);
  const session = (args: string[]) => {
    const s = new TmuxSession([process.execPath, BIN, ...args], { cwd, env: all });
    sessions.push(s);
    return s;
  };
  return { home, cwd, env: all, session };
}

async function choose(s: TmuxSession, question: string, optionPattern: RegExp, downs: number, motivation?: string) {
  await s.waitFor(question);
  if (downs > 0) s.keys(...Array<string>(downs).fill('Down'));
  await s.waitFor(optionPattern);
  s.keys('Enter');
  if (motivation !== undefined) {
    await s.waitFor(/Motivatie \(verplicht\)\s*$/m);
    s.type(motivation);
    s.keys('Enter');
  }
}

async function firstFour(s: TmuxSession) {
  await choose(s, 'Gaat het om persoonsgegevens?', /❯ Ja, de persoon is te herkennen/, 0, 'Herkenbaar in het dorp');
  await choose(s, 'Is er nu acuut gevaar', /❯ Nee, er is geen acuut gevaar/, 1, 'Geen direct gevaar');
  await choose(s, 'Zie je signalen van huiselijk geweld', /❯ Nee/, 0, 'Geen signalen gezien');
  await s.waitFor('Wat is het concrete doel van het delen?');
  s.type('Eén plan voor de schulden');
  s.keys('Enter');
  await s.waitFor('Kijk naar het doel dat je opschreef');
}

async function finish(s: TmuxSession) {
  await choose(s, 'Kijk naar het doel dat je opschreef', /❯ Ja, het doel is concreet/, 0, 'Het plan is concreet');
  await choose(s, 'Gaat het om politiegegevens', /❯ Ja/, 0, 'Politiegegevens van onszelf');
  await s.waitFor('Klopt alles?');
  s.keys('Enter');
  await s.waitFor('Volg je deze uitkomst?');
  s.keys('Enter');
  for (const prompt of ['Naam (of pseudoniem)', 'Functie']) {
    await s.waitFor(prompt);
    s.keys('Enter'); // the remembered value
  }
  await s.waitFor(/❯ gemeente/);
  s.keys('Enter');
  await s.waitFor('Organisatie');
  s.keys('Enter');
  await s.waitFor('Verslag opslaan?');
  s.keys('Enter');
  expect(await s.exitCode()).toBe(0);
}

const ANSWERS = `dilemma: zvh-alles-delen
author: {name: Test Persoon, role: wijkteammedewerker, domain: gemeente, organisation: Wijkteam Oost}
answers:
  persoonsgegeven: {answer: ja, motivation: Herkenbaar in het dorp}
  acuut-gevaar: {answer: nee, motivation: Geen direct gevaar}
  signaal-geweld: {answer: nee, motivation: Geen signalen gezien}
  doel: {answer: Eén plan voor de schulden}
  doel-toets: {answer: concreet, motivation: Het plan is concreet}
  politie-justitie: {answer: ja, motivation: Politiegegevens van onszelf}
`;

describe.skipIf(missing('tmux'))('drafts survive interruption', () => {
  it('Ctrl-C at the fifth question keeps a 0600 draft; --resume finishes; the record equals an uninterrupted walk', async () => {
    const u = await user();
    const first = u.session(['walk', 'zvh-alles-delen']);
    await firstFour(first);
    first.keys('C-c');
    expect(await first.exitCode()).toBe(130);
    expect(first.screen()).toContain('leertuin walk --resume');
    expect(readdirSync(u.cwd)).not.toContain('records');
    const draftDir = join(u.home, '.state', 'leertuin', 'drafts');
    const [draftFile] = readdirSync(draftDir);
    expect(statSync(join(draftDir, draftFile!)).mode & 0o777).toBe(0o600);
    const draft = readFileSync(join(draftDir, draftFile!), 'utf8');
    expect(JSON.parse(draft).steps).toHaveLength(4);
    expect(draft).not.toMatch(/PRIVATE KEY|BEGIN/);

    const second = u.session(['walk', '--resume']);
    await second.waitFor('Met welk concept wil je verder?');
    second.keys('Enter');
    await finish(second);
    expect(readdirSync(draftDir)).toHaveLength(0); // a finished walk removes its draft

    const resumed = readFileSync(join(u.cwd, 'records', readdirSync(join(u.cwd, 'records'))[0]!), 'utf8');
    writeFileSync(join(u.cwd, 'answers.yaml'), ANSWERS);
    const scripted = await runInProcess(['walk', '--answers', 'answers.yaml', '--out', 'scripted'], { env: u.env, cwd: u.cwd });
    expect(scripted.status, scripted.stderr).toBe(0);
    expect(readFileSync(scripted.stdout.trim(), 'utf8')).toBe(resumed);
  });

  it('closing the terminal (SIGHUP) keeps the draft too', async () => {
    const u = await user();
    const s = u.session(['walk', 'zvh-alles-delen']);
    await firstFour(s);
    s.close(); // kills the tmux server: the program loses its terminal
    const draftDir = join(u.home, '.state', 'leertuin', 'drafts');
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && readdirSync(draftDir).length === 0) await new Promise((r) => setTimeout(r, 50));
    const [draftFile] = readdirSync(draftDir);
    expect(JSON.parse(readFileSync(join(draftDir, draftFile!), 'utf8')).steps).toHaveLength(4);
  });

  it('--resume with an unknown draft id is exit 2', async () => {
    const u = await user();
    const result = await runInProcess(['walk', '--resume', 'bestaat-niet'], { env: u.env, cwd: u.cwd });
    // Without a terminal walk never prompts: the no-terminal error comes first.
    expect(result.status).toBe(2);
  });
});
