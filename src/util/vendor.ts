import { existsSync } from 'node:fs';
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
import { VENDOR_LIBRARIES } from './vendor-libraries.js';

/** The libraries `npm run build` bundles into dist/vendor/ (scripts/bundle.js), by the name they are loaded by. */
interface Libraries {
  commander: typeof Commander;
  chalk: typeof Chalk;
  prompts: typeof Prompts;
  yaml: typeof Yaml;
  zod: typeof Zod;
}
export type VendoredLibrary = keyof Libraries;

const FROM_SOURCES = import.meta.url.endsWith('.ts');
// The build this module belongs to (it is two folders down in it, as is the tool's own bundle in
// dist/app/): during `npm run build` that is .dist-build/, not the dist/ being replaced. From the
// sources (tests), dist/.
export const DIST = fileURLToPath(new URL(FROM_SOURCES ? '../../dist/' : '../', import.meta.url));
const loaded = new Map<VendoredLibrary, unknown>();

/**
 * A third-party library, loaded on first use from its single-file bundle in dist/vendor/, with
 * V8's code cache (see util/bundle-loader.ts). On Node 20 an ES module graph of dozens of files is
 * slow to load: @inquirer/prompts alone took about 60 ms, as one cached file about 10 ms.
 */
export function vendored<N extends VendoredLibrary>(name: N): Libraries[N] {
  let library = loaded.get(name);
  if (library === undefined) {
    const bundle = join(DIST, 'vendor', `${name}.cjs`);
    // Run from the TypeScript sources (the unit tests, without a build), the package itself serves.
    library = FROM_SOURCES && !existsSync(bundle) ? createRequire(import.meta.url)(VENDOR_LIBRARIES[name]) : loadBundle(bundle, name, bundleManifest(DIST).entries[name]?.sha256);
    loaded.set(name, library);
  }
  return library as Libraries[N];
}
