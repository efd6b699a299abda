import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildId } from '../platform/bundle-manifest.js';
import { sha256Hex } from '../platform/crypto.js';
import { readText } from '../platform/read-text.js';
import type { Pin } from './model.js';
import type { DilemmaFile, KaderFile } from './schema.js';

/** The dilemmas and kaders that ship with the tool: always available, even before any set-up. */
export const BUNDLED_DIR = fileURLToPath(new URL('../../dilemmas/', import.meta.url));

/**
 * The bundled files, already parsed and validated at build time (`npm run build` writes
 * dist/bundled.json with `compileBundled`). It is used only by the build that made it, since another
 * may validate differently, and a file is taken from it only while its text still has the SHA-256
 * recorded there; an edited file is parsed as usual. Run from the TypeScript sources (tests) there
 * is no build of this code, so no index: everything is parsed.
 */
const INDEX_FILE = import.meta.url.endsWith('.ts') ? undefined : fileURLToPath(new URL('../bundled.json', import.meta.url));

export interface CompiledFile {
  sha256: string;
  kind: 'kader' | 'dilemma';
  data: KaderFile | DilemmaFile;
  pin: Pin;
}

/** A validated file of reference/ (legal sources, glossary), with the SHA-256 of its text. */
interface CompiledReference {
  sha256: string;
  data: unknown;
}

export interface BundledIndex {
  files: Record<string, CompiledFile>;
  reference: Record<string, CompiledReference>;
}

let index: BundledIndex | undefined;

/** The index in `file`, when the build beside it (its manifest, dist/bundles.json) is the one that made it. */
export function readBundledIndex(file: string | undefined = INDEX_FILE): BundledIndex {
  const none = { files: {}, reference: {} };
  if (!file || !existsSync(file)) return none;
  const stored = JSON.parse(readFileSync(file, 'utf8')) as { build: string } & Partial<BundledIndex>;
  return stored.build && stored.build === buildId(dirname(file)) ? { files: stored.files ?? {}, reference: stored.reference ?? {} } : none;
}

/** A bundled reference file as the build validated it, while its text is unchanged. */
export function compiledReference<T>(path: string): T | undefined {
  index ??= readBundledIndex();
  const entry = index.reference[relative(BUNDLED_DIR, path)];
  if (!entry || entry.sha256 !== sha256Hex(readText(path))) return undefined;
  return structuredClone(entry.data) as T;
}

export function compiledBundledFile(path: string, textSha256: () => string, from: BundledIndex = (index ??= readBundledIndex())): CompiledFile | undefined {
  if (!path.startsWith(BUNDLED_DIR)) return undefined;
  const entry = from.files[relative(BUNDLED_DIR, path)];
  if (!entry || entry.sha256 !== textSha256()) return undefined;
  // The index is shared between calls: each caller gets its own copy.
  return { ...entry, data: revive(structuredClone(entry.data)) };
}

/** JSON has no objects without a prototype: the afspraak's answers get theirs back (see schema.ts). */
export function revive<T extends KaderFile | DilemmaFile>(data: T): T {
  if ('afspraak' in data && data.afspraak) data.afspraak.answers = Object.assign(Object.create(null) as Record<string, string | string[]>, data.afspraak.answers);
  return data;
}
