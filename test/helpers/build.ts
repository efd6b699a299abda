import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** End-to-end tests run the built binary: build once before the suite so it is never stale. */
export default function setup(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  execFileSync(process.execPath, [fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url)), '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  for (const script of ['scripts/compile-bundled.js', 'scripts/compile-help.js']) execFileSync(process.execPath, [script], { cwd: root, stdio: 'inherit' });
}
