import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { parseRecord } from '../../src/record/parse.js';
import { freshHome } from '../helpers/home.js';
import type { RunResult } from '../helpers/in-process.js';
import { runCommand } from './run-command.js';

export const AUTHOR = { name: 'A. Tester', role: 'trainer', domain: 'zorg', organisation: 'Leertuin Oefenstad' };

/** A fresh HOME with an empty working folder, and the command line run there in this process (no terminal). */
export function sandbox(env: NodeJS.ProcessEnv = {}) {
  const { home, env: base } = freshHome('leertuin-authoring-');
  const cwd = join(home, 'work');
  const fullEnv = { ...base, NO_COLOR: '1', ...env };
  const run = (args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> =>
    runCommand(args, { cwd: options.cwd ?? cwd, env: { ...fullEnv, ...options.env } });
  const json = async (args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) => {
    const result = await run(['--json', ...args], options);
    return { ...result, body: JSON.parse(result.stdout) as Record<string, unknown> };
  };
  return { home, cwd, env: fullEnv, run, json };
}

export interface PathEntry {
  dilemma: string;
  outcome: string;
  answers: Record<string, { answer: string | string[]; motivation?: string }>;
}

/**
 * Walks each path as a script would: the entry without its `outcome`, plus an author, as an
 * answers file for `walk --answers --no-sign`; returns the outcome each record states.
 */
export async function walkPaths(box: ReturnType<typeof sandbox>, paths: readonly PathEntry[], out: string): Promise<string[]> {
  mkdirSync(join(box.cwd, 'answers'), { recursive: true });
  const outcomes: string[] = [];
  for (const [i, path] of paths.entries()) {
    const { outcome: _outcome, ...answers } = path;
    const file = join(box.cwd, 'answers', `${i}.yaml`);
    // JSON is YAML: the entry is written as it came.
    writeFileSync(file, JSON.stringify({ ...answers, author: AUTHOR }));
    const walked = await box.run(['walk', path.dilemma, '--answers', file, '--no-sign', '--out', out]);
    expect(walked.stderr).not.toMatch(/leertuin: /);
    expect(walked.status).toBe(0);
    outcomes.push(parseRecord(readFileSync(walked.stdout.trim(), 'utf8')).record.outcome.id);
  }
  return outcomes;
}

/** An initialised project whose example dilemma has two Dutch texts changed after their translation. */
export async function projectWithStaleTranslations() {
  const box = sandbox();
  expect((await box.run(['init'])).status).toBe(0);
  const file = join(box.cwd, 'dilemmas', 'voorbeeld-mentor.yaml');
  const original = readFileSync(file, 'utf8');
  const changed = original
    .replace('nl: Mag ik de mentor vertellen wat er thuis speelt?', 'nl: Mag ik de mentor vertellen wat er thuis gebeurt?')
    .replace('      nl: Vraag het eerst aan de moeder\n', '      nl: Vraag het eerst aan de moeder zelf\n');
  expect(changed).not.toBe(original);
  writeFileSync(file, changed);
  return { box, file, changed };
}
