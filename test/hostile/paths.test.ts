import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { BASE, expectCleanFailure, snapshot, timedCli, workspace } from './helpers.js';

const answers = (dilemma: string, name = 'Test Persoon') => `dilemma: ${JSON.stringify(dilemma)}
author: {name: ${JSON.stringify(name)}, role: rol, domain: zorg, organisation: "Team/../../Oost"}
answers:
  vraag: {answer: ja}
`;

/** SOURCE_DATE_EPOCH and LEERTUIN_RECORD_ID fix the record's name: records/2026-11-23-vijandig-vast01.md. */
const RECORD_NAME = '2026-11-23-vijandig-vast01.md';

let ws: ReturnType<typeof workspace>;
beforeEach(() => {
  ws = workspace();
  ws.env = { ...ws.env, SOURCE_DATE_EPOCH: '1795428000', LEERTUIN_RECORD_ID: 'vast01' };
  mkdirSync(join(ws.cwd, 'dilemmas'));
  writeFileSync(join(ws.cwd, '.leertuin.yaml'), 'dilemmas: [dilemmas]\n');
  writeFileSync(join(ws.cwd, 'dilemmas', 'vijandig.yaml'), BASE);
});

const walk = (answersFile: string, extra: string[] = [], env = ws.env) => timedCli(['--lang', 'en', 'walk', '--no-sign', '--answers', answersFile, ...extra], { env, cwd: ws.cwd });

describe('ids never write outside the records folder', () => {
  it.each(['../../x', '../x', 'a/b', '/tmp/x', 'vijandig/../../x', '..', 'VIJANDIG', 'x\u0000y'])('the answers file naming dilemma %j is refused (exit 2), nothing written', async (id) => {
    writeFileSync(join(ws.cwd, 'answers.yaml'), answers(id));
    const before = snapshot(ws.home);
    expectCleanFailure(await walk('answers.yaml'), 2, /answers\.yaml:1:\d+: dilemma: use lowercase letters, digits and dashes/);
    expect(snapshot(ws.home)).toEqual(before);
  });

  it('a dilemma file whose id is a path is refused (exit 2), nothing written', async () => {
    const dir = join(ws.cwd, 'elders');
    mkdirSync(dir);
    writeFileSync(join(dir, 'x.yaml'), BASE.replace('id: vijandig', 'id: "../../x"'));
    writeFileSync(join(ws.cwd, 'answers.yaml'), answers('x'));
    const before = snapshot(ws.home);
    expectCleanFailure(await timedCli(['--lang', 'en', 'walk', './elders/x.yaml', '--no-sign', '--answers', 'answers.yaml'], ws), 2, /x\.yaml:2:5: id: use lowercase letters/);
    expect(snapshot(ws.home)).toEqual(before);
  });

  it('author fields with slashes do not shape the path; a hostile LEERTUIN_RECORD_ID is refused, writing nothing', async () => {
    writeFileSync(join(ws.cwd, 'answers.yaml'), answers('vijandig', '../../../etc/passwd'));
    const refused = await walk('answers.yaml', [], { ...ws.env, LEERTUIN_RECORD_ID: '../../evil' });
    expect(refused.status).toBe(2);
    expect(refused.stderr.split('\n')[0]).toMatch(/LEERTUIN_RECORD_ID "\.\.\/\.\.\/evil" is/);
    expect(existsSync(join(ws.cwd, 'records'))).toBe(false);
    const result = await walk('answers.yaml', [], ws.env);
    expect(result.status, result.stderr).toBe(0);
    expect(readdirSync(join(ws.cwd, 'records'))).toEqual([expect.stringMatching(/^2026-11-23-vijandig-[a-z0-9]{6}\.md$/)]);
    expect(result.stdout.trim()).toMatch(new RegExp(`^${join(ws.cwd, 'records')}/2026-11-23-vijandig-[a-z0-9]{6}\\.md$`));
    expect(existsSync(join(ws.home, 'evil'))).toBe(false);
  });
});

describe('--out', () => {
  it('writes exactly one file, in the folder given, and nothing beside it', async () => {
    writeFileSync(join(ws.cwd, 'answers.yaml'), answers('vijandig'));
    const result = await walk('answers.yaml', ['--out', 'sub/../elders/verslagen']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe(join(ws.cwd, 'elders', 'verslagen', RECORD_NAME));
    expect(readdirSync(join(ws.cwd, 'elders', 'verslagen'))).toEqual([RECORD_NAME]);
    expect(existsSync(join(ws.cwd, 'records'))).toBe(false);
    expect(existsSync(join(ws.cwd, 'sub'))).toBe(false);
  });

  it('a file where the folder should be is a clear write error (exit 2), and the file is unchanged', async () => {
    writeFileSync(join(ws.cwd, 'answers.yaml'), answers('vijandig'));
    writeFileSync(join(ws.cwd, 'geen-map'), 'iets anders\n');
    const before = snapshot(ws.cwd);
    expectCleanFailure(await walk('answers.yaml', ['--out', 'geen-map']), 2, /cannot write .*geen-map\/2026-11-23-vijandig-vast01\.md \(EEXIST\)/);
    expectCleanFailure(await walk('answers.yaml', ['--out', 'geen-map/sub']), 2, /cannot write .*\(ENOTDIR\)/);
    expect(snapshot(ws.cwd)).toEqual(before);
  });

  it('the same name twice is refused the second time; the first record is untouched', async () => {
    writeFileSync(join(ws.cwd, 'answers.yaml'), answers('vijandig'));
    expect((await walk('answers.yaml')).status).toBe(0);
    const before = snapshot(ws.cwd);
    expectCleanFailure(await walk('answers.yaml'), 1, /2026-11-23-vijandig-vast01\.md already exists/);
    expect(snapshot(ws.cwd)).toEqual(before);
  });
});

describe('a symlink placed where the new record goes', () => {
  it('pointing at another file: not followed, not replaced (exit 1 record-exists), target unchanged', async () => {
    writeFileSync(join(ws.cwd, 'answers.yaml'), answers('vijandig'));
    const target = join(ws.home, 'belangrijk.txt');
    writeFileSync(target, 'niet overschrijven\n');
    mkdirSync(join(ws.cwd, 'records'));
    symlinkSync(target, join(ws.cwd, 'records', RECORD_NAME));
    const before = { records: snapshot(join(ws.cwd, 'records')), target: readFileSync(target, 'utf8') };
    const result = await walk('answers.yaml', ['--json']);
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, error: { code: 'record-exists' } });
    expect(readFileSync(target, 'utf8')).toBe(before.target);
    // The link is still the same link, and no temporary file is left beside it.
    expect(snapshot(join(ws.cwd, 'records'))).toEqual(before.records);
  });

  it('dangling: the file it points to is not created', async () => {
    writeFileSync(join(ws.cwd, 'answers.yaml'), answers('vijandig'));
    const target = join(ws.home, 'zou-ontstaan.md');
    mkdirSync(join(ws.cwd, 'records'));
    symlinkSync(target, join(ws.cwd, 'records', RECORD_NAME));
    expectCleanFailure(await walk('answers.yaml'), 1, /already exists/);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(join(ws.cwd, 'records'))).toEqual([RECORD_NAME]);
  });
});
