import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_DIR } from '../../src/dilemma/bundled.js';
import { parseTreeFile } from '../../src/dilemma/load.js';
import { ROOT } from '../helpers/cli.js';

// The built tool reads bundled files from dist/bundled.json (made by `npm run build`, and by the test
// set-up); the source here always parses the YAML. Both must give the same files.
const built = (await import(join(ROOT, 'dist', 'dilemma', 'load.js'))) as typeof import('../../src/dilemma/load.js');
const builtBundled = (await import(join(ROOT, 'dist', 'dilemma', 'bundled.js'))) as typeof import('../../src/dilemma/bundled.js');

const files = [...readdirSync(BUNDLED_DIR).map((n) => join(BUNDLED_DIR, n)), ...readdirSync(join(BUNDLED_DIR, 'kaders')).map((n) => join(BUNDLED_DIR, 'kaders', n))].filter((p) =>
  p.endsWith('.yaml'),
);

describe('the compiled index of bundled files', () => {
  it.each(files)('%s reads the same from the index as from its YAML', (path) => {
    const builtPath = path.replace(BUNDLED_DIR, builtBundled.BUNDLED_DIR);
    const hash = createHash('sha256').update(readFileSync(path, 'utf8')).digest('hex');
    expect(builtBundled.compiledBundledFile(builtPath, () => hash)).toBeDefined();
    expect(builtBundled.compiledBundledFile(builtPath, () => 'not the hash')).toBeUndefined(); // a changed text is not taken from it
    const fromIndex = built.parseTreeFile(builtPath);
    const fromYaml = parseTreeFile(path);
    expect(fromIndex.pin).toEqual(fromYaml.pin);
    expect(fromIndex.file).toEqual(fromYaml.file);
    if (fromYaml.file.kind === 'dilemma' && fromYaml.file.data.afspraak && fromIndex.file.kind === 'dilemma') {
      expect(Object.getPrototypeOf(fromIndex.file.data.afspraak!.answers)).toBe(null);
      expect(Object.getPrototypeOf(fromYaml.file.data.afspraak.answers)).toBe(null);
    }
    // Positions still come from the YAML when a problem needs them.
    expect(fromIndex.source.positionOf(['id'])).toEqual(fromYaml.source.positionOf(['id']));
  });
});
