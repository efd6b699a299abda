import { workerCache } from '../helpers/home.js';
import { runInProcess, type RunResult } from '../helpers/in-process.js';

/** runInProcess as the area tests use it: with the worker's cache (see workerCache). */
export async function runCommand(args: string[], options: { env: NodeJS.ProcessEnv; cwd: string; input?: string }): Promise<RunResult> {
  return runInProcess(args, { ...options, env: { XDG_CACHE_HOME: workerCache(), ...options.env } });
}
