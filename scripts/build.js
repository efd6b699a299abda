// `npm run build`: builds into a fresh folder beside dist/ and then swaps it in with two renames,
// so a `leertuin` that starts (or loads a module) while the build runs never finds dist/ half
// written (it crashed with ENOENT when `npm test` rebuilt under a linked install). The folder is a
// sibling of dist/, so the paths modules find files by (two folders up) hold there too. The build
// before is kept as .dist-old-* until the next build, for processes still running from it.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
// A fixed name: esbuild names modules by their path, and the bundle should not change with it.
const next = join(root, '.dist-build');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

for (const name of readdirSync(root)) {
  if (name === '.dist-build' || name.startsWith('.dist-old-')) rmSync(join(root, name), { recursive: true, force: true });
}
const step = (args, env = {}) => execFileSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
try {
  step([tsc, '-p', 'tsconfig.build.json', '--outDir', next]);
  step([tsc, '-p', 'tsconfig.quick.json', '--outDir', join(next, 'quick')]);
  for (const script of ['bundle.js', 'compile-bundled.js', 'compile-quick.js']) step([join('scripts', script)], { LEERTUIN_BUILD_DIR: next });
} catch (error) {
  rmSync(next, { recursive: true, force: true });
  process.exitCode = typeof error.status === 'number' ? error.status : 1;
  throw error;
}
if (existsSync(dist)) renameSync(dist, join(root, `.dist-old-${Date.now()}`));
renameSync(next, dist);
