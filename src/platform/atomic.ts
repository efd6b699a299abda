import { randomBytes } from './crypto.js';
import { closeSync, fsyncSync, linkSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { onStop } from './signals.js';

export interface AtomicWriteOptions {
  /** File mode of the new file (e.g. 0o600 for drafts and keys). */
  mode?: number;
  /** Fail with EEXIST instead of replacing an existing file (or a symlink placed there). */
  exclusive?: boolean;
}

/** A file being written atomically: complete at `commit`, gone without a trace at `abort`. */
export interface AtomicFile {
  write(data: string | Uint8Array): void;
  commit(): void;
  abort(): void;
}

/**
 * Opens a file so that readers see either nothing or the whole of it: the bytes go to a temporary
 * file beside the target, are flushed, and are then linked (exclusive) or renamed into place on
 * commit. Neither link nor rename follows a symlink at the target. Written piece by piece, a large
 * report never has to fit in memory.
 */
export function openAtomic(path: string, options: AtomicWriteOptions = {}): AtomicFile {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const discard = () => {
    try {
      unlinkSync(temp);
    } catch {
      // already gone, or never made
    }
  };
  // A run stopped halfway (Ctrl-C, a kill, an exit) takes its temporary file with it. The handler
  // comes before the file: a signal between the two would otherwise kill the run with the file left.
  const released = onStop(discard);
  let fd: number;
  try {
    fd = openSync(temp, 'wx', options.mode ?? 0o644);
  } catch (error) {
    released();
    throw error;
  }
  let open = true;
  const close = (): boolean => {
    if (!open) return false;
    open = false;
    closeSync(fd);
    return true;
  };
  return {
    write(data) {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      let offset = 0;
      while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    },
    commit() {
      if (!open) return;
      try {
        fsyncSync(fd);
      } catch (error) {
        close();
        discard();
        released();
        throw error;
      }
      close();
      try {
        if (options.exclusive) {
          linkSync(temp, path);
          unlinkSync(temp);
        } else {
          renameSync(temp, path);
        }
      } catch (error) {
        discard();
        throw error;
      } finally {
        released();
      }
    },
    abort() {
      if (close()) discard();
      released();
    },
  };
}

export function writeFileAtomic(path: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  const file = openAtomic(path, options);
  try {
    file.write(data);
  } catch (error) {
    file.abort();
    throw error;
  }
  file.commit();
}
