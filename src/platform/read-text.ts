import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { LeertuinError } from '../errors.js';
import { t } from '../i18n/index.js';
import { MAX_YAML_BYTES } from './yaml-source.js';

/** A YAML input file's text; an unreadable, oversized, special or non-UTF-8 file is an error naming it. */
export function readText(path: string): string {
  const read = readUtf8Limited(path, MAX_YAML_BYTES);
  if (!('problem' in read)) return read.text;
  const position = { file: path };
  switch (read.problem) {
    case 'unreadable':
      throw new LeertuinError('file-not-found', t('load.notFound', { file: path }), { position });
    case 'not-a-file':
      throw new LeertuinError('not-a-file', t('load.notAFile', { file: path }), { position, hint: t('load.notAFileHint') });
    case 'too-large':
      throw new LeertuinError('file-too-large', t('load.tooLarge', { file: path, mb: MAX_YAML_BYTES / 1024 / 1024 }), { position });
    case 'not-utf8':
      throw new LeertuinError('not-utf8', t('load.notUtf8', { file: path }), { position, hint: t('load.notUtf8Hint') });
  }
}

export interface ReadProblem {
  problem: 'unreadable' | 'not-a-file' | 'too-large' | 'not-utf8';
  /** The system's error code when the file could not be opened. */
  errno?: string;
}

// Without `stream`, decode() keeps no state between calls: one decoder serves every file.
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** A file's text and the bytes it was decoded from (a byte order mark at the start is not in the text). */
export interface Utf8File {
  text: string;
  bytes: Buffer;
}

/**
 * A regular file's UTF-8 text, or why not. Read through one descriptor, so what is checked is what
 * is read: a FIFO is opened without blocking and refused, a device is refused, and no more than
 * `maxBytes` + 1 bytes are ever read, even from a file that grows meanwhile.
 */
export function readUtf8Limited(path: string, maxBytes: number): Utf8File | ReadProblem {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return { problem: 'unreadable', errno: (error as NodeJS.ErrnoException).code ?? String(error) };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { problem: 'not-a-file' };
    if (stat.size > maxBytes) return { problem: 'too-large' };
    // Only the bytes read are ever looked at, so the buffer need not be zeroed first.
    let buffer = Buffer.allocUnsafe(stat.size + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > maxBytes) return { problem: 'too-large' };
        const bigger = Buffer.alloc(Math.min(buffer.length * 2, maxBytes + 1));
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    const bytes = buffer.subarray(0, length);
    try {
      return { text: UTF8.decode(bytes), bytes };
    } catch {
      return { problem: 'not-utf8' };
    }
  } finally {
    closeSync(fd);
  }
}
