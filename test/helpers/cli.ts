import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = join(ROOT, 'bin', 'leertuin.cjs');

/** A fresh HOME with its own config and state folders, so tests never touch the real user's files. */
export function freshHome(prefix = 'leertuin-test-'): { home: string; env: NodeJS.ProcessEnv } {
  const home = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(join(home, 'work'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_STATE_HOME: join(home, '.state'),
    LANG: 'C.UTF-8',
    TERM: 'xterm-256color',
  };
  return { home, env };
}

/** Runs the built binary without a terminal (stdin closed), as a script would. */
export function runCli(args: string[], options: { env: NodeJS.ProcessEnv; cwd: string; input?: string }): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    env: options.env,
    encoding: 'utf8',
    input: options.input ?? '',
    timeout: 30_000,
    maxBuffer: 64 * 1024 * 1024,
  });
}
