import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { canonicalJson } from '../platform/canonical.js';
import { sha256Hex } from '../platform/crypto.js';
import { openAtomic } from '../platform/atomic.js';
import { revive } from './bundled.js';
import { buildTree, type LoadedDilemma, type Tree } from './model.js';
import { treeSchemas, type DilemmaFile, type KaderFile } from './schema.js';

/**
 * Earlier versions of kaders and dilemmas, kept so that records pinned to them keep verifying after
 * a file changes. Each version is one file `<dilemmas dir>/archive/<sha256>.json` holding
 * `{kind, data}`: the validated data whose canonical JSON has that SHA-256, the very hash records
 * pin. The data is stored, not the YAML, so a later schema that reads YAML differently cannot
 * change an archived version's hash.
 */
export const ARCHIVE_FOLDER = 'archive';

export type ArchivedKind = 'kader' | 'dilemma';

export interface ArchivedVersion {
  kind: ArchivedKind;
  id: string;
  version: string;
  tree: Tree;
}

const SHA256 = /^[0-9a-f]{64}$/;

export function archivePath(dilemmaDir: string, sha256: string): string {
  return join(dilemmaDir, ARCHIVE_FOLDER, `${sha256}.json`);
}

/**
 * The archived version with this hash in `dilemmaDir`, or undefined when there is none or it does
 * not hold what its name says. Bundled archives were written by the tool's own build and are
 * taken as they are; a project's are validated first, since anyone may have put them there.
 */
export function readArchived(dilemmaDir: string, kind: ArchivedKind, sha256: string, trusted: boolean): ArchivedVersion | undefined {
  if (!SHA256.test(sha256)) return undefined;
  const path = archivePath(dilemmaDir, sha256);
  if (!existsSync(path)) return undefined;
  let stored: { kind?: unknown; data?: unknown };
  try {
    stored = JSON.parse(readFileSync(path, 'utf8')) as typeof stored;
  } catch {
    return undefined;
  }
  if (stored.kind !== kind || typeof stored.data !== 'object' || stored.data === null) return undefined;
  let data = stored.data as KaderFile | DilemmaFile;
  if (!trusted) {
    const checked = treeSchemas().file.safeParse(stored.data);
    if (!checked.success) return undefined;
    data = checked.data;
  }
  data = revive(data);
  if (sha256Hex(canonicalJson(data)) !== sha256) return undefined;
  if (data.kind !== kind || data.start === undefined || data.nodes === undefined) return undefined;
  return { kind, id: data.id, version: data.version, tree: buildTree(data.start, data.nodes, data.languages) };
}

/**
 * Keeps a version in `dilemmaDir`'s archive. Returns whether a file was written: an existing one
 * already holds exactly this content (its name is its hash), so it is never replaced.
 */
export function archiveVersion(dilemmaDir: string, kind: ArchivedKind, data: KaderFile | DilemmaFile): boolean {
  const sha256 = sha256Hex(canonicalJson(data));
  const path = archivePath(dilemmaDir, sha256);
  if (existsSync(path)) return false;
  mkdirSync(join(dilemmaDir, ARCHIVE_FOLDER), { recursive: true });
  const file = openAtomic(path, { exclusive: true });
  try {
    file.write(`${JSON.stringify({ kind, data }, null, 1)}\n`);
    file.commit();
  } catch (error) {
    file.abort();
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  return true;
}

/**
 * Keeps the project versions a walk of `dilemma` pins (its kader, or its own tree), each in the
 * archive of the folder it was found in. Bundled files are archived by the tool's own release
 * (`npm run archive`). Returns the files written.
 */
export function archiveWalkedVersions(dilemma: LoadedDilemma): string[] {
  const written: string[] = [];
  const keep = (dir: string, kind: ArchivedKind, data: KaderFile | DilemmaFile, sha256: string) => {
    if (archiveVersion(dir, kind, data)) written.push(archivePath(dir, sha256));
  };
  if (dilemma.kader) {
    if (!dilemma.kader.bundled) keep(dirname(dirname(dilemma.kader.path)), 'kader', dilemma.kader.file, dilemma.kader.pin.sha256);
  } else if (!dilemma.bundled) {
    keep(dirname(dilemma.path), 'dilemma', dilemma.file, dilemma.pin.sha256);
  }
  return written;
}
