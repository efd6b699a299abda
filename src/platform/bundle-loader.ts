import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, unlinkSync, type Stats } from 'node:fs';
import nodeModule, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { debuglog } from 'node:util';
import { Script } from 'node:vm';
import { userCacheDir } from './locate.js';
import { writeFileAtomic } from './atomic.js';

// NODE_DEBUG=leertuin shows which bundles a run loads and what became of their code cache.
const debug = debuglog('leertuin');

/** Node 22.1 and later keep compiled code themselves (module.enableCompileCache, started by the bin shim). */
const nodeCachesCode = typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === 'function';

/**
 * Runs a single-file CommonJS bundle (the tool itself, or a library: see scripts/build.js). Where
 * Node keeps compiled code itself (22.1 and later) it is simply required. On Node 20 it runs with
 * V8's code cache kept in the user's cache folder (`code/`): the bundle is then neither resolved
 * file by file nor compiled again. A cache entry is named after the bundle's SHA-256 (from the
 * build's manifest), its length and the Node version, and V8 checks it once more; one that is
 * rejected, unreadable or unwritable costs only time; one that others could have written is not
 * used (readPrivateFile). NODE_DISABLE_COMPILE_CACHE turns the cache off, as it does for Node's own.
 * `saveAtExit` makes the cache when the process ends, so that it also holds the functions the run
 * compiled; that needs the main thread, where 'exit' is sure to come.
 */
export function loadBundle(file: string, name: string, sha256: string | undefined, options: { saveAtExit?: boolean } = {}): unknown {
  if (nodeCachesCode) {
    debug('loaded %s (node compile cache)', name);
    return createRequire(file)(file);
  }
  const source = readFileSync(file, 'utf8');
  // A package name (@inquirer/prompts) makes one file name, not a folder.
  const cacheName = name.replace(/^@/, '').replace(/\//g, '-');
  const cacheFile = sha256 && !process.env.NODE_DISABLE_COMPILE_CACHE ? join(userCacheDir(process.env), 'code', `${cacheName}-${sha256.slice(0, 16)}-${source.length}-${process.version}-${process.arch}.v8`) : undefined;
  let cachedData: Buffer | undefined;
  let untrusted = false;
  if (cacheFile) {
    try {
      const read = readPrivateFile(cacheFile);
      untrusted = read === 'untrusted';
      if (read !== 'untrusted') cachedData = read;
    } catch {
      // not cached yet
    }
  }
  // The same wrapper Node puts around a CommonJS module, so the bundle runs as one.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, dirname(file));
  const state = untrusted ? 'untrusted' : cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'accepted';
  debug('loaded %s (code cache: %s)', name, cacheFile ? state : 'off');
  if (cacheFile && (state === 'none' || state === 'rejected')) {
    if (options.saveAtExit) process.once('exit', () => saveCodeCache(script, cacheFile, cacheName));
    else saveCodeCache(script, cacheFile, cacheName);
  }
  return module.exports;
}

/**
 * A code cache is code that runs: it is used only when it and its folder belong to this user and
 * nobody else may write them, as ssh asks of its keys. Otherwise it is left alone, not replaced.
 */
function readPrivateFile(file: string): Buffer | 'untrusted' {
  const fd = openSync(file, 'r');
  try {
    if (!ownedAndPrivate(fstatSync(fd)) || !ownedAndPrivate(statSync(dirname(file)))) return 'untrusted';
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

function ownedAndPrivate(stat: Stats): boolean {
  // Without user ids (Windows) there is nothing to compare.
  return process.getuid === undefined || (stat.uid === process.getuid() && (stat.mode & 0o022) === 0);
}

function saveCodeCache(script: Script, cacheFile: string, name: string): void {
  try {
    const dir = dirname(cacheFile);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileAtomic(cacheFile, script.createCachedData(), { mode: 0o600 });
    // Entries for an earlier build of the same bundle are of no more use.
    for (const entry of readdirSync(dir)) {
      if (entry.startsWith(`${name}-`) && join(dir, entry) !== cacheFile) unlinkSync(join(dir, entry));
    }
  } catch (error) {
    debug('code cache not written: %s', (error as Error).message);
  }
}
