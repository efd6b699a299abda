import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** End-to-end tests run the built binary: build once before the suite (`npm run build`) so it is never stale. */
export default function setup(): void {
  // A suite started by a test of the suite itself (test/e2e/test-tools.test.ts) uses the build already made.
  if (process.env.LEERTUIN_TEST_NO_BUILD === '1') return;
  const root = fileURLToPath(new URL('../..', import.meta.url));
  // Types are checked by `npm run typecheck` (and CI); the tests need only the bundles.
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit', env: { ...process.env, LEERTUIN_SKIP_TYPECHECK: '1' } });
}
