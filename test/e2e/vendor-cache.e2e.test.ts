import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import nodeModule from 'node:module';
import { describe, expect, it } from 'vitest';
import { readBundledIndex } from '../../src/dilemma/bundled.js';
import { freshHome, runCli } from '../helpers/cli.js';

/** A fresh home with a cache folder of its own (HOME/.cache): these tests look at what the tool keeps there. */
function ownCacheHome() {
  const { home, env } = freshHome();
  return { home, env: { ...env, XDG_CACHE_HOME: join(home, '.cache') } };
}

const ROOT = join(import.meta.dirname, '..', '..');
const VENDOR = join(ROOT, 'dist', 'vendor');
// Node 22.1 and later keep compiled code themselves; the tool's own code cache is for Node 20.
const NODE_CACHES_CODE = typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === 'function';
const ownCache = describe.skipIf(NODE_CACHES_CODE);
if (NODE_CACHES_CODE) console.info(`skipped: the tool's own code cache (Node 20 only; this is ${process.version}, which caches code itself)`);

/** Runs `list` with NODE_DEBUG=leertuin; returns what the loader said about the code cache of commander and of the tool. */
function listRun(env: NodeJS.ProcessEnv, home: string) {
  const result = runCli(['list'], { env: { ...env, NODE_DEBUG: 'leertuin' }, cwd: join(home, 'work') });
  expect(result.status, result.stderr).toBe(0);
  const cache = /loaded commander \(code cache: (\w+)\)/.exec(result.stderr)?.[1];
  const app = /loaded leertuin\.list \(code cache: (\w+)\)/.exec(result.stderr)?.[1];
  return { stdout: result.stdout, stderr: result.stderr, cache, app };
}

const commanderEntry = (dir: string) => readdirSync(dir).find((name) => name.startsWith('commander-'))!;

describe('the bundles: the tool (dist/app/) and its libraries (dist/vendor/)', () => {
  it('the manifest names each bundle with its SHA-256, and each library with the installed version; LICENSES.txt carries their licences', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'dist', 'bundles.json'), 'utf8')) as Record<string, { file: string; package?: string; version?: string; sha256: string }>;
    const { dependencies } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(manifest).sort()).toEqual(['leertuin', ...Object.keys(dependencies)].sort());
    const licences = readFileSync(join(VENDOR, 'LICENSES.txt'), 'utf8');
    for (const entry of Object.values(manifest)) {
      expect(entry.sha256).toBe(createHash('sha256').update(readFileSync(join(ROOT, 'dist', entry.file))).digest('hex'));
      if (!entry.package) continue;
      const installed = JSON.parse(readFileSync(join(ROOT, 'node_modules', entry.package, 'package.json'), 'utf8')) as { version: string };
      expect(entry.version).toBe(installed.version);
      expect(licences).toContain(`${entry.package} ${entry.version} (`);
    }
    expect(manifest.leertuin!.file).toBe('app/leertuin.cjs');
  });

  it('the bundled dilemmas, validated at build time, belong to this build', () => {
    const index = readBundledIndex(join(ROOT, 'dist', 'bundled.json'));
    expect(Object.keys(index.files).length).toBeGreaterThan(10);
    expect(Object.keys(index.reference)).toHaveLength(2);
  });

  it.runIf(NODE_CACHES_CODE)("on Node 22.1 and later, Node's own compile cache, in the user's cache folder", () => {
    const { home, env } = ownCacheHome();
    const result = runCli(['list'], { env: { ...env, NODE_DEBUG: 'leertuin' }, cwd: join(home, 'work') });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/loaded leertuin\.list \(node compile cache\)/);
    expect(readdirSync(join(home, '.cache', 'leertuin', 'node-compile-cache'), { recursive: true }).length).toBeGreaterThan(0);
    expect(existsSync(join(home, '.cache', 'leertuin', 'code'))).toBe(false);
  });
});

