import { readdirSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { LeertuinError } from '../errors.js';
import { t } from '../i18n/index.js';

/** Why a file that looks wanted was passed over: a link, or what an interrupted atomic write left. */
export type Skipped = 'link' | 'interrupted-write';

/**
 * The files under the given files and folders whose names match `wanted` (folders searched
 * recursively, hidden entries skipped, names sorted), lazily; a given file is taken as it is.
 * Inside a folder, links are not followed (one could point outside it) and temporary files of
 * an interrupted write (`.<name>.<hex>.tmp`, see atomic.ts) are no files of their own: both are
 * passed to `skipped`, so the reader can be told.
 */
export function* filesUnder(paths: readonly string[], cwd: string, wanted: RegExp, skipped?: (path: string, why: Skipped) => void): Generator<string> {
  for (const given of paths) {
    const path = resolve(cwd, given);
    let stat;
    try {
      stat = statSync(path);
    } catch {
      throw new LeertuinError('file-not-found', t('load.notFound', { file: given }), { position: { file: given } });
    }
    if (stat.isDirectory()) yield* walk(path, wanted, skipped);
    else yield path;
  }
}

function* walk(dir: string, wanted: RegExp, skipped: ((path: string, why: Skipped) => void) | undefined): Generator<string> {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    // `dir` is resolved already and a name holds no separator: joining needs no normalising.
    const path = () => flat(dir.endsWith(sep) ? dir + entry.name : dir + sep + entry.name);
    if (entry.name.startsWith('.')) {
      const temporary = TEMPORARY.exec(entry.name);
      if (skipped && temporary && entry.isFile() && wanted.test(temporary[1]!)) skipped(path(), 'interrupted-write');
      continue;
    }
    if (entry.isDirectory()) yield* walk(path(), wanted, skipped);
    else if (entry.isFile() && wanted.test(entry.name)) yield path();
    else if (skipped && entry.isSymbolicLink() && wanted.test(entry.name)) skipped(path(), 'link');
  }
}

/** The name openAtomic gives its temporary file: `.<target name>.<12 hex>.tmp`. */
const TEMPORARY = /^\.(.+)\.[0-9a-f]{12}\.tmp$/;

/**
 * The same text as one piece. A joined path is kept by V8 as a tree of the parts it was built from,
 * about 280 bytes a path; review and verify hold every path of a run (100,000 paths: 28 MB, where
 * flat they take 9 MB). Reading a character makes V8 flatten the string in place.
 */
function flat(text: string): string {
  text.charCodeAt(0);
  return text;
}
