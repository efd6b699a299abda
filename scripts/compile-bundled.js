// Part of `npm run build`: parses and validates the bundled dilemmas and kaders once, so start-up
// reads them as JSON (dist/bundled.json). A file with a problem fails the build.
import { createHash } from 'node:crypto';
import { readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// scripts/build.js builds into a folder beside dist/ and swaps it in; run alone, the step works on dist/.
const dist = process.env.LEERTUIN_BUILD_DIR ?? join(root, 'dist');
const { parseTreeFile, treeProblems, loadKader } = await import(join(dist, 'dilemma', 'load.js'));
const { readText } = await import(join(dist, 'util', 'read-text.js'));
const { BUNDLED_DIR } = await import(join(dist, 'dilemma', 'bundled.js'));
const { buildId } = await import(join(dist, 'util', 'bundle-manifest.js'));
const { parseReferenceFile, REFERENCE_FOLDER } = await import(join(dist, 'dilemma', 'reference.js'));

const files = {};
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    // reference/ holds the legal sources and the glossary, not trees; they are read by src/dilemma/reference.ts.
    if (entry.isDirectory()) {
      if (entry.name !== REFERENCE_FOLDER) walk(path);
    }
    else if (/\.ya?ml$/.test(entry.name)) {
      const parsed = parseTreeFile(path);
      const kader = parsed.file.kind === 'dilemma' && parsed.file.data.kader ? loadKader(join(BUNDLED_DIR, 'kaders', `${parsed.file.data.kader}.yaml`), true) : undefined;
      const problems = treeProblems(parsed, kader);
      if (problems.length > 0) throw new Error(`${path}: ${problems.length} problem(s); run leertuin lint`);
      files[relative(BUNDLED_DIR, path)] = {
        sha256: createHash('sha256').update(readText(path)).digest('hex'),
        kind: parsed.file.kind,
        data: parsed.file.data,
        pin: parsed.pin,
      };
    }
  }
};
walk(BUNDLED_DIR);

const reference = {};
for (const name of readdirSync(join(BUNDLED_DIR, REFERENCE_FOLDER)).filter((n) => /\.ya?ml$/.test(n))) {
  const path = join(BUNDLED_DIR, REFERENCE_FOLDER, name);
  reference[relative(BUNDLED_DIR, path)] = { sha256: createHash('sha256').update(readText(path)).digest('hex'), data: parseReferenceFile(path) };
}
writeFileSync(join(dist, 'bundled.json'), JSON.stringify({ build: buildId(dist), files, reference }) + '\n');
