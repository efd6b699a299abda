import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RECORD_NAMESPACE, appendSignature } from '../../src/record/signature.js';
import { fingerprint, generateSigningKey, publicKeyLine } from '../../src/signing/index.js';
import { BIN } from '../helpers/cli.js';
import { TmuxSession } from '../helpers/tmux.js';
import { EVIL, expectCleanFailure, RAW_CONTROL, snapshot, timedCli, TIME_BOUND_MS, workspace, yamlString } from './helpers.js';
import { missing } from '../helpers/tools.js';

const evil = (label: string) => yamlString(`${label} ${EVIL}`);

/** A dilemma with terminal attacks in every text a walk, `show` or `list` displays. */
const DILEMMA = `kind: dilemma
id: vijandig
version: "1.0.0"
languages: [nl]
title: ${evil('Titel')}
summary: ${evil('Samenvatting')}
case: ${evil('Casus')}
roles: {asks: ${evil('Vrager')}, holds: ${evil('Houder')}, subject: ${evil('Betrokkene')}}
categories: [${evil('Categorie')}]
doubts: [${evil('Twijfel')}]
start: vraag
nodes:
  - id: vraag
    kind: single
    text: ${evil('Vraag')}
    help: ${evil('Hulp')}
    disputed: ${evil('Discussie')}
    legal: [${evil('Wet')}]
    options:
      - {id: ja, label: ${evil('Optie ja')}, next: doel}
      - {id: nee, label: ${evil('Optie nee')}, next: eind}
  - id: doel
    kind: text
    text: ${evil('Doelvraag')}
    next: eind
  - id: eind
    kind: outcome
    verdict: delen
    text: ${evil('Uitkomst')}
    conditions: [${evil('Voorwaarde')}]
    advice: ${evil('Advies')}
`;

const AUTHOR = '{name: Test Persoon, role: wijkteammedewerker, domain: zorg, organisation: Wijkteam Oost}';
const ANSWERS = `dilemma: vijandig
author: ${AUTHOR}
answers:
  vraag: {answer: ja, motivation: ${evil('Motivatie')}}
  doel: {answer: ${evil('Doel')}, motivation: ${evil('Doelmotivatie')}}
deviation: {decision: ${evil('Besluit')}, reason: ${evil('Reden')}}
`;

/** Output that showed the hostile text (its visible words are there) without any of its controls. */
function expectInert(output: string, label: string): void {
  expect(output, label).not.toMatch(RAW_CONTROL);
  expect(output, label).toMatch(/RED\s+BEL\s+LINK\s+6n C1\s+NEL\s+RTL\s+ISO\s+MARK/);
}

let ws: ReturnType<typeof workspace>;
beforeAll(() => {
  ws = workspace();
  ws.env = { ...ws.env, SOURCE_DATE_EPOCH: '1795428000' };
  mkdirSync(join(ws.cwd, 'dilemmas'));
  writeFileSync(join(ws.cwd, '.leertuin.yaml'), 'dilemmas: [dilemmas]\n');
  writeFileSync(join(ws.cwd, 'dilemmas', 'vijandig.yaml'), DILEMMA);
  writeFileSync(join(ws.cwd, 'answers.yaml'), ANSWERS);
});

