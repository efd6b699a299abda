import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freshHome } from '../helpers/home.js';
import { runInProcess } from '../helpers/in-process.js';

describe('a bad option value', () => {
  const { home, env } = freshHome();
  const run = (args: string[], lang = 'nl') => runInProcess(args, { env: { ...env, LEERTUIN_LANG: lang }, cwd: home });

  it('is a usage error (exit 2) naming the option, on one line with a hint, never a list of schema issues', async () => {
    for (const [args, option] of [
      [['walk', 'zvh-alles-delen', '--answers', 'answers.yaml', '--allow-identifying', '   '], '--allow-identifying'],
      [['countersign', 'record.md', '--note', ' '], '--note'],
      [['init', '--organisation', ''], '--organisation'],
    ] as const) {
      const result = await run([...args]);
      expect(result.status, result.stderr).toBe(2);
      const lines = result.stderr.trim().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toBe(`leertuin: Ongeldige waarde voor ${option}: mag niet leeg zijn`);
      expect(lines[1]).toMatch(/^ {2}Tip: /);
      expect(result.stdout).toBe('');
    }
  });

  it('is reported in English too, and as JSON with --json', async () => {
    const english = await run(['countersign', 'record.md', '--note', ' '], 'en');
    expect(english.stderr.split('\n')[0]).toBe('leertuin: Invalid value for --note: must not be empty');
    const json = await run(['countersign', 'record.md', '--note', ' ', '--json'], 'en');
    expect(json.status).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { code: 'bad-option', message: 'Invalid value for --note: must not be empty' } });
  });
});

describe('global flags', () => {
  const { home, env } = freshHome();
  const run = (args: string[]) => runInProcess(args, { env: { ...env, LEERTUIN_LANG: 'nl' }, cwd: home });

  it('short flags written together (-qv) mean what they mean apart; quiet keeps only the reason for the exit', async () => {
    mkdirSync(join(home, 'leeg'));
    for (const flags of [['-qv'], ['-q', '-v'], ['-vq'], ['-q']]) {
      const result = await run([...flags, 'verify', 'leeg']);
      expect(result.status, flags.join(' ')).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr, flags.join(' ')).toBe('Geen verslagen gevonden\n');
    }
  });

  it('-qv hides the summary as -q does', async () => {
    const listed = await run(['lint', '--paths', '--json', '--limit', '1']);
    const path = (JSON.parse(listed.stdout) as { paths: { dilemma?: string; answers: object }[] }).paths.find((p) => p.dilemma)!;
    writeFileSync(join(home, 'antwoorden.json'), JSON.stringify({ dilemma: path.dilemma, author: { name: 'Oefenaar', role: 'professional', domain: 'zorg', organisation: 'Oefen' }, answers: path.answers }));
    const walk = await run(['walk', '--no-sign', '--answers', 'antwoorden.json']);
    expect(walk.status, walk.stderr).toBe(0);
    const loud = await run(['verify', walk.stdout.trim()]);
    expect(loud.stderr).toMatch(/1 verslag/);
    for (const flags of [['-qv'], ['-q']]) {
      const quiet = await run([...flags, 'verify', walk.stdout.trim()]);
      expect(quiet.stdout).toMatch(/^unsigned/);
      expect(quiet.stderr, flags.join(' ')).toBe('');
    }
  });
});

describe("commander's own errors", () => {
  const { home, env } = freshHome();
  const run = (args: string[], lang = 'nl') => runInProcess(args, { env: { ...env, LEERTUIN_LANG: lang }, cwd: home });

  it('an unknown command, an unknown option, a missing argument: one line in Dutch, exit 2; English with --lang en', async () => {
    const cases: [string[], string, string][] = [
      [['wlak'], 'leertuin: onbekende opdracht "wlak"; bedoel je walk?', 'leertuin: unknown command "wlak"; did you mean walk?'],
      [['walk', '--frobnicate'], 'leertuin: onbekende optie --frobnicate; zie leertuin --help', 'leertuin: unknown option --frobnicate; see leertuin --help'],
      [['countersign'], 'leertuin: het argument <record> ontbreekt; zie leertuin --help', 'leertuin: the argument <record> is missing; see leertuin --help'],
    ];
    for (const [args, dutch, english] of cases) {
      const nl = await run(args);
      expect(nl.status, args.join(' ')).toBe(2);
      expect(nl.stderr).toBe(`${dutch}\n`);
      expect(nl.stdout).toBe('');
      const en = await run(['--lang', 'en', ...args], 'nl');
      expect(en.stderr).toBe(`${english}\n`);
    }
    const missingFile = await run(['review', 'bestaat-niet.md']);
    expect(missingFile.status).toBe(2);
    expect(missingFile.stderr.trim().split('\n')).toHaveLength(1);
    expect(missingFile.stderr).toMatch(/^leertuin: .*bestaat-niet\.md: bestand niet gevonden$/m);
    const json = await run(['--json', 'wlak']);
    expect(json.status).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { code: 'usage-unknownCommand' } });
  });
});
