import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sandbox } from './helpers.js';

interface ConfigJson {
  project_file: string | null;
  user_file: string;
  settings: Record<string, { value: unknown; source: string; from?: string }>;
}

describe('leertuin config: every level of precedence, each with where the value came from', () => {
  it('flag > LEERTUIN_* environment > project (found walking up) > user > default', async () => {
    const box = sandbox();
    const sub = join(box.cwd, 'a', 'b');
    mkdirSync(sub, { recursive: true });
    const userDir = join(box.home, '.config', 'leertuin');
    const userFile = join(userDir, 'config.yaml');
    const projectFile = join(box.cwd, '.leertuin.yaml');
    const config = async (args: string[] = [], env: NodeJS.ProcessEnv = {}) => {
      const result = await box.json(['config', ...args], { cwd: sub, env });
      expect(result.status, result.stdout).toBe(0);
      return result.body as unknown as ConfigJson;
    };

    // Default.
    let c = await config();
    expect(c.project_file).toBeNull();
    expect(c.settings.records).toEqual({ value: join(sub, 'records'), source: 'default' });
    expect(c.settings.language).toEqual({ value: null, source: 'default' });
    expect(c.settings.principal).toEqual({ value: null, source: 'default' });

    // User config, relative paths taken from its folder.
    mkdirSync(userDir, { recursive: true });
    writeFileSync(userFile, 'language: en\nrecords: uit-gebruiker\nprincipal: trainer@voorbeeld.nl\nauthor: {name: A. Tester}\n');
    c = await config();
    expect(c.user_file).toBe(userFile);
    expect(c.settings.records).toEqual({ value: join(userDir, 'uit-gebruiker'), source: 'user', from: userFile });
    expect(c.settings.language).toEqual({ value: 'en', source: 'user', from: userFile });
    expect(c.settings.principal).toEqual({ value: 'trainer@voorbeeld.nl', source: 'user', from: userFile });
    expect(c.settings.author).toEqual({ value: { name: 'A. Tester' }, source: 'user', from: userFile });

    // Project config, two folders up, relative paths taken from its folder.
    writeFileSync(projectFile, 'organisation: Leertuin Oefenstad\nlanguage: nl\nrecords: uit-project\ndilemmas: [eigen]\n');
    c = await config();
    expect(c.project_file).toBe(projectFile);
    expect(c.settings.records).toEqual({ value: join(box.cwd, 'uit-project'), source: 'project', from: projectFile });
    expect(c.settings.language).toEqual({ value: 'nl', source: 'project', from: projectFile });
    expect(c.settings.dilemmas).toEqual({ value: [join(box.cwd, 'eigen')], source: 'project', from: projectFile });
    expect(c.settings.organisation).toEqual({ value: 'Leertuin Oefenstad', source: 'project', from: projectFile });
    // Still the user's where the project says nothing.
    expect(c.settings.principal?.source).toBe('user');

    // Environment.
    const env = { LEERTUIN_RECORDS: 'uit-env', LEERTUIN_LANG: 'en', LEERTUIN_PRINCIPAL: 'env@voorbeeld.nl', LEERTUIN_DILEMMAS: 'x:y' };
    c = await config([], env);
    expect(c.settings.records).toEqual({ value: join(sub, 'uit-env'), source: 'env', from: 'LEERTUIN_RECORDS' });
    expect(c.settings.language).toEqual({ value: 'en', source: 'env', from: 'LEERTUIN_LANG' });
    expect(c.settings.principal).toEqual({ value: 'env@voorbeeld.nl', source: 'env', from: 'LEERTUIN_PRINCIPAL' });
    expect(c.settings.dilemmas).toEqual({ value: [join(sub, 'x'), join(sub, 'y')], source: 'env', from: 'LEERTUIN_DILEMMAS' });

    // Flags, the global --lang among them.
    c = await config(['--out', 'uit-flag', '--lang', 'nl', '--key', 'mijn-sleutel'], env);
    expect(c.settings.records).toEqual({ value: join(sub, 'uit-flag'), source: 'flag', from: '--out' });
    expect(c.settings.language).toEqual({ value: 'nl', source: 'flag', from: '--lang' });
    expect(c.settings.key).toEqual({ value: join(sub, 'mijn-sleutel'), source: 'flag', from: '--key' });
  });

  it('as text: one line per setting with its source, in the interface language', async () => {
    const box = sandbox();
    writeFileSync(join(box.cwd, '.leertuin.yaml'), 'records: verslagen\n');
    const text = await box.run(['config'], { env: { LEERTUIN_PRINCIPAL: 'p@voorbeeld.nl' } });
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^records\\s+${join(box.cwd, 'verslagen')}\\s+project ${join(box.cwd, '.leertuin.yaml')}$`, 'm'));
    expect(text.stdout).toMatch(/^principal\s+p@voorbeeld\.nl\s+omgeving LEERTUIN_PRINCIPAL$/m);
    expect(text.stdout).toMatch(/^agent\s+false\s+standaard$/m);
    const english = await box.run(['--lang', 'en', 'config']);
    expect(english.stdout).toMatch(/^agent\s+false\s+default$/m);
    // A value wider than its column (48 characters) still stands apart from its source.
    const long = `verslagen/${'heel-lange-map/'.repeat(3)}einde`;
    writeFileSync(join(box.cwd, '.leertuin.yaml'), `records: ${long}\n`);
    const wide = await box.run(['config']);
    expect(wide.stdout).toContain(`${join(box.cwd, long)}  project ${join(box.cwd, '.leertuin.yaml')}`);
  });

  it('an invalid configuration is exit 2 naming file:line:col, for the project and the user file', async () => {
    const box = sandbox();
    const projectFile = join(box.cwd, '.leertuin.yaml');
    writeFileSync(projectFile, 'language: nl\nrecords: [1, 2]\n');
    const text = await box.run(['config']);
    expect(text.status).toBe(2);
    expect(text.stderr).toContain(`${projectFile}:2:10: records:`);
    expect(text.stderr).not.toMatch(/\n\s+at /);
    const json = await box.json(['config']);
    expect(json.status).toBe(2);
    expect(json.body).toMatchObject({ ok: false, error: { code: 'invalid-config', file: projectFile, line: 2, col: 10 } });

    writeFileSync(projectFile, 'records: r\nunknown_setting: 1\n');
    expect((await box.run(['config'])).stderr).toContain(`${projectFile}:1:1:`);

    const other = sandbox();
    const userDir = join(other.home, '.config', 'leertuin');
    mkdirSync(userDir, { recursive: true });
    writeFileSync(join(userDir, 'config.yaml'), 'agent: maybe\n');
    const user = await other.run(['config']);
    expect(user.status).toBe(2);
    expect(user.stderr).toContain(`${join(userDir, 'config.yaml')}:1:8: agent:`);
  });
});
