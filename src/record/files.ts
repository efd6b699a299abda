import { readUtf8Limited, type Utf8File } from '../platform/read-text.js';
import { filesUnder, type Skipped } from '../platform/files.js';
import { MAX_RECORD_BYTES } from './parse.js';

/**
 * Every `*.md` under the given files and folders (recursively), in a stable order, lazily; links
 * and leftovers of interrupted writes inside a folder go to `skipped` (see filesUnder).
 */
export function recordFiles(paths: readonly string[], cwd: string, skipped?: (path: string, why: Skipped) => void): Generator<string> {
  return filesUnder(paths, cwd, /\.md$/, skipped);
}

/**
 * A record's text and bytes, or why it cannot be read: too large, not UTF-8, not a regular file,
 * unreadable. Never reads past the limit.
 */
export function readRecordFile(path: string): Utf8File | { code: string; reason: string } {
  const read = readUtf8Limited(path, MAX_RECORD_BYTES);
  if (!('problem' in read)) return read;
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