ownCache("the tool's own code cache (Node 20)", () => {

  it('keeps a code cache per bundle in the user cache folder: made on the first run, used on the next, private', () => {
    const { home, env } = ownCacheHome();
    const first = listRun(env, home);
    expect([first.app, first.cache]).toEqual(['none', 'none']);
    const dir = join(home, '.cache', 'leertuin', 'code');
    const entries = readdirSync(dir).sort();
    expect(entries).toHaveLength(2);
    const version = `${process.version.replace(/\./g, '\\.')}-${process.arch}\\.v8$`;
    expect(entries[0]).toMatch(new RegExp(`^commander-[0-9a-f]{16}-\\d+-${version}`));
    expect(entries[1]).toMatch(new RegExp(`^leertuin\\.list-[0-9a-f]{16}-\\d+-${version}`));
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const entry of entries) expect(statSync(join(dir, entry)).mode & 0o777).toBe(0o600);
    const second = listRun(env, home);
    expect([second.app, second.cache]).toEqual(['accepted', 'accepted']);
    expect(second.stdout).toBe(first.stdout);
  });

  it('a damaged cache entry is refused by V8 and replaced; the run is the same', () => {
    const { home, env } = ownCacheHome();
    const first = listRun(env, home);
    const dir = join(home, '.cache', 'leertuin', 'code');
    const entry = join(dir, commanderEntry(dir));
    const size = statSync(entry).size;
    writeFileSync(entry, Buffer.alloc(size, 0x5a));
    const damaged = listRun(env, home);
    expect(damaged.cache).toBe('rejected');
    expect(damaged.stdout).toBe(first.stdout);
    expect(readFileSync(entry).equals(Buffer.alloc(size, 0x5a))).toBe(false);
    expect(listRun(env, home).cache).toBe('accepted');
  });

  it('each command keeps its own code cache of the tool', () => {
    const { home, env } = ownCacheHome();
    listRun(env, home);
    const config = runCli(['config', '--json'], { env: { ...env, NODE_DEBUG: 'leertuin' }, cwd: join(home, 'work') });
    expect(config.status, config.stderr).toBe(0);
    expect(config.stderr).toMatch(/loaded leertuin\.config \(code cache: none\)/);
    expect(listRun(env, home).app).toBe('accepted');
    const names = readdirSync(join(home, '.cache', 'leertuin', 'code')).map((name) => name.split('-')[0]!).filter((name) => name.startsWith('leertuin.')).sort();
    expect(names).toEqual(['leertuin.config', 'leertuin.list']);
  });

  it('an entry, or a folder, that others may write is not used, and not replaced', () => {
    const { home, env } = ownCacheHome();
    const first = listRun(env, home);
    const dir = join(home, '.cache', 'leertuin', 'code');
    const entry = join(dir, commanderEntry(dir));
    const before = readFileSync(entry);
    chmodSync(entry, 0o664);
    const shared = listRun(env, home);
    expect(shared.cache).toBe('untrusted');
    expect(shared.stdout).toBe(first.stdout);
    expect(readFileSync(entry).equals(before)).toBe(true);
    chmodSync(entry, 0o600);
    expect(listRun(env, home).cache).toBe('accepted');
    chmodSync(dir, 0o777);
    expect(listRun(env, home).cache).toBe('untrusted');
  });

  it("an earlier build's entry is removed when a new one is written", () => {
    const { home, env } = ownCacheHome();
    const dir = join(home, '.cache', 'leertuin', 'code');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stale = join(dir, `commander-0000000000000000-1-${process.version}-${process.arch}.v8`);
    const otherLibrary = join(dir, `zod-0000000000000000-1-${process.version}-${process.arch}.v8`);
    writeFileSync(stale, 'old');
    writeFileSync(otherLibrary, 'old');
    listRun(env, home);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(otherLibrary)).toBe(true);
  });

  it('NODE_DISABLE_COMPILE_CACHE turns it off; an unwritable cache folder costs nothing but time', () => {
    const { home, env } = ownCacheHome();
    const off = listRun({ ...env, NODE_DISABLE_COMPILE_CACHE: '1' }, home);
    expect([off.app, off.cache]).toEqual(['off', 'off']);
    expect(existsSync(join(home, '.cache', 'leertuin', 'code'))).toBe(false);

    // A file where the folder should be: nothing can be written under it.
    mkdirSync(join(home, '.cache', 'leertuin'), { recursive: true });
    writeFileSync(join(home, '.cache', 'leertuin', 'code'), 'not a folder');
    const blocked = listRun(env, home);
    expect([blocked.app, blocked.cache]).toEqual(['none', 'none']);
    expect(blocked.stderr).toMatch(/code cache not written/);
    expect(blocked.stdout).toBe(off.stdout);
  });
});
