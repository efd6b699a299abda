import { describe, expect, it } from 'vitest';
import { freshHome, runCli } from '../helpers/cli.js';

describe('a bad option value', () => {
  const { home, env } = freshHome();
  const run = (args: string[], lang = 'nl') => runCli(args, { env: { ...env, LEERTUIN_LANG: lang }, cwd: home });

  it('is a usage error (exit 2) naming the option, on one line with a hint, never a list of schema issues', () => {
    for (const [args, option] of [
      [['walk', 'zvh-alles-delen', '--answers', 'answers.yaml', '--allow-identifying', '   '], '--allow-identifying'],
      [['countersign', 'record.md', '--note', ' '], '--note'],
      [['init', '--organisation', ''], '--organisation'],
    ] as const) {
      const result = run([...args]);
      expect(result.status, result.stderr).toBe(2);
      const lines = result.stderr.trim().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toBe(`leertuin: Ongeldige waarde voor ${option}: mag niet leeg zijn`);
      expect(lines[1]).toMatch(/^ {2}Tip: /);
      expect(result.stdout).toBe('');
    }
  });

  it('is reported in English too, and as JSON with --json', () => {
    const english = run(['countersign', 'record.md', '--note', ' '], 'en');
    expect(english.stderr.split('\n')[0]).toBe('leertuin: Invalid value for --note: must not be empty');
    const json = run(['countersign', 'record.md', '--note', ' ', '--json'], 'en');
    expect(json.status).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { code: 'bad-option', message: 'Invalid value for --note: must not be empty' } });
  });
});
