import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { splitRecord } from '../../src/record/parse.js';
import { RECORD_NAMESPACE } from '../../src/record/signature.js';
import { verifySshsig } from '../../src/signing/index.js';
import { workshopRecordSchema } from '../../src/workshop/model.js';
import { BIN, freshHome } from '../helpers/cli.js';
import { runCommand } from '../authoring/run-command.js';
import { TmuxSession } from '../helpers/tmux.js';
import { FIXTURE } from './helpers.js';
import { missing } from '../helpers/tools.js';

const sessions: TmuxSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
});

const TRAINER_CONFIG = 'author:\n  name: Tessa Trainer\n  role: trainer privacy\n  organisation: Leertuin Oefenstad\n';

/** A fresh home; with `knownTrainer` the user config already names the trainer, so nobody is asked. */
function workspace(knownTrainer: boolean) {
  const { home, env } = freshHome();
  const cwd = join(home, 'work');
  if (knownTrainer) {
    mkdirSync(join(home, '.config', 'leertuin'), { recursive: true });
    writeFileSync(join(home, '.config', 'leertuin', 'config.yaml'), TRAINER_CONFIG);
  }
  return { home, cwd, env };
}

function start(ws: ReturnType<typeof workspace>, args: string[], width?: number) {
  const session = new TmuxSession([process.execPath, BIN, 'workshop', ...args], { cwd: ws.cwd, env: { ...ws.env, NO_COLOR: '1' }, ...(width ? { width } : {}) });
  sessions.push(session);
  return session;
}

async function answer(session: TmuxSession, prompt: RegExp | string, text: string): Promise<string> {
  const screen = await session.waitFor(prompt);
  if (text) session.type(text);
  session.keys('Enter');
  return screen;
}

/** The trainer is asked every time; the configured author is offered, and Enter takes it. */
async function confirmTrainer(session: TmuxSession): Promise<void> {
  await answer(session, 'Naam (of pseudoniem) Tessa Trainer', '');
  await answer(session, 'Functie trainer privacy', '');
  await answer(session, 'Organisatie Leertuin Oefenstad', '');
}

function readWorkshopRecord(path: string) {
  const parts = splitRecord(readFileSync(path, 'utf8'));
  return { parts, front: workshopRecordSchema().parse(parse(parts.frontMatter)) };
}

