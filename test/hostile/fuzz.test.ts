import fc from 'fast-check';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_DIR, Catalog } from '../../src/dilemma/catalog.js';
import { loadDilemma, loadKader, parseTreeFile } from '../../src/dilemma/load.js';
import type { LoadedDilemma } from '../../src/dilemma/model.js';
import { LeertuinError } from '../../src/errors.js';
import { setLanguage } from '../../src/i18n/index.js';
import { buildRecord } from '../../src/record/build.js';
import { readFrontMatter, RecordFormatError, splitRecord } from '../../src/record/parse.js';
import { loadTemplate, renderRecord } from '../../src/record/render.js';
import { appendSignature, RECORD_NAMESPACE, reviewNote } from '../../src/record/signature.js';
import { fingerprint, generateSigningKey, parseAllowedSigners, publicKeyLine } from '../../src/signing/index.js';
import { STATUSES, verifyRecord, type VerifyContext } from '../../src/verify/verify.js';
import { afspraakChooser, AUTHOR, walkDilemma } from '../unit/helpers.js';

/** Each property's runs; all of them together stay well under 20 s. LEERTUIN_FUZZ_RUNS=20000 fuzzes longer, locally. */
const NUM_RUNS = Number(process.env.LEERTUIN_FUZZ_RUNS) || 300;
/**
 * One run is a single file or record; anything near this is a hang in the making. (The first run
 * in a worker also loads the YAML parser and zod: see the warm-up in beforeAll.)
 */
const RUN_BOUND_MS = 5000;

const catalog = new Catalog([]);
const BUNDLED = [
  ...readdirSync(BUNDLED_DIR).filter((f) => f.endsWith('.yaml')).map((f) => ({ path: join(BUNDLED_DIR, f), kind: 'dilemma' as const })),
  ...readdirSync(join(BUNDLED_DIR, 'kaders')).map((f) => ({ path: join(BUNDLED_DIR, 'kaders', f), kind: 'kader' as const })),
].map((file) => ({ ...file, name: file.path.slice(file.path.lastIndexOf('/') + 1), text: readFileSync(file.path, 'utf8') }));

/** Characters that mean something to YAML, and some that mean trouble anywhere. */
const YAML_BITS = ['-', '- ', ':', ': ', '[', ']', '{', '}', ',', '&a ', '*a', '!', '!!js/function ', '!!binary ', '#', '"', "'", '|', '>', '?', '\t', '\n', '\r\n', '---\n', '...\n', '%YAML 1.2\n', '\uFEFF', '__proto__: ', 'constructor: ', '<<: ', '\u0000', '\u001b[2J', '\u202e', '\ud800', 'id: ', 'kind: dilemma\n', 'kind: kader\n', '    ', '~', 'null', '0x1f', '1e999', '.inf'];

/**
 * Any code point but a surrogate: fast-check's `unit: 'binary'`, the same index to the same
 * character, and the same unmapping (so the strings still get fast-check's dangerous slices, such
 * as `__proto__`). Written out because fast-check builds that unmapping as a table of all 1.1
 * million code points, about 1 s in every worker that fuzzes.
 */
const SURROGATES = 0x800;
const anyCodePoint = fc.nat({ max: 0x10ffff - SURROGATES }).map(
  (index) => String.fromCodePoint(index < 0xd800 ? index : index + SURROGATES),
  (value) => {
    const point = typeof value === 'string' ? value.codePointAt(0) : undefined;
    if (point === undefined || String.fromCodePoint(point) !== value || (point >= 0xd800 && point <= 0xdfff)) throw new Error('not one code point');
    return point < 0xd800 ? point : point - SURROGATES;
  },
);
const unicode = fc.string({ unit: anyCodePoint, maxLength: 6 });
const yamlBits = fc.string({ unit: fc.constantFrom(...YAML_BITS), maxLength: 6 });

const mutation = fc.record({
  kind: fc.constantFrom('delete-line', 'duplicate-line', 'swap-lines', 'flip-char', 'insert', 'truncate'),
  a: fc.nat(),
  b: fc.nat(),
  text: fc.oneof(unicode, yamlBits),
});
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const i = m.a % lines.length;
  const j = m.b % lines.length;
  switch (m.kind) {
    case 'delete-line':
      lines.splice(i, 1);
      return lines.join('\n');
    case 'duplicate-line':
      lines.splice(i, 0, lines[i]!);
      return lines.join('\n');
    case 'swap-lines':
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      return lines.join('\n');
    case 'flip-char': {
      const at = m.a % Math.max(text.length, 1);
      return text.slice(0, at) + (m.text.slice(0, 1) || 'x') + text.slice(at + 1);
    }
    case 'insert': {
      const at = m.a % (text.length + 1);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'truncate':
      return text.slice(0, m.a % (text.length + 1));
  }
}

const mutations = fc.array(mutation, { minLength: 1, maxLength: 5 });

/** Runs `fn` and says how it ended: a result, an expected error, or (a failure) anything else. */
function outcome(fn: () => unknown, expected: (error: unknown) => boolean): 'ok' | 'expected-error' {
  const started = performance.now();
  try {
    fn();
    return 'ok';
  } catch (error) {
    if (!expected(error)) throw error;
    return 'expected-error';
  } finally {
    expect(performance.now() - started).toBeLessThan(RUN_BOUND_MS);
  }
}

