import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUTHOR, sandbox } from './helpers.js';

const MADE = ['.leertuin.yaml', 'allowed_signers', '.gitattributes', 'README.md', 'dilemmas/voorbeeld-mentor.yaml'];

describe('leertuin init', () => {
  it('in an empty folder: a repository ready for git, whose example lints clean', async () => {
    const box = sandbox();
    const init = await box.run(['init']);
    expect(init.status, init.stderr).toBe(0);
    expect(init.stdout.trim().split('\n')).toEqual(MADE.map((f) => join(box.cwd, f)));
    for (const folder of ['records', 'dilemmas']) expect(existsSync(join(box.cwd, folder))).toBe(true);

    const config = (await box.json(['config'])).body as { project_file: string; settings: Record<string, { value: unknown; source: string }> };
    expect(config.project_file).toBe(join(box.cwd, '.leertuin.yaml'));
    expect(config.settings.records).toMatchObject({ value: join(box.cwd, 'records'), source: 'project' });
    expect(config.settings.allowed_signers).toMatchObject({ value: join(box.cwd, 'allowed_signers'), source: 'project' });
    expect(config.settings.language).toMatchObject({ value: 'nl', source: 'project' });

    const lint = await box.json(['lint']);
    expect(lint.status, lint.stdout).toBe(0);
    expect(lint.body.files).toContain(join(box.cwd, 'dilemmas', 'voorbeeld-mentor.yaml'));

    // No key yet: allowed_signers holds only comments, which OpenSSH and leertuin both skip.
    expect(readFileSync(join(box.cwd, 'allowed_signers'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'))).toEqual([]);
    expect(init.stderr).toContain('leertuin keygen');

    // The README speaks Dutch, with English.
    const readme = readFileSync(join(box.cwd, 'README.md'), 'utf8');
    expect(readme).toContain('## Zo werk je');
    expect(readme).toContain('## In English');
    expect(readme).toContain('geen juridisch advies');
  });

  it('in a non-empty folder: leaves other files alone; refuses to overwrite anything', async () => {
    const box = sandbox();
    writeFileSync(join(box.cwd, 'notes.txt'), 'mine\n');
    expect((await box.run(['init'])).status).toBe(0);
    expect(readFileSync(join(box.cwd, 'notes.txt'), 'utf8')).toBe('mine\n');

    const other = sandbox();
    writeFileSync(join(other.cwd, 'README.md'), '# my project\n');
    const refused = await other.run(['init']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/README\.md/);
    expect(refused.stderr).toMatch(/--force/);
    // Nothing at all was written.
    expect(readdirSync(other.cwd)).toEqual(['README.md']);
    // --force replaces only what init made: a README of someone else's stays refused.
    const forced = await other.json(['init', '--force']);
    expect(forced.status).toBe(2);
    expect(forced.body).toMatchObject({ ok: false, error: { code: 'init-exists' } });
    expect(readFileSync(join(other.cwd, 'README.md'), 'utf8')).toBe('# my project\n');
  });

  it('a second init refuses; --force replaces its own files, e.g. to add a key made since', async () => {
    const box = sandbox();
    expect((await box.run(['init', 'leertuin', '--organisation', 'Leertuin Oefenstad'])).status).toBe(0);
    const dir = join(box.cwd, 'leertuin');
    expect(readFileSync(join(dir, '.leertuin.yaml'), 'utf8')).toContain('organisation: "Leertuin Oefenstad"');
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toContain('# Leertuin Oefenstad: leertuin');
    expect((await box.run(['init', 'leertuin'])).status).toBe(2);

    const keygen = await box.run(['keygen', '--principal', 'trainer@voorbeeld.nl']);
    expect(keygen.status, keygen.stderr).toBe(0);
    const line = keygen.stdout.trim();
    const forced = await box.json(['init', 'leertuin', '--force']);
    expect(forced.status, forced.stdout).toBe(0);
    expect(forced.body).toMatchObject({ ok: true, overwritten: MADE, signer: true });
    expect(readFileSync(join(dir, 'allowed_signers'), 'utf8')).toContain(`\n${line}\n`);
  });

  it('with a key: the user is trusted at once, so a signed walk verifies ok in the new repository', async () => {
    const box = sandbox();
    expect((await box.run(['keygen', '--principal', 'trainer@voorbeeld.nl'])).status).toBe(0);
    const init = await box.run(['init']);
    expect(init.status, init.stderr).toBe(0);
    mkdirSync(join(box.cwd, 'answers'));
    writeFileSync(
      join(box.cwd, 'answers', 'a.yaml'),
      JSON.stringify({ dilemma: 'voorbeeld-mentor', author: AUTHOR, answers: { doel: { answer: 'Helpen.' }, toestemming: { answer: 'nee', motivation: 'Ze wil het niet.' } } }),
    );
    const walk = await box.run(['walk', '--answers', 'answers/a.yaml']);
    expect(walk.status, walk.stderr).toBe(0);
    const verify = await box.run(['verify', 'records/']);
    expect(verify.status, verify.stdout + verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/^ok\s+.*trainer@voorbeeld\.nl/m);
  });

});
