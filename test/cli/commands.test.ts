import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, COMMANDS } from '../../src/commands/index.js';
import { kebab, optionHelpIds, type Command } from '../../src/commands/define.js';
import { en } from '../../src/i18n/en.js';
import { nl } from '../../src/i18n/nl.js';
import { renderAllHelp } from '../../src/program.js';
import { freshHome } from '../helpers/home.js';
import { runInProcess } from '../helpers/in-process.js';

/** Issue 18 item 2: a command is one file; its options and help come from one declaration. */
describe('commands declared once', () => {
  it.each(COMMAND_NAMES)('%s: every help text its declaration derives exists in nl and en', async (name) => {
    const command = (await COMMANDS[name]()).default as unknown as Command;
    const ids = [`cmd.${name}`, ...command.examples.map((_, i) => `example.${name}.${i + 1}`)];
    for (const [key, spec] of Object.entries(command.options)) ids.push(...optionHelpIds(name, key, spec));
    for (const spec of Object.values(command.args)) if (spec.help) ids.push(spec.help);
    for (const id of ids) {
      expect(Object.hasOwn(nl, id), `${id} in nl`).toBe(true);
      expect(Object.hasOwn(en, id), `${id} in en`).toBe(true);
    }
  });

  it('the help shows each declared option by its flag, translated, in both languages', async () => {
    for (const lang of ['nl', 'en'] as const) {
      const help = await renderAllHelp('0.0.0', lang, 200);
      for (const name of COMMAND_NAMES) {
        const command = (await COMMANDS[name]()).default as unknown as Command;
        for (const [key, spec] of Object.entries(command.options)) {
          expect(help[name], `${name} --${kebab(key)}`).toContain(spec.kind === 'negatable' ? `--no-${kebab(key)}` : `--${kebab(key)}`);
        }
        expect(help[name]).not.toMatch(/\bcmd\.[a-z]/);
      }
    }
  });
});

describe('global flags, parsed once by commander', () => {
  const { env, home } = freshHome();
  const empty = mkdtempSync(join(tmpdir(), 'leertuin-empty-'));

  it('`leertuin -qv verify <empty folder>` prints nothing but the error it must', async () => {
    for (const args of [['-qv', 'verify', empty], ['verify', empty, '-qv'], ['-q', '-v', 'verify', empty]]) {
      const result = await runInProcess(args, { env, cwd: home });
      expect({ args, status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({ args, status: 1, stdout: '', stderr: 'Geen verslagen gevonden\n' });
    }
  });

  it('--lang anywhere on the line sets the language of errors and help', async () => {
    const before = await runInProcess(['--lang', 'en', 'review', '--format', 'zz'], { env, cwd: home });
    const after = await runInProcess(['review', '--format', 'zz', '--lang', 'en'], { env, cwd: home });
    expect(before.stderr).toBe('leertuin: --format has no "zz"; choose from table, md, json, csv, csv-summary, html; see leertuin --help\n');
    expect(after.stderr).toBe(before.stderr);
    expect((await runInProcess(['walk', '--help', '--lang', 'en'], { env, cwd: home })).stdout).toMatch(/^Usage: leertuin walk \[options\] \[dilemma\]/);
    const bad = await runInProcess(['--json', '--lang', 'xx', 'list'], { env, cwd: home });
    expect(bad.status).toBe(2);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, error: { code: 'bad-language' } });
  });

  it('an option value is never empty, and a count is a whole number from 1', async () => {
    const empty = await runInProcess(['review', '--out', ''], { env, cwd: home });
    expect([empty.status, empty.stderr.split('\n')[0]]).toEqual([2, 'leertuin: Ongeldige waarde voor --out: mag niet leeg zijn']);
    // The global options are declared as a command's are, and keep the same rule.
    const emptyLanguage = await runInProcess(['--lang', '', 'list'], { env, cwd: home });
    expect([emptyLanguage.status, emptyLanguage.stderr.split('\n')[0]]).toEqual([2, 'leertuin: Ongeldige waarde voor --lang: mag niet leeg zijn']);
    const zero = await runInProcess(['--json', 'lint', '--limit', '0'], { env, cwd: home });
    expect(zero.status).toBe(2);
    expect(JSON.parse(zero.stdout)).toMatchObject({ ok: false, error: { code: 'bad-option', message: 'Ongeldige waarde voor --limit: moet een heel getal vanaf 1 zijn' } });
    const pack = await runInProcess(['pack', 'maak', 'x'], { env, cwd: home });
    expect([pack.status, pack.stderr]).toEqual([2, 'leertuin: <action> kent geen "maak"; kies uit create, add; zie leertuin --help\n']);
  });
});
