import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readTextLimited } from '../dilemma/load.js';
import { LeertuinError } from '../errors.js';
import { t } from '../i18n/index.js';
import { MAX_RECORD_BYTES } from './parse.js';

/** Every `*.md` under the given files and folders (recursively), in a stable order, lazily. */
export function* recordFiles(paths: readonly string[], cwd: string): Generator<string> {
  for (const given of paths) {
    const path = resolve(cwd, given);
    let stat;
    try {
      stat = statSync(path);
    } catch {
      throw new LeertuinError('file-not-found', t('load.notFound', { file: given }), { position: { file: given } });
    }
    if (stat.isDirectory()) yield* walk(path);
    else yield path;
  }
}

function* walk(dir: string): Generator<string> {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile() && entry.name.endsWith('.md')) yield path;
  }
}

/** A record's text, or why it cannot be read: too large, not UTF-8, not a regular file, unreadable. Never reads past the limit. */
export function readRecordFile(path: string): string | { code: string; reason: string } {
  const read = readTextLimited(path, MAX_RECORD_BYTES);
  if (typeof read === 'string') return read;
  switch (read.problem) {
    case 'unreadable':
      return { code: 'unreadable', reason: read.errno ?? 'cannot be opened' };
    case 'not-a-file':
      return { code: 'not-a-file', reason: 'not a regular file' };
    case 'too-large':
      return { code: 'too-large', reason: `larger than ${MAX_RECORD_BYTES / 1024 / 1024} MB` };
    case 'not-utf8':
      return { code: 'not-utf8', reason: 'not valid UTF-8' };
  }
}
