import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './home.js';

export { freshHome, ROOT } from './home.js';
export const BIN = join(ROOT, 'bin', 'leertuin.cjs');

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
