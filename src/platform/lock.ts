import { closeSync, openSync, statSync, unlinkSync, writeSync } from 'node:fs';

/** A lock older than this belongs to a process that died: no countersign holds one this long. */
const STALE_MS = 30_000;
const WAIT_MS = 10_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `update` while holding `<path>.lock`, made with O_EXCL so two processes never hold it at
 * once: the second waits (up to 10 s) instead of writing over the first's result. A lock left by
 * a process that died is taken over after 30 s. Returns what `update` returns; throws
 * `lock-timeout` (code on the error) when the lock stays taken.
 */
export async function withFileLock<T>(path: string, update: () => Promise<T>): Promise<T> {
  const lock = `${path}.lock`;
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      const fd = openSync(lock, 'wx', 0o600);
      try {
        writeSync(fd, String(process.pid));
      } catch (error) {
        // A full disk: the lock is not taken, and no empty lock file stays to block the next run.
        closeSync(fd);
        unlinkSync(lock);
        throw error;
      }
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      try {
        if (Date.now() - statSync(lock).mtimeMs > STALE_MS) unlinkSync(lock);
      } catch {
        // gone already: try again
      }
      if (Date.now() > deadline) throw Object.assign(new Error(`${lock} is held by another process`), { code: 'lock-timeout' });
      await sleep(20 + Math.floor(Math.random() * 30));
    }
  }
  try {
    return await update();
  } finally {
    try {
      unlinkSync(lock);
    } catch {
      // removed by a taker-over after a very long hold: nothing left to clean
    }
  }
}
