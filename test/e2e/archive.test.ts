import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTreeFile } from '../../src/dilemma/load.js';
import { freshHome, ROOT } from '../helpers/home.js';
import { runInProcess } from '../helpers/in-process.js';

const BUNDLED = join(ROOT, 'dilemmas');
const ARCHIVE = join(BUNDLED, 'archive');

/** A signing key, a trusted allowed_signers and a project with a dilemmas folder. */
async function project() {
  const { home, env } = freshHome('leertuin-archive-');
  const cwd = join(home, 'work');
  const run = (args: string[], extra: NodeJS.ProcessEnv = {}) => runInProcess(args, { env: { ...env, ...extra }, cwd });
  const keygen = await run(['keygen', '--principal', 'trainer@voorbeeld.nl']);
  expect(keygen.status, keygen.stderr).toBe(0);
  writeFileSync(join(cwd, 'allowed_signers'), keygen.stdout);
  mkdirSync(join(cwd, 'dilemmas', 'kaders'), { recursive: true });
  writeFileSync(join(cwd, '.leertuin.yaml'), 'dilemmas: [dilemmas]\nallowed_signers: allowed_signers\nrecords: records\n');
  return { cwd, run };
}

type Run = Awaited<ReturnType<typeof project>>['run'];

/** The first path `lint --paths` lists for a dilemma, as an answers file. */
async function firstPath(run: Run, cwd: string, dilemma: string): Promise<string> {
  const listed = await run(['lint', '--paths', '--json', '--limit', '1', join(cwd, 'dilemmas', `${dilemma}.yaml`)]);
  const path = (JSON.parse(listed.stdout) as { paths: { dilemma?: string; answers: object }[] }).paths.find((p) => p.dilemma === dilemma);
  expect(path, listed.stdout + listed.stderr).toBeDefined();
  const file = join(cwd, `${dilemma}-answers.json`);
  writeFileSync(file, JSON.stringify({ dilemma, author: { name: 'Oefenaar', role: 'professional', domain: 'zorg', organisation: 'Oefenorganisatie' }, answers: path!.answers }));
  return file;
}

async function verifyJson(run: Run, file: string) {
  const result = await run(['verify', '--json', file]);
  return { status: result.status, doc: JSON.parse(result.stdout) as { ok: boolean; results: { status: string; warnings: string[] }[] } };
}

