// What `npm run build` reads, as one SHA-256: the same inputs make the same dist/, so
// `node scripts/build.js --if-changed` can leave a dist/ as it is (see build.js).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Where a build keeps the digest of its inputs, in dist/. */
export const INPUTS_FILE = 'inputs.sha256';

/**
 * The sources, the bundled dilemmas, the installed libraries (npm's record of node_modules) and the
 * build's own settings, by path and content.
 */
export function inputsDigest(root) {
  const files = ['package.json', 'tsconfig.json', 'scripts/build.js', 'scripts/build-inputs.js', 'node_modules/.package-lock.json'];
  for (const dir of ['src', 'dilemmas']) {
    if (!existsSync(join(root, dir))) continue;
    for (const entry of readdirSync(join(root, dir), { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) files.push(relative(root, join(entry.parentPath, entry.name)));
    }
  }
  const hash = createHash('sha256');
  for (const file of files.sort()) {
    const path = join(root, file);
    hash.update(`${file}\0${existsSync(path) ? readFileSync(path, 'utf8') : ''}\0`);
  }
  return hash.digest('hex');
}
