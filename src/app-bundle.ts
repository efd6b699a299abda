import { join } from 'node:path';
import { loadBundle, readBundleManifest } from './util/bundle-loader.js';

/**
 * The tool itself, from its single-file bundle (dist/app/leertuin.cjs, made from dist/cli.js by
 * `npm run build`) with V8's code cache: on Node 20 that starts in about half the time of the ES
 * module build it is made from (see BENCHMARKS.md). Built as CommonJS with the quick path
 * (tsconfig.quick.json) for the bin shim, which loads it only when the quick path has no answer.
 */
export function loadApp(root: string): { runCli(argv: readonly string[], root: string): Promise<void> } {
  const dist = join(root, 'dist');
  return loadBundle(join(dist, 'app', 'leertuin.cjs'), 'leertuin', readBundleManifest(dist).leertuin?.sha256, { saveAtExit: true }) as ReturnType<typeof loadApp>;
}