describe('kader versions that stay', () => {
  it('ships every current bundled kader and tree of its own in dilemmas/archive (run `npm run archive` after a change)', () => {
    const files = [
      ...readdirSync(join(BUNDLED, 'kaders')).map((name) => join(BUNDLED, 'kaders', name)),
      ...readdirSync(BUNDLED).filter((name) => name.endsWith('.yaml')).map((name) => join(BUNDLED, name)),
    ].filter((file) => /\/[a-z0-9-]+\.yaml$/.test(file) && !/\/(sources|glossary)\.yaml$/.test(file));
    let trees = 0;
    for (const file of files) {
      const { file: parsed, pin } = parseTreeFile(file);
      if (parsed.kind === 'dilemma' && parsed.data.nodes === undefined) continue;
      trees++;
      expect(existsSync(join(ARCHIVE, `${pin.sha256}.json`)), `${file} (${pin.version}) is not archived: run \`npm run archive\``).toBe(true);
    }
    expect(trees).toBeGreaterThanOrEqual(2);
  });

  it("a record pinned to an earlier version of a project's kader still verifies ok, and says a newer version applies", async () => {
    const { cwd, run } = await project();
    // The project's own kader: a changed copy of the bundled one.
    const kaderFile = join(cwd, 'dilemmas', 'kaders', 'mag-ik-delen.yaml');
    writeFileSync(kaderFile, readFileSync(join(BUNDLED, 'kaders', 'mag-ik-delen.yaml'), 'utf8').replace(/^version: .*$/m, 'version: "9.9.8"').replace('Mag ik dit delen?', 'Mag ik dit delen, hier?'));
    cpSync(join(BUNDLED, 'zvh-alles-delen.yaml'), join(cwd, 'dilemmas', 'zvh-alles-delen.yaml'));
    const walk = await run(['walk', '--answers', await firstPath(run, cwd, 'zvh-alles-delen')]);
    expect(walk.status, walk.stderr).toBe(0);
    const record = walk.stdout.trim();
    // The walk kept the version it pinned in the project's archive.
    expect(readdirSync(join(cwd, 'dilemmas', 'archive'))).toHaveLength(1);

    // The kader changes again: a new version, other text.
    writeFileSync(kaderFile, readFileSync(kaderFile, 'utf8').replace(/^version: .*$/m, 'version: "9.9.9"').replace('Mag ik dit delen, hier?', 'Mag ik dit echt delen?'));
    const after = await verifyJson(run, record);
    expect(after.status).toBe(0);
    expect(after.doc.results[0]).toMatchObject({ status: 'ok', warnings: ['newer-version:9.9.9'] });
    const human = await run(['verify', record]);
    expect(human.stdout).toMatch(/oudere versie; nu geldt versie 9\.9\.9/);

    // An archived version that does not hold what its name says is not used.
    const [archived] = readdirSync(join(cwd, 'dilemmas', 'archive'));
    const archivedFile = join(cwd, 'dilemmas', 'archive', archived!);
    writeFileSync(archivedFile, readFileSync(archivedFile, 'utf8').replace('Mag ik dit delen, hier?', 'Mag ik dit zomaar delen?'));
    const tampered = await verifyJson(run, record);
    expect(tampered.status).toBe(1);
    expect(tampered.doc.results[0]).toMatchObject({ status: 'unreplayable', code: 'tree-unavailable' });
    // Only with the opt-in does such a record pass.
    expect((await run(['verify', '--allow-unknown-trees', record])).status).toBe(0);
  });

  it('a record pinned to a bundled version verifies ok after that kader changes, from the bundled archive', async () => {
    const { cwd, run } = await project();
    // The walk uses the bundled kader; then the project replaces it with a changed one.
    cpSync(join(BUNDLED, 'zvh-alles-delen.yaml'), join(cwd, 'dilemmas', 'zvh-alles-delen.yaml'));
    const answers = await firstPath(run, cwd, 'zvh-alles-delen');
    const walk = await run(['walk', '--answers', answers]);
    expect(walk.status, walk.stderr).toBe(0);
    rmSync(join(cwd, 'dilemmas', 'zvh-alles-delen.yaml'));
    // Bundled versions are not archived into the project.
    expect(existsSync(join(cwd, 'dilemmas', 'archive'))).toBe(false);
    const kaderFile = join(cwd, 'dilemmas', 'kaders', 'mag-ik-delen.yaml');
    writeFileSync(kaderFile, readFileSync(join(BUNDLED, 'kaders', 'mag-ik-delen.yaml'), 'utf8').replace(/^version: .*$/m, 'version: "9.9.9"').replace('Mag ik dit delen?', 'Mag ik dit echt delen?'));
    const after = await verifyJson(run, walk.stdout.trim());
    expect(after.status).toBe(0);
    expect(after.doc.results[0]).toMatchObject({ status: 'ok', warnings: ['newer-version:9.9.9'] });
  });

  it('lint --archive keeps the project versions, once', async () => {
    const { cwd, run } = await project();
    cpSync(join(BUNDLED, 'kaders', 'mag-ik-delen.yaml'), join(cwd, 'dilemmas', 'kaders', 'mag-ik-delen.yaml'));
    const first = await run(['lint', '--archive', '--json']);
    expect(first.status, first.stderr).toBe(0);
    expect((JSON.parse(first.stdout) as { archived: string[] }).archived).toHaveLength(1);
    const again = await run(['lint', '--archive', '--json']);
    expect((JSON.parse(again.stdout) as { archived: string[] }).archived).toHaveLength(0);
  });
});
