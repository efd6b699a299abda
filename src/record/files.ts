import { closeSync, fstatSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
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

/** A record's text, or why it cannot be read: too large, not UTF-8, unreadable. Never reads past the limit. */
export function readRecordFile(path: string): string | { code: string; reason: string } {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    return { code: 'unreadable', reason: (error as NodeJS.ErrnoException).code ?? String(error) };
  }
  try {
    const size = fstatSync(fd).size;
    if (size > MAX_RECORD_BYTES) return { code: 'too-large', reason: `larger than ${MAX_RECORD_BYTES / 1024 / 1024} MB` };
    const buffer = Buffer.alloc(size);
    let offset = 0;
    while (offset < size) {
      const read = readSync(fd, buffer, offset, size - offset, offset);
      if (read === 0) break;
      offset += read;
    }
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(0, offset));
    } catch {
      return { code: 'not-utf8', reason: 'not valid UTF-8' };
    }
  } finally {
    closeSync(fd);
  }
}
