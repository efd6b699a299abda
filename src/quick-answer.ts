import nodeModule from 'node:module';
import { join } from 'node:path';
import { configuredLanguage, userCacheDir } from './platform/locate.js';
import { resolveLanguage } from './i18n/language.js';
import { helpRequest, storedHelp } from './static-help.js';
import { packageVersion } from './version.js';
import { interactive } from './platform/tty.js';
import { loadBundle } from './platform/bundle-loader.js';
import { bundleManifest } from './platform/bundle-manifest.js';

/**
 * The bin shim's first step (dist/app/quick.cjs): the answers that should feel instant, `--version`
 * and plain help, are given without commander, the messages or any command, and everything else
 * runs from the tool's bundle. `root` is the package folder.
 */
export function quickAnswer(args: readonly string[], root: string): string | undefined {
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) return `${packageVersion(root)}\n`;
  const command = helpRequest(args, interactive);
  if (command === undefined) return undefined;
  const lang = resolveLanguage(undefined, process.env, () => configuredLanguage(process.cwd(), process.env));
  // The width commander would wrap at: the terminal's, else 80.
  return storedHelp(join(root, 'dist'), lang, command, (process.stdout.isTTY ? process.stdout.columns : undefined) ?? 80);
}

/**
 * Node 22.1 and later keep the compiled code of what they load, in the user's own cache folder
 * (not the shared temporary folder, where others could put code). Node 20 lacks it: see bundle-loader.ts.
 */
export function startCompileCache(): void {
  (nodeModule as { enableCompileCache?: (dir: string) => unknown }).enableCompileCache?.(join(userCacheDir(process.env), 'node-compile-cache'));
}

/** A reader that stops early (`leertuin list | head`) is no error: stop writing, quietly. */
export function quietOnClosedPipe(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

/**
 * The tool itself, from its single-file bundle (dist/app/leertuin.cjs). Each command keeps a code
 * cache of its own, made when it first ends, so that it holds the functions that command compiled
 * (a walk started from a cache made by `list` reached its first question about 4 ms later).
 */
export function loadApp(root: string, argv: readonly string[]): { runCli(argv: readonly string[], root: string): Promise<void> } {
  const dist = join(root, 'dist');
  const app = bundleManifest(dist).entries.leertuin;
  const command = argv.length === 0 ? 'default' : app?.commands?.includes(argv[0]!) ? argv[0] : 'other';
  return loadBundle(join(dist, 'app', 'leertuin.cjs'), `leertuin.${command}`, app?.sha256, { saveAtExit: true }) as ReturnType<typeof loadApp>;
}
