import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic.js';
import { randomBytes, sha256Hex } from './crypto.js';
import { buildId } from './bundle-manifest.js';
import { DIST, FROM_SOURCES } from './vendor.js';

// From the TypeScript sources (tests) there is no build: entries then hold for this process only,
// so an edited source never meets an entry an older one made.
// (Made only there: loading node:crypto costs a start from the bundle about 10 ms.)
const SOURCES_RUN = FROM_SOURCES ? `sources-${randomBytes(8).toString('hex')}` : '';

/** The running build (the SHA-256 of the tool's bundle), or '' when it has no manifest. */
export function runningBuild(): string {
  return FROM_SOURCES ? SOURCES_RUN : buildId(DIST);
}

/**
 * The validated data of a small YAML file (configuration, a project's dilemmas), kept in the
 * user's cache folder, so the next start that finds the same text skips the YAML parser and zod:
 * loading them alone takes about 15 ms on Node 20 from their cached bundles, parsing and
 * validating more. There is one entry per file, replaced when the file changes; it is used only
 * when the file's text and the build that validated it both match (another build may validate
 * differently). Without a build (`build` empty) nothing is kept. A parse that fails is never kept,
 * and a cache that cannot be read or written is simply not used. `parse` must return plain JSON data.
 */
export function cachedParse<T>(cacheDir: string, file: string, text: string, parse: () => T, build = runningBuild()): T {
  if (!build) return parse();
  const entry = join(cacheDir, `${sha256Hex(file)}.json`);
  const key = sha256Hex(`${build}\0${file}\0${text}`);
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
