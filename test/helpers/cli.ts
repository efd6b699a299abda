import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './home.js';
import type { RunResult } from './in-process.js';

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

/** runCli without waiting for it: runs started together run side by side (Promise.all). */
export function runCliAsync(args: string[], options: { env: NodeJS.ProcessEnv; cwd: string }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status: status ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}
