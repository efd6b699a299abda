import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A small tmpfs of `pages` 4 KiB pages: a disk that fills up for real. Mounting needs root (as in
 * this project's containers); elsewhere this returns undefined and the test that needs it is skipped.
 * `readOnly()` remounts it read-only, which also holds for root (a chmod does not).
 */
export function smallDisk(pages: number): { dir: string; readOnly(): void; release(): void } | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'leertuin-disk-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${pages * 4}k`, 'tmpfs', dir]).status === 0;
  if (!mounted) {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  return {
    dir,
    readOnly: () => {
      const result = spawnSync('mount', ['-o', 'remount,ro', dir], { encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`remount read-only failed: ${result.stderr}`);
    },
    release: () => {
      spawnSync('umount', [dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Whether the tests that need a real small disk must be skipped: this machine does not let a test
 * mount a tmpfs (it needs root). Said in one line; under CI nothing is skipped, so CI fails instead.
 */
export const cannotMount = (() => {
  const disk = smallDisk(1);
  disk?.release();
  if (disk !== undefined) return false;
  const line = 'mounting a small tmpfs is not allowed here (run the tests as root, as CI does)';
  if (process.env.CI) throw new Error(`CI needs every test: ${line}`);
  console.warn(`skipped: tests that need a full or read-only disk: ${line}`);
  return true;
})();
