import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * End-to-end tests run the built binary: build once before the suite so it is never stale. A dist/
 * built from the same inputs (after `npm install`, or CI's build step) is used as it is.
 */
export default function setup(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  // Types are checked by `npm run typecheck` (and CI); the tests need only the bundles.
  execFileSync(process.execPath, ['scripts/build.js', '--if-changed'], { cwd: root, stdio: 'inherit', env: { ...process.env, LEERTUIN_SKIP_TYPECHECK: '1' } });
}
