import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What `npm run build` bundled (scripts/bundle.js): each bundle's file in dist/ and SHA-256, by name. */
/** The tool's entry also names its commands (each keeps its own code cache, see quick-answer.ts). */
export type BundleManifest = Record<string, { file: string; sha256: string; package?: string; version?: string; commands?: string[] }>;

export const BUNDLE_MANIFEST = 'bundles.json';

const manifests = new Map<string, { text: string; entries: BundleManifest }>();

/** dist/bundles.json, read once per process; empty when missing or unreadable. */
export function bundleManifest(dist: string): { text: string; entries: BundleManifest } {
  let manifest = manifests.get(dist);
  if (!manifest) {
    try {
      const text = readFileSync(join(dist, BUNDLE_MANIFEST), 'utf8');
      manifest = { text, entries: JSON.parse(text) as BundleManifest };
    } catch {
      manifest = { text: '', entries: {} };
    }
    manifests.set(dist, manifest);
  }
  return manifest;
}

/**
 * Which build this is: the SHA-256 of the tool's bundle, which changes with any change to the code.
 * What the build derived from the code (the stored help, the compiled bundled dilemmas) is used
 * only while this is the one it was made with. Empty without a build.
 */
export function buildId(dist: string): string {
  return bundleManifest(dist).entries.leertuin?.sha256 ?? '';
}
