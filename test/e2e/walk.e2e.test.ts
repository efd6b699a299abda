import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseRecord } from '../../src/record/parse.js';
import { BIN, freshHome, runCli } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';
import { TmuxSession } from '../helpers/tmux.js';
import { missing } from '../helpers/tools.js';

const sessions: TmuxSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
});

/** The environment freshHome made for `home`, for the commands run after a session. */
function freshEnv(home: string): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_STATE_HOME: join(home, '.state'), LANG: 'C.UTF-8' };
}

function start(args: string[]) {
  const { home, env } = freshHome();
  const cwd = join(home, 'work');
  const session = new TmuxSession([process.execPath, BIN, ...args], { cwd, env: { ...env, NO_COLOR: '1' } });
  sessions.push(session);
  return { session, cwd, home };
}

/**
 * The shortest walk to a record: "nobody can be identified", its motivation, the summary, the
 * outcome, the author's name, role, first domain and organisation, and yes to saving.
 */
async function anonymousWalkToSave(session: TmuxSession, motivation: string, author: { name: string; role: string; organisation: string }) {
  const first = await session.waitFor('Gaat het om persoonsgegevens?');
  // The sources of the question by their registry title, and the terms it uses explained where they first appear.
  expect(first).toMatch(/Bronnen: AVG art\. 4 lid 1: Persoonsgegevens/);
  expect(first).toMatch(/Uitleg: persoonsgegeven: /);
  session.keys('Down', 'Down');
  await session.waitFor(/❯ Nee, niemand is te herkennen/);
  session.keys('Enter');
  await session.waitFor(/Motivatie \(verplicht\)\s*$/m);
  session.type(motivation);
  session.keys('Enter');
  await session.waitFor('Klopt alles?');
  session.keys('Enter');
  await session.waitFor('Volg je deze uitkomst?');
  session.keys('Enter');
  for (const [prompt, answer] of [['Naam (of pseudoniem)', author.name], ['Functie', author.role]] as const) {
    await session.waitFor(prompt);
    session.type(answer);
    session.keys('Enter');
  }
  await session.waitFor(/❯ zorg/);
  session.keys('Enter');
  await session.waitFor('Organisatie');
  session.type(author.organisation);
  session.keys('Enter');
  await session.waitFor('Verslag opslaan?');
  session.keys('Enter');
}

