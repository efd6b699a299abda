import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_DIR, Catalog } from '../../src/dilemma/catalog.js';
import { loadDilemma, loadKader, parseTreeFile, treeProblems } from '../../src/dilemma/load.js';
import { readText } from '../../src/platform/read-text.js';
import type { LoadedKader } from '../../src/dilemma/model.js';
import { LeertuinError } from '../../src/errors.js';
import { setLanguage } from '../../src/i18n/index.js';
import { MAX_YAML_BYTES, parseYaml } from '../../src/platform/yaml-source.js';

const BROKEN = fileURLToPath(new URL('../fixtures/broken/', import.meta.url));
const VALID = fileURLToPath(new URL('../fixtures/valid/', import.meta.url));
const broken = (id: string): string => join(BROKEN, `${id}.yaml`);

let tmp: string;
beforeAll(() => {
  setLanguage('en');
  tmp = mkdtempSync(join(tmpdir(), 'leertuin-loader-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs `fn`, expects a LeertuinError, and returns it for closer inspection. */
function leertuinError(fn: () => unknown): LeertuinError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(LeertuinError);
    return error as LeertuinError;
  }
  throw new Error('expected a LeertuinError, but nothing was thrown');
}

function expectErrorAt(fn: () => unknown, code: string, file: string, line: number | undefined, col: number | undefined): LeertuinError {
  const error = leertuinError(fn);
  expect({ code: error.code, position: error.position }).toEqual({
    code,
    position: line === undefined ? { file } : { file, line, col },
  });
  return error;
}

/** Every problem of a file as `code subject line:col`, in the order found. */
function problemsOf(path: string, kader?: LoadedKader): string[] {
  return treeProblems(parseTreeFile(path), kader).map(
    ({ problem, position }) => `${problem.code} ${problem.subject} ${position.line ?? '?'}:${position.col ?? '?'}`,
  );
}

const noKader = (): LoadedKader | undefined => undefined;

describe('parseTreeFile: file and schema errors carry file, line and column', () => {
  it('a YAML syntax error points at the offending value', () => {
    const path = broken('yaml-syntax');
    const error = expectErrorAt(() => parseTreeFile(path), 'yaml-syntax', path, 5, 8);
    // A summary in the user's language; the library's own text stays as the cause (shown with -v).
    expect(error.message).toMatch(/key over more lines/);
    expect((error.cause as Error).message).toMatch(/nested mappings/i);
  });

  it('a duplicate key is a syntax error at the second key', () => {
    const path = broken('duplicate-key');
    expectErrorAt(() => parseTreeFile(path), 'yaml-syntax', path, 12, 1);
  });

  it('a tab used as indentation is a syntax error on its line', () => {
    const path = join(tmp, 'tab-indent.yaml');
    writeFileSync(path, 'kind: kader\nid: tab-indent\n\tversion: "1.0.0"\n');
    expectErrorAt(() => parseTreeFile(path), 'yaml-syntax', path, 3, 1);
  });

  it('a custom tag is refused at the tag', () => {
    const path = join(tmp, 'custom-tag.yaml');
    writeFileSync(path, 'kind: kader\nid: custom-tag\nversion: !!binary aGVsbG8=\n');
    const error = leertuinError(() => parseTreeFile(path));
    expect(error.code).toMatch(/^yaml-/);
    expect(error.position?.line).toBe(3);
  });

  it('a second YAML document is refused', () => {
    const path = join(tmp, 'two-docs.yaml');
    writeFileSync(path, 'kind: kader\nid: two-docs\n---\nkind: kader\n');
    expectErrorAt(() => parseTreeFile(path), 'yaml-syntax', path, 3, 1);
  });

  it('an unquoted number where a version string belongs points at the value', () => {
    const path = broken('wrong-type');
    const error = expectErrorAt(() => parseTreeFile(path), 'invalid-dilemma-file', path, 3, 10);
    expect(error.message).toMatch(/^version: /);
  });

  it('an unknown field names the field and points at the map that holds it', () => {
    // zod reports an unknown key on the object, so the position is the node's map (`id:` of that node).
    const path = broken('unknown-field');
    const error = expectErrorAt(() => parseTreeFile(path), 'invalid-dilemma-file', path, 8, 5);
    expect(error.message).toContain('colour');
    expect(error.message).toMatch(/^nodes\.0: /);
  });

  it('a missing start points at the document root', () => {
    const path = broken('missing-start');
    const error = expectErrorAt(() => parseTreeFile(path), 'invalid-dilemma-file', path, 1, 1);
    expect(error.message).toMatch(/^start: /);
  });

  it('an id that is not the file name points at the id', () => {
    const path = broken('id-mismatch');
    const error = expectErrorAt(() => parseTreeFile(path), 'id-mismatch', path, 2, 5);
    expect(error.message).toBe('id "iets-anders" does not match the file name "id-mismatch"');
  });

  it('invalid UTF-8 bytes are refused before parsing (no line: the file is not text)', () => {
    const path = broken('not-utf8');
    const error = expectErrorAt(() => parseTreeFile(path), 'not-utf8', path, undefined, undefined);
    expect(error.message).toContain('not valid UTF-8');
    expect(error.hint).toBeDefined();
  });

  it('a file over the size limit is refused before it is read', () => {
    const path = join(tmp, 'too-large.yaml');
    const head = 'kind: kader\nid: too-large\n';
    writeFileSync(path, head + '#'.repeat(MAX_YAML_BYTES + 1 - head.length) + '\n');
    expectErrorAt(() => parseTreeFile(path), 'file-too-large', path, undefined, undefined);
    expectErrorAt(() => readText(path), 'file-too-large', path, undefined, undefined);
  });

  it('a file exactly at the size limit is read', () => {
    const path = join(tmp, 'at-limit.yaml');
    const text = readFileSync(broken('wrong-type'), 'utf8').replace('id: wrong-type', 'id: at-limit').replace('version: 1', 'version: "1"');
    writeFileSync(path, text + '#'.repeat(MAX_YAML_BYTES - Buffer.byteLength(text)));
    expect(parseTreeFile(path).pin.id).toBe('at-limit');
  });

  it('parseYaml refuses oversized text on its own too', () => {
    const error = leertuinError(() => parseYaml('#'.repeat(MAX_YAML_BYTES + 1), 'big.yaml'));
    expect(error.code).toBe('yaml-too-large');
  });

  it('a missing file is file-not-found', () => {
    const path = join(tmp, 'does-not-exist.yaml');
    expectErrorAt(() => parseTreeFile(path), 'file-not-found', path, undefined, undefined);
  });

  it('a byte order mark and CRLF line endings do not shift positions', () => {
    const text = readFileSync(broken('wrong-type'), 'utf8').replace('id: wrong-type', 'id: bom-crlf');
    const path = join(tmp, 'bom-crlf.yaml');
    writeFileSync(path, '\uFEFF' + text.replace(/\n/g, '\r\n'));
    expectErrorAt(() => parseTreeFile(path), 'invalid-dilemma-file', path, 3, 10);
  });
});

describe('loadKader / loadDilemma', () => {
  it('a dilemma naming an unknown kader points at the kader value', () => {
    const path = broken('unknown-kader');
    const error = expectErrorAt(() => loadDilemma(path, false, noKader), 'unknown-kader', path, 7, 8);
    expect(error.message).toBe('kader "bestaat-niet" not found');
    // Through the catalog, which knows the bundled kaders, it is just as unknown.
    const viaCatalog = new Catalog([]);
    expectErrorAt(() => loadDilemma(path, false, (id) => viaCatalog.kader(id)), 'unknown-kader', path, 7, 8);
  });

  it('a tree problem is thrown as tree-<code> at the first problem', () => {
    const path = broken('unknown-target');
    const error = expectErrorAt(() => loadKader(path, false), 'tree-unknown-target', path, 14, 15);
    expect(error.message).toBe('"vraag" points to "nergens", but there is no such node');
  });

  it('an afspraak problem in an inline dilemma is thrown at load', () => {
    const path = broken('afspraak-wrong-outcome');
    expectErrorAt(() => loadDilemma(path, false, noKader), 'tree-afspraak-wrong-outcome', path, 24, 12);
  });

  it('a dilemma is not a kader, and a kader is not a dilemma', () => {
    const dilemma = join(VALID, 'oefen-alles.yaml');
    expectErrorAt(() => loadKader(dilemma, false), 'not-a-kader', dilemma, 1, 7);
    const kader = broken('cycle');
    expectErrorAt(() => loadDilemma(kader, false, noKader), 'not-a-dilemma', kader, 1, 7);
  });

  it('the valid fixture dilemma loads with its inline tree', () => {
    const loaded = loadDilemma(join(VALID, 'oefen-alles.yaml'), false, noKader);
    expect(loaded.kader).toBeUndefined();
    expect(loaded.tree.start).toBe('uitleg');
    expect([...loaded.tree.nodes.keys()]).toContain('eind-delen');
    expect(loaded.pin).toMatchObject({ id: 'oefen-alles', version: '1.0.0' });
    expect(loaded.pin.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('treeProblems: graph checks, every problem with its place', () => {
  it('a next that points nowhere', () => {
    expect(problemsOf(broken('unknown-target'))).toEqual(['unknown-target nergens 14:15']);
  });

  it('a rule naming an unknown option', () => {
    expect(problemsOf(broken('rule-unknown-option'))).toEqual(['unknown-option-in-rule strafblad 15:34']);
  });

  it('a multiple node whose last rule has a condition', () => {
    expect(problemsOf(broken('no-default-rule'))).toEqual(['no-default-rule soorten 17:9']);
  });

  it('an unreachable node', () => {
    expect(problemsOf(broken('unreachable-node'))).toEqual(['unreachable-node vergeten 18:9']);
  });

  it('a cycle, reported once at the node it returns to', () => {
    expect(problemsOf(broken('cycle'))).toEqual(['cycle eerste 8:9']);
  });

  it('missing translations in node texts and option labels', () => {
    expect(problemsOf(broken('missing-translation'))).toEqual([
      'missing-translation en 11:7',
      'missing-translation en 14:26',
    ]);
  });

  it('an afspraak whose answers lead to another outcome', () => {
    const found = treeProblems(parseTreeFile(broken('afspraak-wrong-outcome')));
    expect(found.map(({ problem, position }) => ({ ...problem, line: position.line, col: position.col }))).toEqual([
      { code: 'afspraak-wrong-outcome', subject: 'niet-delen', detail: 'delen', path: ['afspraak', 'outcome'], line: 24, col: 12 },
    ]);
  });

  it('a recall of a question that comes later, or of something that is no question', () => {
    expect(problemsOf(broken('recall'))).toEqual(['recall-not-before toets 11:13', 'recall-unknown-node einde 16:13']);
  });

  it('files whose problems are caught while parsing have no tree problems left to report', () => {
    // unknown-kader parses fine: its tree lives in the kader, so the file itself has no tree problems.
    expect(problemsOf(broken('unknown-kader'))).toEqual([]);
  });

  // docs/dilemma-format.md: "every localized text has every language in `languages`" (checked at load
  // and by lint). checkTree only looks at node texts; a dilemma's title/summary/case/roles/categories/
  // doubts/afspraak texts (and a kader's title/summary) are never checked.
  it('a dilemma whose case text lacks a declared language is reported', () => {
    expect(problemsOf(broken('dilemma-missing-translation'))).toEqual(['missing-translation en 7:3']);
  });

  it('a bundled kader with one next changed to a missing id: unknown-target at exactly that line', () => {
    const original = readFileSync(join(BUNDLED_DIR, 'kaders', 'mag-ik-delen.yaml'), 'utf8');
    const lines = original.split('\n');
    // Pick a `next:` whose target is also reached from elsewhere, so nothing else becomes unreachable.
    const targets = lines.map((l) => /^\s+next: ([a-z0-9-]+)\s*$/.exec(l)?.[1]);
    const index = targets.findIndex((target, i) => target !== undefined && targets.some((other, j) => j !== i && other === target));
    expect(index).toBeGreaterThan(0);
    const line = lines[index]!;
    const col = line.indexOf('next: ') + 'next: '.length + 1;
    lines[index] = line.replace(/next: [a-z0-9-]+/, 'next: bestaat-niet');
    const path = join(tmp, 'mag-ik-delen.yaml');
    writeFileSync(path, lines.join('\n'));
    expect(problemsOf(path)).toEqual([`unknown-target bestaat-niet ${index + 1}:${col}`]);
    const error = expectErrorAt(() => loadKader(path, false), 'tree-unknown-target', path, index + 1, col);
    expect(error.message).toContain('bestaat-niet');
  });
});

describe('the bundled content', () => {
  it('every bundled dilemma loads through the catalog', () => {
    const dilemmas = new Catalog([]).dilemmas();
    expect(dilemmas.length).toBeGreaterThanOrEqual(8);
    for (const d of dilemmas) {
      expect(d.bundled).toBe(true);
      expect(d.tree.nodes.has(d.tree.start)).toBe(true);
    }
  });

  it('every bundled file (dilemmas and kaders) has no tree problems', () => {
    const catalog = new Catalog([]);
    const entries = catalog.entries();
    expect(entries.filter((e) => e.kind === 'kader').length).toBeGreaterThanOrEqual(2);
    for (const entry of entries) {
      const parsed = parseTreeFile(entry.path);
      const kader = parsed.file.kind === 'dilemma' && parsed.file.data.kader ? catalog.kader(parsed.file.data.kader) : undefined;
      expect({ file: entry.path, problems: treeProblems(parsed, kader) }).toEqual({ file: entry.path, problems: [] });
    }
  });
});
