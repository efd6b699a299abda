import { join } from 'node:path';
import { COMMAND_NAMES, type CommandName } from './command-names.js';
import { loadBundle } from './util/bundle-loader.js';
import { buildId } from './util/bundle-manifest.js';

/**
 * The tool itself, from its single-file bundle (dist/app/leertuin.cjs, made from dist/cli.js by
 * `npm run build`) with V8's code cache: on Node 20 that starts in about half the time of the ES
 * module build it is made from (see BENCHMARKS.md). Built as CommonJS with the quick path
 * (tsconfig.quick.json) for the bin shim, which loads it only when the quick path has no answer.
 *
 * Each command keeps a code cache of its own, made when it first ends, so that it holds the
 * functions that command compiled (a walk started from a cache made by `list` reached its first
 * question about 4 ms later).
 */
export function loadApp(root: string, argv: readonly string[]): { runCli(argv: readonly string[], root: string): Promise<void> } {
  const dist = join(root, 'dist');
  const command = COMMAND_NAMES.includes(argv[0] as CommandName) ? argv[0] : argv.length === 0 ? 'default' : 'other';
  return loadBundle(join(dist, 'app', 'leertuin.cjs'), `leertuin.${command}`, buildId(dist), { saveAtExit: true }) as ReturnType<typeof loadApp>;
}
