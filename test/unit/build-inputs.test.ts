import { mkdirSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

// A plain JavaScript build script (no type declarations): its one function, typed here.
const { inputsDigest } = (await import('../../scripts/build-inputs.js' as string)) as { inputsDigest(root: string): string };

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'leertuin-inputs-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

const FILES = {
  'package.json': '{"name":"x"}',
  'tsconfig.json': '{}',
  'scripts/build.js': '// build',
  'src/cli.ts': 'export {};',
  'src/walk/engine.ts': 'export const a = 1;',
  'dilemmas/kaders/basis.yaml': 'id: basis',
  'node_modules/.package-lock.json': '{"packages":{}}',
};

describe('what a build reads (`build.js --if-changed`)', () => {
  it('gives the same digest for the same inputs, and another when any input changes', () => {
    const root = tree(FILES);
    const digest = inputsDigest(root);
    expect(inputsDigest(tree(FILES))).toBe(digest);
    const changed = (file: string, text: string) => {
      const other = tree(FILES);
      writeFileSync(join(other, file), text);
      return inputsDigest(other);
    };
    for (const file of Object.keys(FILES)) expect(changed(file, 'changed'), file).not.toBe(digest);
    expect(changed('src/walk/new.ts', 'export {};'), 'a new source').not.toBe(digest);
    expect(changed('dilemmas/nieuw.yaml', 'id: nieuw'), 'a new dilemma').not.toBe(digest);
    // A file moved with the same text is another input.
    const moved = tree(FILES);
    renameSync(join(moved, 'src/walk/engine.ts'), join(moved, 'src/walk/motor.ts'));
    expect(inputsDigest(moved)).not.toBe(digest);
  });

  it('ignores what the build does not read', () => {
    const root = tree({ ...FILES, 'README.md': 'x', 'test/a.test.ts': 'x', 'docs/a.md': 'x' });
    expect(inputsDigest(root)).toBe(inputsDigest(tree(FILES)));
  });
});
