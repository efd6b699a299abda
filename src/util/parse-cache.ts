import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from './atomic.js';
import { sha256Hex } from './crypto.js';
import { bundleManifest } from './bundle-manifest.js';
import { DIST } from './vendor.js';

/**
 * What the code that shapes a parse result looks like: the modules that read and validate, and the
 * bundles that run (the build's manifest, dist/bundles.json, which holds each bundle's SHA-256). A
 * change to any of them makes every entry stale. Running from the tool's bundle, every module is
 * that one file, already named in the manifest: it is not hashed again on every start.
 */
const fingerprints = new Map<string, string>();
function fingerprint(modules: readonly string[]): string {
  const id = modules.join('\n');
  let value = fingerprints.get(id);
  if (value === undefined) {
    const manifest = bundleManifest(DIST);
    const bundled = new Set(Object.values(manifest.entries).map((entry) => join(DIST, entry.file)));
    const files = [...new Set(modules.map((url) => fileURLToPath(url)))].filter((file) => !bundled.has(file));
    value = sha256Hex([sha256Hex(manifest.text), ...files.map((file) => sha256Hex(readFileSync(file)))].join('\0'));
    fingerprints.set(id, value);
  }
  return value;
}

/**
 * The validated data of a small YAML file (configuration), kept in the user's cache folder, so the
 * next start that finds the same text skips the YAML parser and zod: loading them alone takes about
 * 15 ms on Node 20 from their cached bundles (70 ms as plain modules), parsing and validating more. There is one entry per file, replaced when the file changes; it is used only
 * when the file's text and the fingerprint of the validating code both match. A parse that fails
 * is never kept, and a cache that cannot be read or written is simply not used.
 *
 * `modules` are the URLs of the modules that read and validate (their `import.meta.url`); `parse`
 * must return plain JSON data.
 */
export function cachedParse<T>(cacheDir: string, modules: readonly string[], file: string, text: string, parse: () => T): T {
  const entry = join(cacheDir, `${sha256Hex(file)}.json`);
  const key = sha256Hex(`${fingerprint(modules)}\0${file}\0${text}`);
  try {
    const stored = JSON.parse(readFileSync(entry, 'utf8')) as { key?: unknown; data?: unknown };
    if (stored.key === key) return stored.data as T;
  } catch {
    // no entry yet, or not one this code wrote: parse as usual
  }
  const data = parse();
  try {
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    writeFileAtomic(entry, JSON.stringify({ key, data }), { mode: 0o600 });
  } catch {
    // a read-only or full disk costs the next start some time, nothing else
  }
  return data;
}
