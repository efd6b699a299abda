import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_DIR, compiledBundledFile, type BundledIndex } from '../../src/dilemma/bundled.js';
import { compileBundled } from '../../src/dilemma/compile-bundled.js';
import { parseTreeFile } from '../../src/dilemma/load.js';

// The built tool reads bundled files from dist/bundled.json, which `npm run build` makes with
// compileBundled and stores as JSON; parsing the YAML must give the same files.
const index = JSON.parse(JSON.stringify(compileBundled())) as BundledIndex;

const files = [...readdirSync(BUNDLED_DIR).map((n) => join(BUNDLED_DIR, n)), ...readdirSync(join(BUNDLED_DIR, 'kaders')).map((n) => join(BUNDLED_DIR, 'kaders', n))].filter((p) =>
  p.endsWith('.yaml'),
);

describe('the compiled index of bundled files', () => {
  it('holds every bundled tree and reference file', () => {
    expect(Object.keys(index.files).sort()).toEqual(files.map((p) => p.slice(BUNDLED_DIR.length)).sort());
    expect(Object.keys(index.reference).sort()).toEqual(['reference/glossary.yaml', 'reference/sources.yaml']);
  });

  it.each(files)('%s reads the same from the index as from its YAML', (path) => {
    const hash = createHash('sha256').update(readFileSync(path, 'utf8')).digest('hex');
    const fromIndex = compiledBundledFile(path, () => hash, index);
    expect(compiledBundledFile(path, () => 'not the hash', index)).toBeUndefined(); // a changed text is not taken from it
    const fromYaml = parseTreeFile(path);
    expect(fromIndex?.pin).toEqual(fromYaml.pin);
    expect({ kind: fromIndex?.kind, data: fromIndex?.data }).toEqual(fromYaml.file);
    if (fromYaml.file.kind === 'dilemma' && fromYaml.file.data.afspraak && fromIndex?.kind === 'dilemma') {
      expect(Object.getPrototypeOf((fromIndex.data as typeof fromYaml.file.data).afspraak!.answers)).toBe(null);
      expect(Object.getPrototypeOf(fromYaml.file.data.afspraak.answers)).toBe(null);
    }
  });
});
