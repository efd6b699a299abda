import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { sha256Hex } from '../platform/crypto.js';
import { readText } from '../platform/read-text.js';
import { BUNDLED_DIR, type BundledIndex } from './bundled.js';
import { loadKader, parseTreeFile, treeProblems } from './load.js';
import { parseReferenceFile, REFERENCE_FOLDER } from './reference.js';

/**
 * Every bundled tree and reference file, parsed and validated, for dist/bundled.json (run by
 * `npm run build`). A file with a problem fails the build.
 */
export function compileBundled(): BundledIndex {
  const files: BundledIndex['files'] = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      // reference/ holds the legal sources and the glossary, not trees (see reference.ts).
      if (entry.isDirectory()) {
        if (entry.name !== REFERENCE_FOLDER) walk(path);
      } else if (/\.ya?ml$/.test(entry.name)) {
        const parsed = parseTreeFile(path);
        const kader = parsed.file.kind === 'dilemma' && parsed.file.data.kader ? loadKader(join(BUNDLED_DIR, 'kaders', `${parsed.file.data.kader}.yaml`), true) : undefined;
        const problems = treeProblems(parsed, kader);
        if (problems.length > 0) throw new Error(`${path}: ${problems.length} problem(s); run leertuin lint`);
        files[relative(BUNDLED_DIR, path)] = { sha256: sha256Hex(readText(path)), kind: parsed.file.kind, data: parsed.file.data, pin: parsed.pin };
      }
    }
  };
  walk(BUNDLED_DIR);
  const reference: BundledIndex['reference'] = {};
  const referenceDir = join(BUNDLED_DIR, REFERENCE_FOLDER);
  for (const name of readdirSync(referenceDir).filter((n) => /\.ya?ml$/.test(n))) {
    const path = join(referenceDir, name);
    reference[relative(BUNDLED_DIR, path)] = { sha256: sha256Hex(readText(path)), data: parseReferenceFile(path) };
  }
  return { files, reference };
}
