import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInProcess, type RunResult } from '../helpers/in-process.js';

let folder: string | undefined;

/**
 * One cache folder (XDG_CACHE_HOME) for every in-process run of this test worker. The built tool
 * reads the bundled dilemmas from the index its build compiled (dist/bundled.json); run from the
 * TypeScript sources there is none, and each fresh HOME would parse and validate every bundled
 * file again (about 250 ms a command here). The parse cache keeps an entry only for the same
 * text and the same validating code, so sharing it between tests changes no outcome.
 */
export function workerCache(): string {
  folder ??= mkdtempSync(join(tmpdir(), 'leertuin-cache-'));
  return folder;
}

/** runInProcess as the area tests use it: with the worker's cache. */
export async function runCommand(args: string[], options: { env: NodeJS.ProcessEnv; cwd: string; input?: string }): Promise<RunResult> {
  return runInProcess(args, { ...options, env: { XDG_CACHE_HOME: workerCache(), ...options.env } });
}
