import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { language, setLanguage } from '../../src/i18n/index.js';
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

/**
 * runInProcess as the area tests use it: with the worker's cache, and leaving the test's own
 * interface language as it was (a run sets the language it resolves, as the built tool does in its
 * own process; a test that calls the sources directly afterwards must not depend on which ran last).
 */
export async function runCommand(args: string[], options: { env: NodeJS.ProcessEnv; cwd: string; input?: string }): Promise<RunResult> {
  const before = language();
  try {
    return await runInProcess(args, { ...options, env: { XDG_CACHE_HOME: workerCache(), ...options.env } });
  } finally {
    setLanguage(before);
  }
}
