import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { freshHome, runCli } from './cli.js';

/**
 * A fresh HOME with a signing key the working folder trusts (allowed_signers), and a way to walk
 * the first path `lint --paths` lists of a bundled dilemma: the set-up of the tests that need a
 * real signed record, whatever the bundled content says.
 */
export function signingWorkspace(extraEnv: NodeJS.ProcessEnv = {}) {
  const { home, env: base } = freshHome();
  const env = { ...base, LEERTUIN_LANG: 'nl', ...extraEnv };
  const cwd = join(home, 'work');
  const run = (args: string[], more: NodeJS.ProcessEnv = {}) => runCli(args, { env: { ...env, ...more }, cwd });
  const keygen = run(['keygen', '--principal', 'trainer@voorbeeld.nl']);
  expect(keygen.status, keygen.stderr).toBe(0);
  writeFileSync(join(cwd, 'allowed_signers'), keygen.stdout);
  const listed = JSON.parse(run(['lint', '--paths', '--json', '--limit', '1']).stdout) as { paths: { dilemma?: string; answers: object }[] };
  const path = listed.paths.find((p) => p.dilemma)!;
  /** Walks that path as someone of `organisation`; returns the record's file. */
  const walk = (options: { organisation?: string; args?: string[]; env?: NodeJS.ProcessEnv } = {}): string => {
    writeFileSync(join(cwd, 'a.json'), JSON.stringify({ dilemma: path.dilemma, author: { name: 'Oefenaar', role: 'professional', domain: 'zorg', organisation: options.organisation ?? 'Oefen' }, answers: path.answers }));
    const result = run(['walk', '--answers', 'a.json', ...(options.args ?? [])], options.env);
    expect(result.status, result.stderr).toBe(0);
    return result.stdout.trim();
  };
  return { home, cwd, env, run, walk };
}
