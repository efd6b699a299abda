import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Where a streamed report goes: written piece by piece, complete only after `close`. */
export interface Sink {
  write(text: string): void;
  close(): void;
  /** Drops what was written to a file (nothing appears); a no-op for a stream. */
  abort(): void;
}

export function streamSink(stream: { write(text: string): unknown }): Sink {
  return { write: (text) => void stream.write(text), close: () => undefined, abort: () => undefined };
}

/**
 * A file written as it streams, yet atomically, like writeFileAtomic: the bytes go to a temporary
 * file beside the target, which is flushed and renamed into place on close. A report of many
 * records (CSV) never has to fit in memory, and a reader never sees half of it.
 */
export function atomicFileSink(path: string): Sink {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temp, 'wx', 0o644);
  let open = true;
  const finish = () => {
    if (!open) return false;
    open = false;
    return true;
  };
  return {
    write(text) {
      const bytes = Buffer.from(text, 'utf8');
      let offset = 0;
      while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    },
    close() {
      if (!finish()) return;
      try {
        try {
          fsyncSync(fd);
        } finally {
          closeSync(fd);
        }
        renameSync(temp, path);
      } catch (error) {
        try {
          unlinkSync(temp);
        } catch {
          // already gone
        }
        throw error;
      }
    },
    abort() {
      if (!finish()) return;
      closeSync(fd);
      unlinkSync(temp);
    },
  };
}
