import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { recordSourceHashes, sourceHash, translationStates } from '../../src/authoring/translations.js';
import { headerTranslationProblems } from '../../src/dilemma/texts.js';
import { BUNDLED_DIR } from '../../src/dilemma/catalog.js';
import { parseTreeFile } from '../../src/dilemma/load.js';
import { parseYaml, validate } from '../../src/platform/yaml-source.js';
import { treeSchemas } from '../../src/dilemma/schema.js';
import { canonicalJson } from '../../src/platform/canonical.js';
import { sha256Hex } from '../../src/platform/crypto.js';

const TEXT = `# a comment that must stay
kind: kader
id: vertaald
version: "1.0.0"
languages: [nl, en]
title: {nl: Titel, en: Title}   # trailing comment
start: eind
nodes:
  - id: eind
    kind: outcome
    verdict: share
    text:
      nl: Klaar
      en: Done
`;

function parse(text: string) {
  const source = parseYaml(text, 'vertaald.yaml');
  const data = validate(source, treeSchemas().file, 'invalid', 'hint');
  return { file: data.kind === 'kader' ? ({ kind: 'kader', data } as const) : ({ kind: 'dilemma', data } as const), source };
}

describe('source hashes of translations', () => {
  it('a hash is the first 12 hex digits of the SHA-256 of the source text, line endings and outer space aside', () => {
    expect(sourceHash('Klaar')).toBe(sha256Hex('Klaar').slice(0, 12));
    expect(sourceHash('  a\r\nb\n')).toBe(sourceHash('a\nb'));
    expect(sourceHash('Klaar')).not.toBe(sourceHash('Klaar!'));
  });

  it('a translation without a hash is unrecorded (not stale); recording keeps comments and order', () => {
    const { file, source } = parse(TEXT);
    const states = translationStates(file, source.data);
    expect(states.map((s) => [s.path.join('.'), s.language, s.status])).toEqual([
      ['title', 'en', 'unrecorded'],
      ['nodes.0.text', 'en', 'unrecorded'],
    ]);
    const recorded = recordSourceHashes(TEXT, states);
    expect(recorded).toContain('# a comment that must stay');
    expect(recorded).toContain(`title: {nl: Titel, en: Title, _source: {en: ${sourceHash('Titel')}}} # trailing comment`);
    expect(recorded).toContain(`      en: Done\n      _source: {en: ${sourceHash('Klaar')}}\n`);
    const again = parse(recorded);
    expect(translationStates(again.file, again.source.data).map((s) => s.status)).toEqual(['current', 'current']);
    // The hashes are bookkeeping: the parsed file, and so its pin, is the same as before.
    expect(canonicalJson(again.file.data)).toBe(canonicalJson(file.data));
  });

  it('a changed source text makes its translation stale, and only that one', () => {
    const { file, source } = parse(TEXT);
    const recorded = recordSourceHashes(TEXT, translationStates(file, source.data));
    const changed = parse(recorded.replace('nl: Klaar', 'nl: Helemaal klaar'));
    expect(translationStates(changed.file, changed.source.data).map((s) => [s.path.join('.'), s.status])).toEqual([
      ['title', 'current'],
      ['nodes.0.text', 'stale'],
    ]);
  });

  it('a hash that is not 12 hex digits is refused with its place in the file', () => {
    expect(() => parse(TEXT.replace('en: Title}', 'en: Title, _source: {en: nope}}'))).toThrow(/title\._source\.en: een bronhash van 12 hexadecimale tekens/);
  });

  it('a hash made only of digits is written quoted, so it stays a string', () => {
    const hashes = [{ path: ['title'], language: 'en', hash: '123456789012' }];
    const text = recordSourceHashes(TEXT, hashes);
    expect(text).toContain('_source: {en: "123456789012"}');
    expect(() => parse(text)).not.toThrow();
  });
});

describe('missing translations outside the tree', () => {
  it('a dilemma whose case lacks a declared language is reported at the case', () => {
    const file = parseTreeFile(fileURLToPath(new URL('../fixtures/broken/dilemma-missing-translation.yaml', import.meta.url)));
    const problems = headerTranslationProblems(file.file);
    expect(problems).toEqual([{ code: 'missing-translation', subject: 'en', detail: 'case', path: ['case'] }]);
    expect(file.source.positionOf(problems[0]!.path)).toMatchObject({ line: 7, col: 3 });
  });

  it('the bundled files have no missing or stale translations and record no hashes', () => {
    const files = [...readdirSync(BUNDLED_DIR), ...readdirSync(join(BUNDLED_DIR, 'kaders')).map((f) => join('kaders', f))].filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(8);
    for (const name of files) {
      const path = join(BUNDLED_DIR, name);
      const file = parseTreeFile(path);
      expect(headerTranslationProblems(file.file)).toEqual([]);
      expect(translationStates(file.file, file.source.data).every((s) => s.status === 'unrecorded')).toBe(true);
      expect(readFileSync(path, 'utf8')).not.toContain('_source');
    }
  });
});
