import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Commander from 'commander';
import type * as Chalk from 'chalk';
import type * as Prompts from '@inquirer/prompts';
import type * as Yaml from 'yaml';
import type * as Zod from 'zod';
import { loadBundle } from './bundle-loader.js';
import { bundleManifest } from './bundle-manifest.js';

/** The tool's runtime dependencies (package.json), each bundled into dist/vendor/<package>.cjs by `npm run build`. */
interface Libraries {
  commander: typeof Commander;
  chalk: typeof Chalk;
  '@inquirer/prompts': typeof Prompts;
  yaml: typeof Yaml;
  zod: typeof Zod;
}
export type VendoredLibrary = keyof Libraries;

/** Run from the TypeScript sources (tests), not from a build. */
export const FROM_SOURCES = import.meta.url.endsWith('.ts');
// The build this module belongs to: its bundle is two folders down in it (dist/app/). During
// `npm run build` that is .dist-build/, not the dist/ being replaced.
export const DIST = fileURLToPath(new URL(FROM_SOURCES ? '../../dist/' : '../', import.meta.url));
const loaded = new Map<VendoredLibrary, unknown>();

/**
 * A third-party library, loaded on first use from its single-file bundle in dist/vendor/, with
 * V8's code cache (see platform/bundle-loader.ts). On Node 20 an ES module graph of dozens of files is
 * slow to load: @inquirer/prompts alone took about 60 ms, as one cached file about 10 ms. From the
 * sources, the package itself serves.
 */
export function vendored<N extends VendoredLibrary>(name: N): Libraries[N] {
  let library = loaded.get(name);
  if (library === undefined) {
    library = FROM_SOURCES ? createRequire(import.meta.url)(name) : loadBundle(join(DIST, 'vendor', `${name}.cjs`), name, bundleManifest(DIST).entries[name]?.sha256);
    loaded.set(name, library);
  }
  return library as Libraries[N];
}
