import { runCli } from '../helpers/cli.js';
import type { TimedRun } from './helpers.js';

/**
 * Runs the built binary and measures its wall time. For the inputs that a regression would make
 * block or read forever (a FIFO, /dev/zero): in a process of its own, such a run fails by its
 * timeout; in-process, it would stall the test worker itself.
 */
export function timedBinary(args: string[], options: { env: NodeJS.ProcessEnv; cwd: string }): TimedRun {
  const started = performance.now();
  const result = runCli(args, options);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, ms: performance.now() - started };
}