describe.skipIf(missing('tmux'))('the workshop in a real terminal', () => {
  it('tallies a question, records the group choice, and proposes a new afspraak that lints clean', async () => {
    const ws = workspace(false);
    const session = start(ws, ['verward-gedrag-huisarts', '--no-sign', '--propose-afspraak']);
    await answer(session, 'Naam (of pseudoniem)', 'Tessa Trainer');
    await answer(session, 'Functie', 'trainer privacy');
    await answer(session, 'Organisatie', 'Leertuin Oefenstad');
    await answer(session, 'Hoeveel deelnemers doen mee?', '12');
    const caseScreen = await answer(session, 'Klaar om te beginnen?', '');
    expect(caseScreen).toContain('Meneer R. gedraagt zich al weken verward.');

    const question = await session.waitFor(/\? Ja, de persoon is te herkennen/);
    // One question on a cleared screen, with its help, discussion point and sources.
    expect(question).not.toContain('Klaar om te beginnen?');
    expect(question).toMatch(/Vraag 1 van hooguit \d+ · 12 deelnemers\s+⚑ Discussiepunt/);
    expect(question).toContain('Een casus zonder naam is vaak toch herleidbaar.');
    expect(question).toContain('Bronnen: AVG art. 4 lid 1');
    expect(question).toContain('Hoeveel deelnemers kiezen elke optie?');
    session.type('7');
    session.keys('Enter');
    await answer(session, /\? Zonder naam, maar de persoon/, '3');
    // More hands than are left over is refused, in Dutch.
    await answer(session, /\? Nee, niemand is te herkennen/, '5');
    await session.waitFor('Kies een getal van 0 tot en met 2.');
    session.keys('BSpace');
    session.type('2');
    session.keys('Enter');

    const tallied = await session.waitFor('Waar komt de groep op uit?');
    expect(tallied).toMatch(/Ja, de persoon is te herkennen\s+█+░+\s+7/);
    // A label too long for its column wraps under itself; no word is cut.
    expect(tallied).toMatch(/Zonder naam, maar de persoon is misschien\s+█+░+\s+3\n\s+toch te herkennen\n/);
    expect(tallied).toMatch(/❯ Ja, de persoon is te herkennen/); // the majority is offered first
    session.keys('Down', 'Down');
    await session.waitFor(/❯ Nee, niemand is te herkennen/);
    session.keys('Enter');
    await session.waitFor('Belangrijkste argumenten (verplicht)');
    session.keys('Enter');
    await session.waitFor('Geef een korte motivatie.');
    session.type('Zonder naam en woonplaats is niemand te herkennen');
    session.keys('Enter');
    await answer(session, 'Standpunt van de minderheid (mag leeg)', 'Twee deelnemers: het dorp is klein');

    const result = await session.waitFor('Waarom spreekt de groep dit af?');
    expect(result).toContain('Het pad van de groep');
    expect(result).toMatch(/→ Nee, niemand is te herkennen \(echt anoniem\) \(2 van 12\)/);
    expect(result).toContain('Uitkomst van de groep: Geen persoonsgegevens.');
    expect(result).toContain('De afspraak komt uit op: Delen op grond van een conflict van plichten.');
    session.type('In een anonieme bespreking is niemand te herkennen.');
    session.keys('Enter');
    await answer(session, 'Wie maakt de afspraak?', ''); // the trainer's organisation is offered
    await answer(session, 'Workshopverslag opslaan?', '');
    expect(await session.exitCode()).toBe(0);

    const records = join(ws.cwd, 'records');
    const files = readdirSync(records).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toMatch(/^\d{4}-\d{2}-\d{2}-verward-gedrag-huisarts-workshop-[a-z0-9]{6}\.md$/);
    expect(files[1]).toBe('verward-gedrag-huisarts.proposed.yaml');

    const { front, parts } = readWorkshopRecord(join(records, files[0]!));
    expect(front).toMatchObject({
      kind: 'workshop',
      language: 'nl',
      trainer: { name: 'Tessa Trainer', role: 'trainer privacy', organisation: 'Leertuin Oefenstad' },
      participants: 12,
      outcome: { id: 'geen-persoonsgegevens' },
      afspraak: { same_outcome: false },
      unsigned: true,
    });
    expect(front.path).toEqual([
      {
        node: 'persoonsgegeven',
        question: expect.stringContaining('Gaat het om persoonsgegevens?'),
        tally: [{ option: 'ja', count: 7 }, { option: 'gepseudonimiseerd', count: 3 }, { option: 'nee', count: 2 }],
        choice: 'nee',
        label: 'Nee, niemand is te herkennen (echt anoniem)',
        arguments: 'Zonder naam en woonplaats is niemand te herkennen',
        minority: 'Twee deelnemers: het dorp is klein',
      },
    ]);
    expect(parts.body).toContain('Keuze van de groep: **Nee, niemand is te herkennen (echt anoniem)**');
    // The trainer is remembered for the next workshop.
    expect(readFileSync(join(ws.home, '.config', 'leertuin', 'config.yaml'), 'utf8')).toContain('Tessa Trainer');

    const proposal = readFileSync(join(records, files[1]!), 'utf8');
    const data = parse(proposal) as { version: string; afspraak: unknown };
    expect(data.version).toBe('2.1.0');
    expect(data.afspraak).toEqual({
      fictitious: false,
      outcome: 'geen-persoonsgegevens',
      answers: { persoonsgegeven: 'nee' },
      rationale: 'In een anonieme bespreking is niemand te herkennen.',
      date: front.created.slice(0, 10),
      by: 'Leertuin Oefenstad',
    });
    // lint wants the file name to be the id: the trainer's next step, copying it into place.
    const dir = mkdtempSync(join(tmpdir(), 'leertuin-lint-'));
    copyFileSync(join(records, files[1]!), join(dir, 'verward-gedrag-huisarts.yaml'));
    const lint = await runCommand(['lint', join(dir, 'verward-gedrag-huisarts.yaml')], { env: ws.env, cwd: ws.cwd });
    expect(lint.status, lint.stdout + lint.stderr).toBe(0);
  });

  it('walks info, text, single and multiple questions, goes back once, and ends at the afspraak', async () => {
    const ws = workspace(true);
    const session = start(ws, [FIXTURE, '--no-sign', '--out', 'sessie']);
    await confirmTrainer(session);
    await answer(session, 'Hoeveel deelnemers doen mee?', '5');
    await answer(session, 'Klaar om te beginnen?', '');
    const first = await session.waitFor('Hoe verwoordt de groep het?');
    expect(first).toContain('Lees dit eerst.'); // the information node, shown with the first question
    expect(first).not.toContain('typ < om terug te gaan');
    session.type('Eén plan voor het gezin');
    session.keys('Enter');
    await answer(session, 'Belangrijkste argumenten (verplicht)', 'Zonder doel geen delen');

    const second = await session.waitFor(/\? Ja \(0\)/);
    // The question recalls the group's purpose, and the path ahead asks one or two more questions.
    expect(second).toContain('Vraag 2 van hooguit 3 · 5 deelnemers');
    expect(second).toContain('Eerder, bij vraag 1, zei de groep: Eén plan voor het gezin');
    session.type('3');
    session.keys('Enter');
    await answer(session, /\? Nee \(2\)/, ''); // the rest of the group
    await session.waitFor(/❯ Ja/);
    session.keys('Enter');
    await answer(session, 'Belangrijkste argumenten (mag leeg)', '');
    await answer(session, 'Standpunt van de minderheid (mag leeg)', 'Twee willen eerst toestemming');

    // Nobody ticked anything: no option is preselected. Go back to the previous question.
    expect(await session.waitFor(/\? Gezondheid \(0\)/)).toContain('Vraag 3 van 3 · 5 deelnemers');
    await answer(session, /\? Gezondheid \(0\)/, '1');
    await answer(session, /\? Schulden \(0\)/, '1');
    await answer(session, /\? Twaalf maanden schoolverzuim \(0\)/, '0');
    await session.waitFor('Welke opties kiest de groep?');
    session.keys('Down', 'Down', 'Down');
    await session.waitFor(/❯\s*◯ ← Vorige vraag/);
    session.keys('Space', 'Enter');

    // The earlier tallies come back as defaults; Enter keeps them.
    await answer(session, /\? Ja \(3\)/, '');
    await answer(session, /\? Nee \(2\)/, '');
    await session.waitFor(/❯ Ja/);
    session.keys('Enter');
    await answer(session, 'Belangrijkste argumenten (mag leeg)', '');
    await answer(session, 'Standpunt van de minderheid (mag leeg)', '');

    // The counts given before going back are offered again.
    await answer(session, /\? Gezondheid \(1\)/, '4');
    await answer(session, /\? Schulden \(1\)/, '');
    await answer(session, /\? Twaalf maanden schoolverzuim \(0\)/, '');
    await session.waitFor(/◉ Gezondheid/); // the majority's option is ticked
    session.keys('Enter');
    await answer(session, 'Belangrijkste argumenten (mag leeg)', 'Alleen de gezondheid doet ertoe');
    await answer(session, 'Standpunt van de minderheid (mag leeg)', '');

    const result = await session.waitFor('Workshopverslag opslaan?');
    expect(result).toContain('Uitkomst van de groep: Delen onder voorwaarden');
    expect(result).toContain('De groep komt op dezelfde uitkomst als de afspraak.');
    session.keys('Enter');
    expect(await session.exitCode()).toBe(0);

    const dir = join(ws.cwd, 'sessie');
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    const { front } = readWorkshopRecord(join(dir, files[0]!));
    expect(front.participants).toBe(5);
    expect(front.path.map(({ node, choice, tally, arguments: args, minority }) => ({ node, choice, tally, args, minority }))).toEqual([
      { node: 'doel', choice: 'Eén plan voor het gezin', tally: undefined, args: 'Zonder doel geen delen', minority: undefined },
      { node: 'delen', choice: 'ja', tally: [{ option: 'ja', count: 3 }, { option: 'no', count: 2 }], args: undefined, minority: 'Twee willen eerst toestemming' },
      {
        node: 'soorten',
        choice: ['gezondheid'],
        tally: [{ option: 'gezondheid', count: 4 }, { option: 'schulden', count: 1 }, { option: '12', count: 0 }],
        args: 'Alleen de gezondheid doet ertoe',
        minority: undefined,
      },
    ]);
    expect(front.afspraak).toEqual({ same_outcome: true, differences: [] });
  });

  it('at 140 columns shows the large layout: full-width rules and bars, "vraag 1 van", the trainer asked and guarded', async () => {
    const ws = workspace(true);
    const session = start(ws, [FIXTURE, '--no-sign'], 140);
    // The configured author is only offered: today's trainer replaces it, and the guard checks what is typed.
    await session.waitFor('Naam (of pseudoniem) Tessa Trainer');
    session.keys('C-u');
    await answer(session, 'Naam (of pseudoniem) (Tessa Trainer)', 'Bram Begeleider');
    await answer(session, 'Functie trainer privacy', '');
    await session.waitFor('Organisatie Leertuin Oefenstad');
    session.type(' trainer@voorbeeld.nl');
    session.keys('Enter');
    await session.waitFor('Dit lijkt identificerend');
    session.keys('Enter'); // rewrite
    await session.waitFor('Organisatie Leertuin Oefenstad trainer@voorbeeld.nl');
    session.keys('C-u');
    session.type('Leertuin Oefenstad');
    session.keys('Enter');
    await answer(session, 'Hoeveel deelnemers doen mee?', '12');
    await answer(session, 'Klaar om te beginnen?', '');

    const first = await session.waitFor('Hoe verwoordt de groep het?');
    expect(first).toContain('      Vraag 1 van hooguit 3 · 12 deelnemers');
    const lines = session.rawScreen().split('\n');
    expect(lines).toContain(`      ${'─'.repeat(128)}`); // the question set apart over the whole width
    await answer(session, 'Hoe verwoordt de groep het?', 'Eén plan voor het gezin');
    await answer(session, 'Belangrijkste argumenten (verplicht)', 'Zonder doel geen delen');

    await answer(session, /\? Ja \(0\)/, '8');
    await answer(session, /\? Nee \(4\)/, ''); // the rest of the group
    const tallied = await session.waitFor('Waar komt de groep op uit?');
    expect(tallied).toContain('Eerder, bij vraag 1, zei de groep: Eén plan voor het gezin');
    const bar = session
      .rawScreen()
      .split('\n')
      .find((line) => line.includes('8 van 12 (67%)'));
    expect(bar).toMatch(/^ {6}█+░+ {2}8 van 12 \(67%\)$/);
    expect(bar!.length).toBeGreaterThan(120);
    expect(tallied).toMatch(/Nee\n\s+█+░+ {2}4 van 12 \(33%\)/);
    session.keys('Enter');
    await answer(session, 'Belangrijkste argumenten (mag leeg)', '');
    await answer(session, 'Standpunt van de minderheid (mag leeg)', '');

    expect(await session.waitFor(/\? Gezondheid \(0\)/)).toContain('Vraag 3 van 3 · 12 deelnemers');
    await answer(session, /\? Gezondheid \(0\)/, '9');
    await answer(session, /\? Schulden \(0\)/, '2');
    await answer(session, /\? Twaalf maanden schoolverzuim \(0\)/, '');
    await session.waitFor(/◉ Gezondheid/);
    session.keys('Enter');
    await answer(session, 'Belangrijkste argumenten (mag leeg)', '');
    await answer(session, 'Standpunt van de minderheid (mag leeg)', '');
    await answer(session, 'Workshopverslag opslaan?', '');
    expect(await session.exitCode()).toBe(0);

    const [file] = readdirSync(join(ws.cwd, 'records'));
    const { front } = readWorkshopRecord(join(ws.cwd, 'records', file!));
    expect(front.trainer).toEqual({ name: 'Bram Begeleider', role: 'trainer privacy', organisation: 'Leertuin Oefenstad' });
    expect(front.path[1]!.tally).toEqual([{ option: 'ja', count: 8 }, { option: 'no', count: 4 }]);
  });

  it('signs the record with the trainer key', async () => {
    const ws = workspace(true);
    const keygen = await runCommand(['keygen', '--principal', 'trainer@voorbeeld.nl'], { env: ws.env, cwd: ws.cwd });
    expect(keygen.status, keygen.stderr).toBe(0);
    const session = start(ws, ['verward-gedrag-huisarts']);
    await confirmTrainer(session);
    await answer(session, 'Hoeveel deelnemers doen mee?', '4');
    await answer(session, 'Klaar om te beginnen?', '');
    await answer(session, /\? Ja, de persoon is te herkennen/, '0');
    await answer(session, /\? Zonder naam/, '0');
    await answer(session, /\? Nee, niemand is te herkennen \(echt anoniem\) \(4\)/, ''); // the rest of the group
    await session.waitFor(/❯ Nee, niemand is te herkennen/); // everyone chose it
    session.keys('Enter');
    await answer(session, 'Belangrijkste argumenten (verplicht)', 'Volledig anoniem besproken');
    await answer(session, 'Standpunt van de minderheid', '');
    await answer(session, 'Workshopverslag opslaan?', '');
    expect(await session.exitCode()).toBe(0);
    expect(session.screen()).toContain('Ondertekend workshopverslag opgeslagen');

    const [file] = readdirSync(join(ws.cwd, 'records'));
    const { front, parts } = readWorkshopRecord(join(ws.cwd, 'records', file!));
    expect(front.signer?.principal).toBe('trainer@voorbeeld.nl');
    expect(front.unsigned).toBeUndefined();
    expect(parts.signatures).toHaveLength(1);
    const check = verifySshsig(Buffer.from(parts.signatures[0]!.signedText, 'utf8'), parts.signatures[0]!.armored, RECORD_NAMESPACE);
    expect(check.ok).toBe(true);
    expect(check.ok && check.fingerprint).toBe(front.signer?.key);

    // verify knows workshop records: signature, trust and the group's path replayed under the tree.
    writeFileSync(join(ws.cwd, 'allowed_signers'), keygen.stdout);
    const verify = await runCommand(['verify', 'records', '--json'], { env: ws.env, cwd: ws.cwd });
    expect(verify.status, verify.stdout).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, counts: { ok: 1 } });
    const recordFile = join(ws.cwd, 'records', file!);
    writeFileSync(recordFile, readFileSync(recordFile, 'utf8').replace('"nee"', '"ja"'));
    expect((await runCommand(['verify', 'records'], { env: ws.env, cwd: ws.cwd })).stdout).toMatch(/^invalid/m);
  });

  it('Ctrl-C exits 130 and writes nothing', async () => {
    const ws = workspace(true);
    const session = start(ws, ['verward-gedrag-huisarts', '--no-sign', '--propose-afspraak']);
    await confirmTrainer(session);
    await answer(session, 'Hoeveel deelnemers doen mee?', '12');
    await answer(session, 'Klaar om te beginnen?', '');
    await session.waitFor(/\? Ja, de persoon is te herkennen/);
    session.type('4');
    session.keys('C-c');
    expect(await session.exitCode()).toBe(130);
    expect(session.screen()).toContain('Onderbroken; er is niets opgeslagen.');
    expect(existsSync(join(ws.cwd, 'records'))).toBe(false);
  });

  it('refuses at once when a proposal is already there, and leaves it alone', async () => {
    const ws = workspace(true);
    mkdirSync(join(ws.cwd, 'records'));
    const existing = join(ws.cwd, 'records', 'verward-gedrag-huisarts.proposed.yaml');
    writeFileSync(existing, '# eerder voorstel\n');
    const session = start(ws, ['verward-gedrag-huisarts', '--no-sign', '--propose-afspraak']);
    expect(await session.exitCode()).toBe(1);
    expect(session.screen()).toMatch(/verward-gedrag-huisarts\.proposed\.yaml bestaat al/);
    expect(session.screen()).not.toContain('Hoeveel deelnemers');
    expect(readFileSync(existing, 'utf8')).toBe('# eerder voorstel\n');
  });
});
