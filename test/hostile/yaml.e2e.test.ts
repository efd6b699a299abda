import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, ftruncateSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDilemma, parseTreeFile } from '../../src/dilemma/load.js';
import { readUtf8Limited } from '../../src/platform/read-text.js';
import type { LoadedDilemma } from '../../src/dilemma/model.js';
import { LeertuinError } from '../../src/errors.js';
import { setLanguage } from '../../src/i18n/index.js';
import { buildRecord } from '../../src/record/build.js';
import { loadTemplate, renderRecord } from '../../src/record/render.js';
import { MAX_YAML_DEPTH, parseYaml } from '../../src/platform/yaml-source.js';
import { replay, type WalkState } from '../../src/walk/engine.js';
import { timedBinary } from './binary.js';
import { BASE, expectCleanFailure, RAW_CONTROL, snapshot, timedCli, workspace } from './helpers.js';

const ANSWERS = `dilemma: vijandig
author: {name: Test Persoon, role: wijkteammedewerker, domain: zorg, organisation: Wijkteam Oost}
answers:
  vraag: {answer: ja, motivation: "Fictief."}
`;

/** Nine levels of nine: 9^9 (387 million) strings once expanded. */
function billionLaughs(head: string): string {
  const lines = [head, 'l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  for (let i = 1; i <= 9; i++) lines.push(`l${i}: &l${i} [${Array.from({ length: 9 }, () => `*l${i - 1}`).join(', ')}]`);
  return lines.join('\n') + '\n';
}

function loadError(path: string): LeertuinError {
  try {
    loadDilemma(path, false, () => undefined);
  } catch (error) {
    expect(error).toBeInstanceOf(LeertuinError);
    return error as LeertuinError;
  }
  throw new Error(`${path} loaded, but should not have`);
}

function parseError(text: string, file: string): LeertuinError {
  try {
    parseYaml(text, file);
  } catch (error) {
    expect(error).toBeInstanceOf(LeertuinError);
    return error as LeertuinError;
  }
  throw new Error(`${file} parsed, but should not have`);
}

let ws: ReturnType<typeof workspace>;
beforeAll(() => {
  setLanguage('en');
  ws = workspace();
  mkdirSync(join(ws.cwd, 'dilemmas'));
  writeFileSync(join(ws.cwd, '.leertuin.yaml'), 'dilemmas: [dilemmas]\n');
  writeFileSync(join(ws.cwd, 'answers.yaml'), ANSWERS);
  writeFileSync(join(ws.cwd, 'dilemmas', 'vijandig.yaml'), BASE);
});

/**
 * Writes `content` as a dilemma file in its own folder, runs `show` on it through the built binary,
 * and expects exit 2 with `message`, nothing changed and no record written.
 */
async function rejectedByShow(name: string, content: string | Buffer, message: RegExp): Promise<void> {
  const dir = join(ws.cwd, name);
  mkdirSync(dir);
  const path = join(dir, 'vijandig.yaml');
  writeFileSync(path, content);
  const before = snapshot(dir);
  const result = await timedCli(['--lang', 'en', 'show', `./${name}/vijandig.yaml`], ws);
  expectCleanFailure(result, 2, message);
  expect(snapshot(dir)).toEqual(before);
  expect(existsSync(join(ws.cwd, 'records'))).toBe(false);
}

describe('alias bombs', () => {
  it('a billion-laughs dilemma is rejected in under a second in-process, and with exit 2 by the CLI', async () => {
    const path = join(ws.cwd, 'bomb', 'vijandig.yaml');
    mkdirSync(join(ws.cwd, 'bomb'));
    writeFileSync(path, billionLaughs(BASE.trimEnd()));
    const started = performance.now();
    const error = loadError(path);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(error.code).toBe('yaml-aliases');

    const before = snapshot(join(ws.cwd, 'bomb'));
    const result = await timedCli(['--lang', 'en', 'show', './bomb/vijandig.yaml'], ws);
    expectCleanFailure(result, 2, /aliases \(\*name\) repeat too much/);
    expect(result.stderr).toMatch(/^leertuin: \.\/bomb\/vijandig\.yaml: /);
    expect(snapshot(join(ws.cwd, 'bomb'))).toEqual(before);
  });

  it('the same bomb in an answers file and in the project config', async () => {
    writeFileSync(join(ws.cwd, 'bomb-answers.yaml'), billionLaughs(ANSWERS.trimEnd()));
    expectCleanFailure(await timedCli(['--lang', 'en', 'walk', '--no-sign', '--answers', 'bomb-answers.yaml'], ws), 2, /repeat too much/);

    const project = join(ws.cwd, 'bomb-config');
    mkdirSync(project);
    writeFileSync(join(project, '.leertuin.yaml'), billionLaughs('dilemmas: [dilemmas]'));
    expectCleanFailure(await timedCli(['--lang', 'en', 'list'], { env: ws.env, cwd: project }), 2, /repeat too much/);
  });

  it('few aliases of one large anchor (amplification under the alias count) are refused too', async () => {
    const big = `[${Array.from({ length: 2000 }, () => '"AVG art. 6"').join(', ')}]`;
    const nodes = Array.from({ length: 60 }, (_, i) => `  - {id: v${i}, kind: info, text: Uitleg, legal: ${i === 0 ? `&big ${big}` : '*big'}, next: ${i === 59 ? 'eind' : `v${i + 1}`}}`);
    const text = BASE.replace('start: vraag', 'start: v0').replace('nodes:\n', `nodes:\n${nodes.join('\n')}\n`);
    await rejectedByShow('amplified', text, /repeat too much/);
  });

  it('a recursive alias is refused, not followed forever', async () => {
    await rejectedByShow('recursive', BASE.replace('title: Titel van het dilemma', 'title: &t {nl: [*t]}'), /repeat too much/);
  });

  it('a few small aliases are still fine', () => {
    const text = BASE.replace('text: Mag dit gedeeld worden?', 'text: &q Mag dit gedeeld worden?\n    help: *q');
    const dir = join(ws.cwd, 'few-aliases');
    mkdirSync(dir);
    writeFileSync(join(dir, 'vijandig.yaml'), text);
    expect(loadDilemma(join(dir, 'vijandig.yaml'), false, () => undefined).tree.nodes.get('vraag')?.help).toBe('Mag dit gedeeld worden?');
  });
});

describe('deep nesting', () => {
  const cases: [string, string][] = [
    ['flow sequences', `title: ${'['.repeat(10_000)}${']'.repeat(10_000)}`],
    ['flow maps', `title: ${'{a: '.repeat(10_000)}x${'}'.repeat(10_000)}`],
    ['compact block sequences', `title:\n${'- '.repeat(10_000)}x`],
    ['block maps', Array.from({ length: 1500 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n').replace(/^k0:/, 'title:') + ' x'],
    ['a million flow levels (2 MB)', `title: ${'['.repeat(1_000_000)}`],
  ];
  it.each(cases)('%s are refused before the parser recurses, at a line and column', (name, nested) => {
    const text = BASE.replace('title: Titel van het dilemma', nested);
    const started = performance.now();
    const error = (() => {
      try {
        parseYaml(text, 'deep.yaml');
      } catch (e) {
        return e as LeertuinError;
      }
      throw new Error('parsed');
    })();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(error.code).toBe('yaml-too-deep');
    expect(error.message).toBe(`nested deeper than ${MAX_YAML_DEPTH} levels`);
    expect(error.position?.line).toBeGreaterThanOrEqual(5);
    expect(error.position?.col).toBeGreaterThan(0);
  });

  it('10,000-deep nesting through the CLI: exit 2 with file:line:col', async () => {
    await rejectedByShow('deep', BASE.replace('title: Titel van het dilemma', `title: ${'['.repeat(10_000)}${']'.repeat(10_000)}`), /vijandig\.yaml:5:\d+: nested deeper than 64 levels/);
  });

  it('ordinary nesting, brackets inside quoted and block scalars included, loads', () => {
    const text = BASE.replace('case: Een fictieve casus.', `case: |\n  Tekst met [[[[ haken {{{{ en - - - - streepjes\n  ${'[ '.repeat(200)}`);
    const source = parseYaml(text, 'ok.yaml');
    expect((source.data as { case: string }).case).toContain('[[[[ haken');
  });
});

describe('keys', () => {
  it('a duplicate key is an error naming the key, at the second one', async () => {
    const text = BASE.replace('version: "1.0.0"\n', 'version: "1.0.0"\nid: vijandig\n');
    expect(() => parseYaml(text, 'dup.yaml')).toThrow('key "id" appears twice in the same map');
    await rejectedByShow('duplicate', text, /vijandig\.yaml:4:1: key "id" appears twice in the same map/);
  });

  it('keys that JavaScript would merge (1 and "1") count as duplicates', () => {
    const text = ANSWERS.replace('answers:\n', 'answers:\n  1: {answer: ja}\n  "1": {answer: nee}\n');
    const error = parseError(text, 'answers.yaml');
    expect(error.message).toBe('key "1" appears twice in the same map');
    expect(error.position).toEqual({ file: 'answers.yaml', line: 5, col: 3 });
  });

  // How fast is for `npm run bench`, not for a timed test: here, that it is read whole and reported.
  it('a map with 50,000 keys is read whole, and show names the first unknown keys', async () => {
    const keys = Array.from({ length: 50_000 }, (_, i) => `k${i}: v`).join('\n');
    const source = parseYaml(`${keys}\n`, 'keys.yaml');
    expect(Object.keys(source.data as object)).toHaveLength(50_000);
    await rejectedByShow('many-keys', `${BASE}${keys}\n`, /unknown key\(s\): k0, k1, k2, k3, k4, …$/m);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('the key %s is refused wherever it stands, and pollutes nothing', (key) => {
    for (const text of [
      BASE.replace('kind: dilemma\n', `kind: dilemma\n${key}: {polluted: true}\n`),
      BASE.replace('title: Titel van het dilemma', `title: {nl: Titel, ${key}: {polluted: true}}`),
      ANSWERS.replace('answers:\n', `answers:\n  ${key}: {answer: ja}\n`),
    ]) {
      const error = parseError(text, 'x.yaml');
      expect(error.code).toBe('yaml-reserved-key');
      expect(error.message).toBe(`key "${key}" is not allowed`);
      expect(error.position?.line).toBeGreaterThan(1);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('reserved keys through the CLI: in a dilemma (show) and in an answers file (walk), exit 2 and no record', async () => {
    await rejectedByShow('proto', BASE.replace('kind: dilemma\n', 'kind: dilemma\n__proto__: {kind: kader}\n'), /vijandig\.yaml:2:1: key "__proto__" is not allowed/);
    const answers = join(ws.cwd, 'constructor.yaml');
    writeFileSync(answers, ANSWERS.replace('answers:\n', 'answers:\n  constructor: {answer: ja}\n'));
    const before = readFileSync(answers);
    expectCleanFailure(await timedCli(['--lang', 'en', 'walk', '--no-sign', '--answers', 'constructor.yaml'], ws), 2, /constructor\.yaml:4:3: key "constructor" is not allowed/);
    expect(readFileSync(answers)).toEqual(before);
    expect(existsSync(join(ws.cwd, 'records'))).toBe(false);
  });

  it('the same words as values are plain data', () => {
    const source = parseYaml('title: __proto__\ncase: constructor\n', 'x.yaml');
    expect(source.data).toEqual({ title: '__proto__', case: 'constructor' });
    expect(Object.getPrototypeOf(source.data)).toBe(Object.prototype);
  });

  // `constructor` is a valid id (idSchema) and can stand as a node id, a value the key check does not see.
  let constructorWalk: { dilemma: LoadedDilemma; state: WalkState } | undefined;
  it('a node whose id is "constructor" loads and walks', () => {
    const dir = join(ws.cwd, 'constructor-node');
    mkdirSync(dir);
    const text = BASE.replace('next: eind}\n      - {id: nee', 'next: constructor}\n      - {id: nee').replace(
      '  - id: eind\n',
      '  - id: constructor\n    kind: single\n    text: Tweede vraag\n    options:\n      - {id: a, label: A, next: eind}\n      - {id: b, label: B, next: eind}\n  - id: eind\n',
    );
    const withAfspraak = `${text}afspraak: {fictitious: true, outcome: eind, answers: {vraag: nee}, rationale: Omdat., date: "2026-01-01", by: Iemand}\n`;
    writeFileSync(join(dir, 'vijandig.yaml'), withAfspraak);
    const dilemma = loadDilemma(join(dir, 'vijandig.yaml'), false, () => undefined);
    const state = replay(dilemma.tree, new Map([['vraag', { answer: 'ja' }], ['constructor', { answer: 'a' }]]));
    expect(state.at).toBe('eind');
    constructorWalk = { dilemma, state };
  });

  // KNOWN BUG, reported: afspraak.ts and render.ts read `afspraak.answers[node]` from a plain object,
  // so a node named "constructor" finds Object.prototype.constructor and rendering the record throws
  // a TypeError (exit 1, "unexpected error"). Turn into a plain `it` once fixed.
  it('...and its record renders', () => {
    if (!constructorWalk) return; // the test above failed; do not let this one pass for it
    const { dilemma, state } = constructorWalk;
    const record = buildRecord({ dilemma, state, author: { name: 'T', role: 'r', domain: 'zorg', organisation: 'o' }, language: 'nl', now: new Date(0), shortId: 'x' });
    expect(() => renderRecord(record, dilemma, loadTemplate())).not.toThrow();
  });

  it('a list or map as a key is refused', () => {
    expect(() => parseYaml('? [a, b]\n: x\n', 'x.yaml')).toThrow('a key must be a plain value, not a list, map or alias');
  });
});

describe('tags', () => {
  it.each([
    ['!!js/function', 'title: !!js/function "function () { return process.exit(3) }"'],
    ['!!js/undefined', 'title: !!js/undefined ""'],
    ['!!js/regexp', 'title: !<tag:yaml.org,2002:js/regexp> /x/'],
    ['!!binary', 'title: !!binary aGVsbG8='],
    ['!!python/object', 'title: !!python/object:os.system [ls]'],
    ['!!set', 'title: !!set {a, b}'],
    ['!!omap', 'title: !!omap [a: 1]'],
    ['!!timestamp', 'title: !!timestamp 2026-01-01'],
    ['!custom', 'title: !custom Titel'],
  ])('%s is refused at the tag', (tag, line) => {
    const error = parseError(BASE.replace('title: Titel van het dilemma', line), 'tag.yaml');
    expect(error.code).toBe('yaml-tag');
    expect(error.message).toMatch(/^tag !\S* is not allowed$/);
    expect(error.position).toEqual({ file: 'tag.yaml', line: 5, col: 8 });
  });

  it('through the CLI: exit 2 with the tag and its place', async () => {
    await rejectedByShow('js-function', BASE.replace('title: Titel van het dilemma', 'title: !!js/function "function () {}"'), /vijandig\.yaml:5:8: tag !!js\/function is not allowed/);
  });

  it('the core tags (!!str, !!int) are plain data', () => {
    expect(parseYaml('a: !!str 1.0\nb: !!int "3"\n', 'x.yaml').data).toEqual({ a: '1.0', b: 3 });
  });
});

describe('documents, sizes, encodings, line endings, tabs', () => {
  it('a second document is refused at its ---', async () => {
    await rejectedByShow('two-docs', `${BASE}---\nkind: kader\n`, /vijandig\.yaml:19:1: more than one YAML document in one file/);
    expect(() => parseYaml(`${BASE}...\n---\nkind: kader\n`, 'x.yaml')).toThrow('more than one YAML document');
  });

  it('a 50 MB file fails fast, from its size alone', async () => {
    const dir = join(ws.cwd, 'huge');
    mkdirSync(dir);
    const path = join(dir, 'vijandig.yaml');
    const fd = openSync(path, 'w');
    writeSync(fd, BASE);
    writeSync(fd, Buffer.alloc(8 * 1024 * 1024, '# opvulling\n'));
    ftruncateSync(fd, 50 * 1024 * 1024);
    closeSync(fd);
    const started = performance.now();
    expect(() => parseTreeFile(path)).toThrow(expect.objectContaining({ code: 'file-too-large' }));
    expect(performance.now() - started).toBeLessThan(1000);
    const before = snapshot(dir);
    expectCleanFailure(await timedCli(['--lang', 'en', 'show', './huge/vijandig.yaml'], ws), 2, /vijandig\.yaml: larger than 2 MB/);
    expect(snapshot(dir)).toEqual(before);
    rmSync(path);
  });

  it('a FIFO, a device or a folder is refused at once instead of read (no hang)', () => {
    const dir = join(ws.cwd, 'special');
    mkdirSync(dir);
    execFileSync('mkfifo', [join(dir, 'vijandig.yaml')]);
    expectCleanFailure(timedBinary(['--lang', 'en', 'show', './special/vijandig.yaml'], ws), 2, /not a regular file/);
    expectCleanFailure(timedBinary(['--lang', 'en', 'walk', 'vijandig', '--no-sign', '--answers', './special/vijandig.yaml'], ws), 2, /not a regular file/);
    expectCleanFailure(timedBinary(['--lang', 'en', 'walk', 'vijandig', '--no-sign', '--answers', '/dev/zero'], ws), 2, /\/dev\/zero: not a regular file/);
    mkdirSync(join(dir, 'map.yaml'));
    expectCleanFailure(timedBinary(['--lang', 'en', 'walk', 'vijandig', '--no-sign', '--answers', './special/map.yaml'], ws), 2, /not a regular file/);
    expect(readUtf8Limited('/dev/zero', 1024)).toEqual({ problem: 'not-a-file' });
  });

  it.each([
    ['a stray 0xFF byte', Buffer.from([0xff, 0xfe])],
    ['an overlong encoding', Buffer.from([0xc0, 0xaf])],
    ['an encoded surrogate', Buffer.from([0xed, 0xa0, 0x80])],
    ['a sequence cut off at the end', Buffer.from([0xe2, 0x82])],
  ])('invalid UTF-8 (%s) is refused before parsing', async (_name, bytes) => {
    const name = `utf8-${bytes.toString('hex')}`;
    await rejectedByShow(name, Buffer.concat([Buffer.from(BASE.replace('Een fictieve casus.', '"Een casus ')), bytes, Buffer.from('"\n')]), /vijandig\.yaml: not valid UTF-8 text/);
  });

  it('a byte order mark and CRLF line endings load fine', async () => {
    const dir = join(ws.cwd, 'bom-crlf');
    mkdirSync(dir);
    writeFileSync(join(dir, 'vijandig.yaml'), '\uFEFF' + BASE.replace(/\n/g, '\r\n'));
    const result = await timedCli(['--lang', 'en', 'show', './bom-crlf/vijandig.yaml'], ws);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('Titel van het dilemma');
    expect(result.stdout).not.toContain('\r');
    const loaded = loadDilemma(join(dir, 'vijandig.yaml'), false, () => undefined);
    expect(loaded.file.case).toBe('Een fictieve casus.');
  });

  it('with a BOM and CRLF, an error still points at the right line and column', async () => {
    const broken = BASE.replace('version: "1.0.0"', 'version: 1.0').replace('title: Titel van het dilemma', 'title:   !!binary eA==');
    for (const text of [broken, '\uFEFF' + broken.replace(/\n/g, '\r\n')]) {
      expect(() => parseYaml(text, 'x.yaml')).toThrow(expect.objectContaining({ code: 'yaml-tag', position: { file: 'x.yaml', line: 5, col: 10 } }));
    }
    await rejectedByShow('crlf-error', '\uFEFF' + BASE.replace('version: "1.0.0"', 'version: 1.0').replace(/\n/g, '\r\n'), /vijandig\.yaml:3:10: version: /);
  });

  it('a tab used as indentation is an error with its position; a tab inside a value is text', async () => {
    await rejectedByShow('tabs', BASE.replace('    kind: single', '\tkind: single'), /vijandig\.yaml:10:1: a tab used as indentation/);
    expect(parseYaml('title: "a\tb"\ncase:\tx\n', 'x.yaml').data).toEqual({ title: 'a\tb', case: 'x' });
  });

  it('raw control characters in the file are text, shown inert', async () => {
    const dir = join(ws.cwd, 'raw-control');
    mkdirSync(dir);
    writeFileSync(join(dir, 'vijandig.yaml'), BASE.replace('Een fictieve casus.', 'Een \u0000 casus \u001b[2J\u0007.'));
    const result = await timedCli(['--lang', 'en', 'show', './raw-control/vijandig.yaml'], ws);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('Een  casus .');
    expect(result.stdout).not.toMatch(RAW_CONTROL);
  });
});