describe.skipIf(missing('tmux'))('dilemma text, motivations and record fields never reach the terminal raw', () => {
  it('list and show', async () => {
    const before = snapshot(join(ws.cwd, 'dilemmas'));
    for (const args of [['list'], ['show', 'vijandig']]) {
      const result = await timedCli(args, ws);
      expect(result.status, result.stderr).toBe(0);
      expect(result.ms).toBeLessThan(TIME_BOUND_MS);
      expectInert(result.stdout + result.stderr, args.join(' '));
    }
    expect(snapshot(join(ws.cwd, 'dilemmas'))).toEqual(before);
  });

  it('walk --answers with hostile motivations, text answer and deviation; then verify the record', async () => {
    const inputs = { dilemmas: snapshot(join(ws.cwd, 'dilemmas')), answers: readFileSync(join(ws.cwd, 'answers.yaml'), 'utf8') };
    const walk = await timedCli(['walk', 'vijandig', '--no-sign', '--answers', 'answers.yaml'], { ...ws, env: { ...ws.env, LEERTUIN_RECORD_ID: 'term01' } });
    expect(walk.status, walk.stderr).toBe(0);
    expect(walk.stdout + walk.stderr).not.toMatch(RAW_CONTROL);
    const record = readFileSync(walk.stdout.trim(), 'utf8');
    // The body is Markdown for people: inert. The front matter keeps the exact text, escaped.
    const body = record.slice(record.indexOf('\n---\n', 3) + 5);
    expectInert(body, 'record body');
    expect(record).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(record).toContain('\\u001b]8;;http://evil.example/\\u0007LINK');

    const verify = await timedCli(['verify', walk.stdout.trim()], ws);
    expect(verify.status).toBe(1);
    expect(verify.stdout).toMatch(/^unsigned\s/);
    expect(verify.stdout + verify.stderr).not.toMatch(RAW_CONTROL);
    // The dilemma is unchanged; beside it, the walk kept the version it pinned (dilemma/archive.ts).
    const after = Object.entries(snapshot(join(ws.cwd, 'dilemmas')));
    const pinned = /^dilemma:\n(?: {2}.*\n)*? {2}sha256: "([0-9a-f]{64})"/m.exec(record)?.[1];
    expect(after.filter(([name]) => name.startsWith('archive/')).map(([name]) => name)).toEqual([`archive/${pinned}.json`]);
    expect(Object.fromEntries(after.filter(([name]) => !name.startsWith('archive/')))).toEqual(inputs.dilemmas);
    expect(readFileSync(join(ws.cwd, 'answers.yaml'), 'utf8')).toBe(inputs.answers);
    expect(readFileSync(walk.stdout.trim(), 'utf8')).toBe(record);
  });

  it('author fields with control characters are refused (exit 2), naming the field', async () => {
    writeFileSync(
      join(ws.cwd, 'author.yaml'),
      ANSWERS.replace(`author: ${AUTHOR}`, `author: {name: ${evil('Naam')}, role: rol, domain: zorg, organisation: ${evil('Organisatie')}}`),
    );
    const result = await timedCli(['--lang', 'en', 'walk', 'vijandig', '--no-sign', '--answers', 'author.yaml'], { ...ws, env: { ...ws.env, LEERTUIN_RECORD_ID: 'term02' } });
    expectCleanFailure(result, 2, /author\.yaml:2:\d+: author\.name: one line, without control characters/);
    expect(existsSync(join(ws.cwd, 'records', '2026-11-23-vijandig-term02.md'))).toBe(false);
  });

  it('an answer that quotes escapes is echoed inert in the error', async () => {
    writeFileSync(join(ws.cwd, 'option.yaml'), ANSWERS.replace('vraag: {answer: ja,', `vraag: {answer: ${evil('ja')},`));
    const result = await timedCli(['--lang', 'en', 'walk', 'vijandig', '--no-sign', '--answers', 'option.yaml'], ws);
    expectCleanFailure(result, 2, /is not an option of question "vraag"/);
    expectInert(result.stderr, 'error');
  });

  let principalOutput = '';
  it('a record signed with a hostile principal verifies (as untrusted)', async () => {
    const key = generateSigningKey();
    const plain = readFileSync(join(ws.cwd, 'records', '2026-11-23-vijandig-term01.md'), 'utf8');
    const signer = `signer:\n  principal: ${JSON.stringify(`arts${EVIL}@voorbeeld.nl`)}\n  key: "${fingerprint(key.publicKey)}"\n`;
    writeFileSync(join(ws.cwd, 'principal.md'), await appendSignature(plain.replace('unsigned: true\n', signer), key.signingKey));
    writeFileSync(join(ws.cwd, 'principal_signers'), `other@voorbeeld.nl namespaces="${RECORD_NAMESPACE}" ${publicKeyLine(key.publicKey)}\n`);
    const result = await timedCli(['verify', 'principal.md', '--allowed-signers', 'principal_signers'], ws);
    expect(result.stdout).toMatch(/^untrusted\s/);
    principalOutput = result.stdout + result.stderr;
  });

  // Anyone can sign a record with such a principal; verify must print it inert.
  it('verify prints that principal inert', () => {
    expect(principalOutput).not.toBe('');
    expect(principalOutput).not.toMatch(RAW_CONTROL);
  });
});

describe.skipIf(missing('tmux'))('an interactive walk in a real terminal', () => {
  const sessions: TmuxSession[] = [];
  afterEach(() => {
    for (const s of sessions.splice(0)) s.close();
  });

  it('shows the hostile dilemma without sending its escapes to the terminal', async () => {
    const log = join(ws.home, 'walk-raw.log');
    // `script` records every byte the walk writes to its terminal; tmux only keeps the rendered screen.
    const command = `'${process.execPath}' '${BIN}' walk vijandig --no-sign`;
    const session = new TmuxSession(['script', '-q', '-f', '-e', '-c', command, log], { cwd: ws.cwd, env: ws.env, width: 200, height: 60 });
    sessions.push(session);
    await session.waitFor(/Vraag RED/);
    await session.waitFor('Optie nee');
    session.keys('Down', 'Down');
    await session.waitFor(/❯ \? /);
    session.keys('Enter');
    await session.waitFor('Discussie RED');
    session.keys('C-c');
    expect(await session.exitCode()).toBe(130);

    const screen = session.screen();
    for (const label of ['Titel', 'Casus', 'Vraag', 'Wet', 'Optie ja', 'Optie nee', 'Hulp', 'Discussie']) expect(screen).toContain(`${label} RED`);
    const raw = readFileSync(log);
    const text = raw.toString('utf8');
    expect(text).toContain('LINK');
    for (const sequence of ['\u001b]8;;', '\u001b]0;', '\u001b[2J', '\u0007', '\u009b', '\u0085', '\u202e', '\u202c', '\u2066', '\u2069', '\u200f']) {
      expect(text.includes(sequence), `raw output contains ${JSON.stringify(sequence)}`).toBe(false);
    }
    // With NO_COLOR, the only escapes left are the prompt library's cursor moves, line erases and cursor hiding.
    const escapes = new Set(text.match(/\u001b[^A-Za-z]*[A-Za-z]/g) ?? []);
    expect(escapes.size).toBeGreaterThan(0);
    for (const sequence of escapes) expect(sequence).toMatch(/^\u001b\[(?:\d*[ABCDGK]|\?25[hl])$/);
  });
});
