import { join } from 'node:path';
import { configuredLanguage } from './config/locate.js';
import { resolveLanguage } from './i18n/language.js';
import { helpRequest, storedHelp } from './static-help.js';
import { packageVersion } from './version.js';
import { interactive } from './util/tty.js';

/**
 * The answers that should feel instant, `--version` and plain help, given without commander, the
 * messages or any command. Besides its place in the ES module build, this module and the few it
 * imports are built a second time as CommonJS (dist/quick/, tsconfig.quick.json) for the bin shim:
 * Node 20 sets up its ES module loader only when a first ES module loads, and that alone takes
 * about 4 ms, a sixth of Node's own start. `root` is the package folder.
 */
export function quickAnswer(args: readonly string[], root: string): string | undefined {
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) return `${packageVersion(root)}\n`;
  const command = helpRequest(args, interactive);
  if (command === undefined) return undefined;
  const lang = resolveLanguage(undefined, process.env, () => configuredLanguage(process.cwd(), process.env));
  // The width commander would wrap at: the terminal's, else 80.
  return storedHelp(join(root, 'dist'), lang, command, (process.stdout.isTTY ? process.stdout.columns : undefined) ?? 80);
}

/** A reader that stops early (`leertuin list | head`) is no error: stop writing, quietly. */
export function quietOnClosedPipe(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

