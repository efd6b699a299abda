import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runCli } from './cli.js';
import { freshHome } from './home.js';
import { runInProcess, type RunResult } from './in-process.js';

/**
 * A fresh HOME with a signing key the working folder trusts (allowed_signers), and a way to walk
 * the first path `lint --paths` lists of a bundled dilemma: the set-up of the tests that need a
 * real signed record, whatever the bundled content says.
 */
const PRINCIPAL = 'trainer@voorbeeld.nl';

function workspaceHome(extraEnv: NodeJS.ProcessEnv) {
  const { home, env: base } = freshHome();
  return { home, env: { ...base, LEERTUIN_LANG: 'nl', ...extraEnv }, cwd: join(home, 'work') };
}

type ListedPaths = { paths: { dilemma?: string; answers: object }[] };

/** Writes the answers file of `path` as someone of `organisation` (a.json in `cwd`). */
function writeAnswers(cwd: string, path: ListedPaths['paths'][number], organisation = 'Oefen'): void {
  writeFileSync(join(cwd, 'a.json'), JSON.stringify({ dilemma: path.dilemma, author: { name: 'Oefenaar', role: 'professional', domain: 'zorg', organisation }, answers: path.answers }));
}

/**
 * A fresh HOME with a signing key the working folder trusts (allowed_signers), and a way to walk
 * the first path `lint --paths` lists of a bundled dilemma: the set-up of the tests that need a
 * real signed record, whatever the bundled content says. Runs the built binary.
 */
export function signingWorkspace(extraEnv: NodeJS.ProcessEnv = {}) {
  const { home, env, cwd } = workspaceHome(extraEnv);
  const run = (args: string[], more: NodeJS.ProcessEnv = {}) => runCli(args, { env: { ...env, ...more }, cwd });
  const keygen = run(['keygen', '--principal', PRINCIPAL]);
  expect(keygen.status, keygen.stderr).toBe(0);
  writeFileSync(join(cwd, 'allowed_signers'), keygen.stdout);
  const path = (JSON.parse(run(['lint', '--paths', '--json', '--limit', '1']).stdout) as ListedPaths).paths.find((p) => p.dilemma)!;
  /** Walks that path as someone of `organisation`; returns the record's file. */
  const walk = (options: { organisation?: string; args?: string[]; env?: NodeJS.ProcessEnv } = {}): string => {
    writeAnswers(cwd, path, options.organisation);
    const result = run(['walk', '--answers', 'a.json', ...(options.args ?? [])], options.env);
    expect(result.status, result.stderr).toBe(0);
    return result.stdout.trim();
  };
  return { home, cwd, env, run, walk };
}

/** signingWorkspace, with every command run in this process (see in-process.ts). */
export async function inProcessWorkspace(extraEnv: NodeJS.ProcessEnv = {}) {
  const { home, env, cwd } = workspaceHome(extraEnv);
  const run = (args: string[], more: NodeJS.ProcessEnv = {}, input?: string): Promise<RunResult> => runInProcess(args, { env: { ...env, ...more }, cwd, input });
  const keygen = await run(['keygen', '--principal', PRINCIPAL]);
  expect(keygen.status, keygen.stderr).toBe(0);
  writeFileSync(join(cwd, 'allowed_signers'), keygen.stdout);
  const path = (JSON.parse((await run(['lint', '--paths', '--json', '--limit', '1'])).stdout) as ListedPaths).paths.find((p) => p.dilemma)!;
  /** Walks that path as someone of `organisation`; returns the record's file. */
  const walk = async (options: { organisation?: string; args?: string[]; env?: NodeJS.ProcessEnv } = {}): Promise<string> => {
    writeAnswers(cwd, path, options.organisation);
    const result = await run(['walk', '--answers', 'a.json', ...(options.args ?? [])], options.env);
    expect(result.status, result.stderr).toBe(0);
    return result.stdout.trim();
  };
  return { home, cwd, env, run, walk };
}
