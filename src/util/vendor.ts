import { mkdirSync, readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { debuglog } from 'node:util';
import { Script } from 'node:vm';
import type * as Commander from 'commander';
import type * as Chalk from 'chalk';
import type * as Prompts from '@inquirer/prompts';
import type * as Yaml from 'yaml';
import type * as Zod from 'zod';
import { userCacheDir } from '../config/locate.js';
import { writeFileAtomic } from './atomic.js';

/** The libraries `npm run build` bundles into dist/vendor/ (scripts/bundle-vendor.js), by the name they are loaded by. */
interface Libraries {
  commander: typeof Commander;
  chalk: typeof Chalk;
  prompts: typeof Prompts;
  yaml: typeof Yaml;
  zod: typeof Zod;
}
export type VendoredLibrary = keyof Libraries;

export const VENDOR_DIR = fileURLToPath(new URL('../../dist/vendor/', import.meta.url));
/** Names, versions and SHA-256 of the bundles: what the code that runs depends on (util/parse-cache.ts). */
export const VENDOR_MANIFEST = join(VENDOR_DIR, 'manifest.json');

// NODE_DEBUG=leertuin shows which bundles a run loads and what became of their code cache.
const debug = debuglog('leertuin');
const loaded = new Map<VendoredLibrary, unknown>();
let manifest: Record<string, { sha256: string }> | undefined;

/**
 * A third-party library, loaded on first use from its single-file bundle, with V8's code cache kept
 * in the user's cache folder (`code/`): the bundle is then neither resolved file by file nor
 * compiled again, which is what Node 22's module compile cache does and Node 20 does not have. A
 * cache entry is named after the bundle's SHA-256 (from the build's manifest), its length and the
 * Node version, and V8 checks it once more; one that is rejected, unreadable or unwritable costs
 * only time. NODE_DISABLE_COMPILE_CACHE turns the cache off, as it does for Node's own.
 */
export function vendored<N extends VendoredLibrary>(name: N): Libraries[N] {
  let library = loaded.get(name);
  if (library === undefined) {
    library = load(name);
    loaded.set(name, library);
  }
  return library as Libraries[N];
}

function load(name: VendoredLibrary): unknown {
  const file = join(VENDOR_DIR, `${name}.cjs`);
  const source = readFileSync(file, 'utf8');
  const cacheFile = codeCacheFile(name, source.length);
  let cachedData: Buffer | undefined;
  if (cacheFile) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      // not cached yet
    }
  }
  // The same wrapper Node puts around a CommonJS module, so the bundle runs as one.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, dirname(file));
  const state = cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'accepted';
  debug('vendored %s (code cache: %s)', name, cacheFile ? state : 'off');
  if (cacheFile && state !== 'accepted') saveCodeCache(script, cacheFile, name);
  return module.exports;
}

function codeCacheFile(name: VendoredLibrary, length: number): string | undefined {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  try {
    manifest ??= JSON.parse(readFileSync(VENDOR_MANIFEST, 'utf8')) as Record<string, { sha256: string }>;
  } catch {
    return undefined;
  }
  const sha256 = manifest[name]?.sha256;
  if (!sha256) return undefined;
  return join(userCacheDir(process.env), 'code', `${name}-${sha256.slice(0, 16)}-${length}-${process.version}-${process.arch}.v8`);
}

function saveCodeCache(script: Script, cacheFile: string, name: VendoredLibrary): void {
  try {
    const dir = dirname(cacheFile);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileAtomic(cacheFile, script.createCachedData(), { mode: 0o600 });
    // Entries for an earlier build of the same library are of no more use.
    for (const entry of readdirSync(dir)) {
      if (entry.startsWith(`${name}-`) && join(dir, entry) !== cacheFile) unlinkSync(join(dir, entry));
    }
  } catch (error) {
    debug('code cache not written: %s', (error as Error).message);
  }
}