const isLeertuinError = (error: unknown) => error instanceof LeertuinError;
const isRecordFormatError = (error: unknown) => error instanceof RecordFormatError;

let tmp: string;
beforeAll(() => {
  setLanguage('en');
  tmp = mkdtempSync(join(tmpdir(), 'leertuin-fuzz-'));
  // Loading the parser and the schemas is no part of a run: on a busy machine it took 2.5 s.
  for (const file of BUNDLED) parseTreeFile(file.path);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the dilemma loader under random and mutated YAML', () => {
  /** Loads `text` as the file `name` (the id must match it), the way the catalog would (both loaders begin with parseTreeFile). */
  function load(name: string, kind: 'dilemma' | 'kader', text: string | Uint8Array): void {
    const path = join(tmp, name);
    writeFileSync(path, text);
    if (kind === 'kader') loadKader(path, false);
    else loadDilemma(path, false, (id) => catalog.kader(id));
  }

  it('mutated bundled files load or fail with a LeertuinError, never anything else', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(fc.constantFrom(...BUNDLED), mutations, (file, ms) => {
        const text = ms.reduce(mutate, file.text);
        seen.add(outcome(() => load(file.name, file.kind, text), isLeertuinError));
      }),
      { numRuns: NUM_RUNS },
    );
    // Mutations are mostly fatal, but some (a swapped or duplicated blank line) are not.
    expect(seen).toContain('expected-error');
  });

  it('random YAML-ish text and random bytes fail with a LeertuinError, never anything else', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: fc.constantFrom(...YAML_BITS, 'a', 'b', ' ', '  ', '1', 'ja'), maxLength: 80 }),
          fc.string({ unit: anyCodePoint, maxLength: 200 }),
          fc.uint8Array({ maxLength: 300 }),
        ),
        (content) => {
          outcome(() => load('willekeurig.yaml', 'dilemma', content), isLeertuinError);
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('the record parser and verifier under random bytes and mutated records', () => {
  const key = generateSigningKey();
  const principal = 'fuzz@voorbeeld.nl';
  let records: string[] = [];
  let context: VerifyContext;

  beforeAll(async () => {
    const dilemmas: LoadedDilemma[] = ['zvh-alles-delen', 'verward-gedrag-huisarts'].map((id) => catalog.dilemma(id));
    const make = (dilemma: LoadedDilemma, signer?: { principal: string; key: string }) =>
      renderRecord(
        buildRecord({
          dilemma,
          state: walkDilemma(dilemma, afspraakChooser(dilemma), (node) => `Fictieve motivatie bij ${node}.`),
          author: AUTHOR,
          language: 'nl',
          now: new Date('2026-11-23T10:00:00Z'),
          shortId: 'fuzz01',
          ...(signer ? { signer } : {}),
        }),
        dilemma,
        loadTemplate(),
      );
    const signer = { principal, key: fingerprint(key.publicKey) };
    records = [make(dilemmas[0]!), await appendSignature(make(dilemmas[1]!, signer), key.signingKey)];
    const review = reviewNote({ principal, key: signer.key, name: 'Fictieve FG', role: 'FG', verdict: 'agree', created: '2026-11-24T10:00:00Z' }, 'Akkoord.', '## Beoordeling');
    records.push(await appendSignature(records[1]! + review, key.signingKey));
    const trust = parseAllowedSigners(`${principal} namespaces="${RECORD_NAMESPACE}" ${publicKeyLine(key.publicKey)}\n`, 'allowed_signers').entries;
    context = { allowedSigners: trust, findTree: (record) => dilemmas.find((d) => d.pin.sha256 === record.dilemma.sha256)?.tree };
    // The unmutated records are what they should be, so the properties start from real records.
    expect(records.map((r) => verifyRecord(r, context).status)).toEqual(['unsigned', 'ok', 'ok']);
  });

  /** splitRecord and readFrontMatter end in a result or a RecordFormatError; verifyRecord always gives a verdict, returned. */
  function check(text: string): string {
    outcome(() => readFrontMatter(splitRecord(text)), isRecordFormatError);
    outcome(() => readFrontMatter(splitRecord(text), { fast: false }), isRecordFormatError);
    let status = '';
    outcome(() => {
      const verdict = verifyRecord(text, context);
      expect(STATUSES).toContain(verdict.status);
      if (verdict.status === 'malformed') expect(verdict.reason).toBeTruthy();
      status = verdict.status;
    }, () => false);
    return status;
  }

  it('mutated real records', () => {
    const statuses = new Set<string>();
    fc.assert(
      fc.property(fc.nat(), mutations, (which, ms) => {
        const text = ms.reduce(mutate, records[which % records.length]!);
        statuses.add(check(text));
      }),
      { numRuns: NUM_RUNS },
    );
    expect(statuses.size).toBeGreaterThan(1);
  });

  it('random bytes and strings', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes).toString('utf8')),
          fc.string({ unit: anyCodePoint, maxLength: 200 }),
          fc.string({ unit: fc.constantFrom(...YAML_BITS, '---\n', '<!-- leertuin-signature\n', '-->\n', '-----BEGIN SSH SIGNATURE-----\n', '-----END SSH SIGNATURE-----\n', 'AAAA\n'), maxLength: 40 }),
        ),
        (text) => {
          check(text);
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });
});