describe.skipIf(missing('tmux'))('interactive walk in a real terminal', () => {
  it('first signed record: the key is made (passphrase twice), its line shown and trusted, and verify passes at once', async () => {
    const { session, cwd, home } = start(['walk', 'zvh-alles-delen']);
    await anonymousWalkToSave(session, 'Volledig anoniem besproken', { name: 'Test Persoon', role: 'Wijkteammedewerker', organisation: 'Wijkteam Noord' });
    await session.waitFor('Er is nog geen sleutel om je verslag te ondertekenen. Nu aanmaken?');
    session.keys('Enter');
    await session.waitFor('Je ondertekenaar-naam');
    session.type('test@voorbeeld.nl');
    session.keys('Enter');
    // The password prompt's key help is Dutch too.
    expect(await session.waitFor('Wachtwoord voor de sleutel')).toContain('ctrl+t tonen/verbergen');
    session.type('geheim-woord-1');
    session.keys('Enter');
    await session.waitFor('Nog een keer');
    session.type('geheim-woord-1');
    session.keys('Enter');
    const shown = await session.waitFor('Nu een maken in');
    expect(shown).toMatch(/Wie deze regel in allowed_signers zet, kan je handtekening controleren:/);
    expect(shown).toMatch(/test@voorbeeld\.nl namespaces="leertuin-record" ssh-ed25519 AAAA\S+/);
    session.keys('Enter');
    await session.waitFor('Naam van de organisatie of regio');
    session.keys('Enter');
    const done = await session.waitFor('Ondertekend verslag opgeslagen');
    // The passphrase was asked twice, when it was set; never a third time to sign.
    expect(done.split('Wachtwoord voor de sleutel').length - 1).toBe(1);
    expect(await session.exitCode()).toBe(0);
    const [record] = readdirSync(join(cwd, 'records'));
    const verify = await runInProcess(['verify', join('records', record!)], { env: { ...freshEnv(home), LEERTUIN_LANG: 'nl' }, cwd });
    expect(verify.status, verify.stdout + verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/^ok\s/);
    const show = await runInProcess(['keygen', '--show'], { env: freshEnv(home), cwd });
    expect(show.stdout).toBe(shown.match(/test@voorbeeld\.nl namespaces="leertuin-record" ssh-ed25519 \S+/)![0] + '\n');
  });

  it('at 100 columns breaks the disclaimer and the case text between words, never inside one', async () => {
    const { session } = start(['walk', 'zvh-alles-delen', '--no-sign']);
    await session.waitFor('Gaat het om persoonsgegevens?');
    // The lines as the terminal shows them, joined by a space: a word cut at the edge would read "m et".
    const raw = session.rawScreen().split('\n');
    const shown = raw.join(' ').replace(/\s+/g, ' ');
    expect(shown).toContain('leertuin geeft geen juridisch advies: het helpt je redeneren en vastleggen; bij twijfel overleg je met je FG of jurist.');
    expect(shown).toContain('Hij mailt alle partners: "Stuur vooraf alles wat jullie weten. Gezondheid, politie, schulden, school.');
    for (const line of raw) expect(line.length).toBeLessThanOrEqual(100);
  });

  it('walks with arrow keys, goes back once, motivates, changes nothing in the summary, and writes the record', async () => {
    const { session, cwd, home } = start(['walk', 'zvh-alles-delen', '--no-sign']);
    await session.waitFor('geen juridisch advies');
    await session.waitFor('Gaat het om persoonsgegevens?');
    session.keys('Enter'); // "Ja, de persoon is te herkennen"
    await session.waitFor('Motivatie (verplicht)');
    session.type('Herkenbaar in het dorp');
    session.keys('Enter');
    await session.waitFor('Is er nu acuut gevaar');
    // Down to "← Vorige vraag" (last entry, the list does not wrap) and go back.
    session.keys('Down', 'Down', 'Down', 'Down');
    await session.waitFor(/❯ ← Vorige vraag/);
    session.keys('Enter');
    await session.waitFor(/❯ Ja, de persoon is te herkennen/); // the earlier answer is preselected
    session.keys('Down', 'Down');
    await session.waitFor(/❯ Nee, niemand is te herkennen/);
    session.keys('Enter');
    await session.waitFor(/Motivatie \(verplicht\)\s*$/m);
    session.type('Volledig anoniem besproken');
    session.keys('Enter');
    await session.waitFor('Klopt alles?');
    session.keys('Enter');
    await session.waitFor('Volg je deze uitkomst?');
    session.keys('Enter'); // Ja
    await session.waitFor('Naam (of pseudoniem)');
    session.type('Test Persoon');
    session.keys('Enter');
    await session.waitFor('Functie');
    session.type('Wijkteammedewerker');
    session.keys('Enter');
    await session.waitFor('Domein');
    session.keys('Down', 'Down'); // zorg, veiligheid, gemeente
    await session.waitFor(/❯ gemeente/);
    session.keys('Enter');
    await session.waitFor('Organisatie');
    session.type('Wijkteam Noord');
    session.keys('Enter');
    await session.waitFor('Verslag opslaan?');
    session.keys('Enter');
    expect(await session.exitCode()).toBe(0);

    const files = readdirSync(join(cwd, 'records'));
    expect(files).toHaveLength(1);
    const text = readFileSync(join(cwd, 'records', files[0]!), 'utf8');
    const { record } = parseRecord(text);
    expect(record.path).toEqual([
      {
        node: 'persoonsgegeven',
        question: expect.stringContaining('Gaat het om persoonsgegevens?'),
        answer: 'nee',
        label: 'Nee, niemand is te herkennen (echt anoniem)',
        motivation: 'Volledig anoniem besproken',
      },
    ]);
    expect(record.outcome.id).toBe('geen-persoonsgegevens');
    expect(record.author).toEqual({ name: 'Test Persoon', role: 'Wijkteammedewerker', domain: 'gemeente', organisation: 'Wijkteam Noord' });
    expect(record.unsigned).toBe(true);
    expect(record.language).toBe('nl');
    // The author is remembered for next time.
    expect(readFileSync(join(home, '.config', 'leertuin', 'config.yaml'), 'utf8')).toContain('Wijkteam Noord');
  });

  it('a first walk without a key offers to create one at the end, and signs with it', async () => {
    const { session, cwd, home } = start(['walk', 'verward-gedrag-huisarts']);
    await anonymousWalkToSave(session, 'Niets herkenbaars', { name: 'Arts', role: 'Huisarts', organisation: 'Praktijk' });
    await session.waitFor('Nu aanmaken?');
    session.keys('Enter');
    await session.waitFor('ondertekenaar-naam');
    session.type('arts@voorbeeld.nl');
    session.keys('Enter');
    await session.waitFor(/Wachtwoord voor de sleutel\s*$/m);
    session.keys('Enter'); // no passphrase
    await session.waitFor('Nu een maken in');
    session.type('n'); // no project: the record is signed all the same
    session.keys('Enter');
    expect(await session.exitCode()).toBe(0);
    const files = readdirSync(join(cwd, 'records'));
    const { record, parsed } = parseRecord(readFileSync(join(cwd, 'records', files[0]!), 'utf8'));
    expect(record.signer?.principal).toBe('arts@voorbeeld.nl');
    expect(parsed.signatures).toHaveLength(1);
    expect(existsSync(join(home, '.config', 'leertuin', 'signing_key'))).toBe(true);
    // The screen never shows key material.
    expect(session.screen()).not.toMatch(/PRIVATE KEY/);
  });

  it('Ctrl-C mid-walk exits 130 with one line and writes no record', async () => {
    const { session, cwd } = start(['walk', 'blauwe-plekken-wijkteam', '--no-sign']);
    await session.waitFor('Gaat het om persoonsgegevens?');
    session.keys('Enter');
    await session.waitFor('Motivatie (verplicht)');
    session.type('half getypt');
    session.keys('C-c');
    expect(await session.exitCode()).toBe(130);
    expect(session.screen()).toContain('Onderbroken; er is niets opgeslagen.');
    expect(existsSync(join(cwd, 'records'))).toBe(false);
  });

  it('`leertuin` with no arguments opens the dilemma choice in Dutch', async () => {
    const { session } = start([]);
    const screen = await session.waitFor('Welk dilemma wil je doorlopen?');
    expect(screen).toContain('Alles sturen voor het casusoverleg?');
    session.keys('C-c');
    expect(await session.exitCode()).toBe(130);
  });

  it('speaks English with --lang en', async () => {
    const { session } = start(['walk', 'zvh-alles-delen', '--lang', 'en']);
    await session.waitFor('gives no legal advice');
    await session.waitFor('Is this personal data?');
    session.keys('C-c');
    expect(await session.exitCode()).toBe(130);
  });
});

describe.skipIf(missing('tmux'))('without a terminal', () => {
  it('walk fails at once with exit 2 and a hint to use --answers', () => {
    const { home, env } = freshHome();
    const started = Date.now();
    const result = runCli(['walk', 'zvh-alles-delen'], { env, cwd: join(home, 'work') });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/Geen terminal/);
    expect(result.stderr).toMatch(/--answers/);
    expect(result.stderr.trim().split('\n')).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('no arguments prints help and exits 0', () => {
    const { home, env } = freshHome();
    const result = runCli([], { env, cwd: join(home, 'work') });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Gebruik: leertuin');
  });
});
