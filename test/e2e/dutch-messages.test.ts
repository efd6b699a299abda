import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../src/commands/index.js';
import { setLanguage } from '../../src/i18n/index.js';
import { renderAllHelp } from '../../src/program.js';
import { freshHome } from '../helpers/home.js';
import { runInProcess } from '../helpers/in-process.js';

/** Messages from zod and the YAML parser reach the user in Dutch (English with --lang en). */
describe('schema and YAML messages in the user language', () => {
  const { home, env } = freshHome();
  const cwd = join(home, 'work');
  mkdirSync(join(cwd, 'dilemmas'));
  writeFileSync(join(cwd, 'dilemmas', 'x.yaml'), 'kind: dilemma\nid: x\nversion: 1\nlanguages: [nl]\n');
  writeFileSync(join(cwd, 'broken.yaml'), 'dilemma: zvh-alles-delen\nanswers:\n  persoonsgegeven: {answer: ja\n');
  writeFileSync(join(cwd, 'extra.yaml'), 'dilemma: zvh-alles-delen\nauthor: {name: A, role: b, domain: zorg, organisation: c}\nanswers: {}\nextra: 1\n');
  const run = (...args: string[]) => runInProcess(args, { env, cwd });

  it('lint: a zod type problem in Dutch, and in English with --lang en', async () => {
    expect((await run('lint', 'dilemmas/x.yaml')).stdout).toContain('x.yaml:3:10: version: verwacht tekst, gevonden een getal');
    expect((await run('lint', 'dilemmas/x.yaml', '--lang', 'en')).stdout).toContain('version: expected text, found a number');
  });

  it('answers file: an unknown key in Dutch', async () => {
    const result = await run('walk', '--no-sign', '--answers', 'extra.yaml');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('onbekende sleutel(s): extra');
    expect(result.stderr).not.toMatch(/Unrecognized/);
  });

  it('a YAML syntax error: a Dutch summary with the position; the library text only with -v', async () => {
    const plain = await run('walk', '--no-sign', '--answers', 'broken.yaml');
    expect(plain.status).toBe(2);
    expect(plain.stderr).toMatch(/^leertuin: broken\.yaml:4:1: de inspringing klopt hier niet$/m);
    expect(plain.stderr).not.toMatch(/Flow map/);
    const verbose = await run('walk', '--no-sign', '--answers', 'broken.yaml', '-v');
    expect(verbose.stderr).toMatch(/^ {2}Details: Flow map/m);
    expect((await run('walk', '--no-sign', '--answers', 'broken.yaml', '--lang', 'en')).stderr).toContain('the indentation is not right here');
  });

  it('signing errors: one language, the key file named, the English detail only with -v', async () => {
    writeFileSync(join(cwd, 'open_key'), '-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n');
    chmodSync(join(cwd, 'open_key'), 0o644);
    const args = ['walk', '--answers', 'extra.yaml', '--key'];
    const missingKey = await run(...args, 'geen-sleutel');
    expect(missingKey.status).toBe(2);
    expect(missingKey.stderr).toMatch(/^leertuin: Sleutelbestand niet gevonden: \S*geen-sleutel$/m);
    expect(missingKey.stderr).not.toMatch(/does not exist|\(/);
    const open = await run(...args, 'open_key');
    expect(open.stderr).toMatch(/^leertuin: Het sleutelbestand is leesbaar voor anderen; het wordt niet gebruikt: \S*open_key$/m);
    expect(open.stderr).toMatch(/^ {2}Tip: maak het bestand alleen voor jou leesbaar: chmod 600 \S*open_key$/m);
    expect(open.stderr).not.toMatch(/too open/);
    expect((await run(...args, 'open_key', '-v')).stderr).toMatch(/^ {2}Details: Permissions 0?644 for \S*open_key are too open/m);
    expect((await run(...args, 'geen-sleutel', '--lang', 'en')).stderr).toMatch(/^leertuin: Key file not found: \S*geen-sleutel$/m);
  });

  // The help commander renders is what the binary prints (the stored help equals it at every width it
  // is used for: static-help.e2e.test.ts; at 80 columns for a pipe).
  it("each command's --help ends with one or two examples, in Dutch and in English", async () => {
    try {
      for (const [lang, title] of [['nl', 'Voorbeelden:'], ['en', 'Examples:']] as const) {
        const helps = await renderAllHelp('0.0.0-test', lang, 80);
        for (const name of COMMAND_NAMES) {
          const help = helps[name]!;
          const examples = help.slice(help.lastIndexOf(`\n${title}\n`));
          expect(examples, `${name} --help --lang ${lang}`).toMatch(new RegExp(`^\\n${title}\\n(  # .+\\n  leertuin ${name}\\b.*\\n){1,2}$`));
        }
      }
    } finally {
      setLanguage('nl');
    }
  });
});
