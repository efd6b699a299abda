import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { parseRecord } from '../../src/record/parse.js';
import { BIN, freshHome } from '../helpers/cli.js';

export const AUTHOR = { name: 'A. Tester', role: 'trainer', domain: 'zorg', organisation: 'Leertuin Oefenstad' };

/** A fresh HOME with an empty working folder, and the built binary run there (no terminal). */
export function sandbox(env: NodeJS.ProcessEnv = {}) {
  const { home, env: base } = freshHome('leertuin-authoring-');
  const cwd = join(home, 'work');
  const fullEnv = { ...base, NO_COLOR: '1', ...env };
  const run = (args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) =>
    // All of a large kader's paths are megabytes of JSON: more than spawnSync keeps by default.
    spawnSync(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? cwd,
      env: { ...fullEnv, ...options.env },
      encoding: 'utf8',
      input: '',
      timeout: 30_000,
      maxBuffer: 64 * 1024 * 1024,
    });
  const json = (args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) => {
    const result = run(['--json', ...args], options);
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
export function walkPaths(box: ReturnType<typeof sandbox>, paths: readonly PathEntry[], out: string): string[] {
  mkdirSync(join(box.cwd, 'answers'), { recursive: true });
  return paths.map((path, i) => {
    const { outcome: _outcome, ...answers } = path;
    const file = join(box.cwd, 'answers', `${i}.yaml`);
    // JSON is YAML: the entry is written as it came.
    writeFileSync(file, JSON.stringify({ ...answers, author: AUTHOR }));
    const walked = box.run(['walk', path.dilemma, '--answers', file, '--no-sign', '--out', out]);
    expect(walked.stderr).not.toMatch(/leertuin: /);
    expect(walked.status).toBe(0);
    return parseRecord(readFileSync(walked.stdout.trim(), 'utf8')).record.outcome.id;
  });
}
