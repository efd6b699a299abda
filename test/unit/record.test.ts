import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYamlText } from 'yaml';
import type { Author } from '../../src/config/config.js';
import { Catalog } from '../../src/dilemma/catalog.js';
import { loadDilemma } from '../../src/dilemma/load.js';
import { localize } from '../../src/dilemma/localize.js';
import type { LoadedDilemma } from '../../src/dilemma/model.js';
import { LeertuinError } from '../../src/errors.js';
import { setLanguage, tIn } from '../../src/i18n/index.js';
import { buildRecord, recordFileName, type RecordInput } from '../../src/record/build.js';
import { makeShortId } from '../../src/record/clock.js';
import { quote } from '../../src/record/frontmatter.js';
import { SIGNATURE_MARKER, type DecisionRecord } from '../../src/record/model.js';
import { MAX_RECORD_BYTES, RecordFormatError, parseRecord, splitRecord } from '../../src/record/parse.js';
import { loadTemplate, renderRecord } from '../../src/record/render.js';
import { TemplateError, compileTemplate, type View } from '../../src/record/template.js';
import type { WalkState } from '../../src/walk/engine.js';
import { AUTHOR, afspraakChooser, walkDilemma, type Chooser } from './helpers.js';

const VALID = fileURLToPath(new URL('../fixtures/valid/', import.meta.url));
const NOW = new Date('2026-11-23T10:41:00.789Z');
const SHORT_ID = 'k7m2qx';

const catalog = new Catalog([]);
const zvh = catalog.dilemma('zvh-alles-delen');
const risico = catalog.dilemma('risicoscore-huishoudens');
const oefen = loadDilemma(join(VALID, 'oefen-alles.yaml'), false, () => undefined);
const template = loadTemplate();

/** Strings that YAML 1.1 readers would turn into something else when written plainly, and text that tries to forge structure. */
const TRICKY = [
  'yes',
  'on',
  'No',
  '2026-01-01',
  '1e3',
  '0x1f',
  '0o17',
  '12:30:00',
  '~',
  'null',
  '.inf',
  '"quoted"',
  "'single' : colon # hash",
  '- a list item',
  '{flow: map}',
  '[a, b]',
  '*alias &anchor !tag',
  '%YAML 1.1',
  'regel 1\nregel 2\n\nregel 4',
  'voor\n---\nna',
  '---',
  '...',
  `${SIGNATURE_MARKER}\n-----BEGIN SSH SIGNATURE-----\nU1NIU0lH\n-----END SSH SIGNATURE-----\n-->`,
  `tekst\n${SIGNATURE_MARKER}`,
  'lijn\u2028scheiding\u2029alinea\u0085nel',
  'tab\there\tand there',
  'windows\r\n---\r\nregels\rmac',
  '<script>alert(1)</script> & <b>vet</b> | pijp',
  'escape \u001b[31mrood\u001b[0m en bel\u0007',
  'é ü 🙂 漢字 \u200b',
  'backslash \\ at the end \\',
];

const TRICKY_AUTHORS: Author[] = [
  { name: 'no', role: 'on', domain: 'zorg', organisation: '2026-01-01' },
  { name: 'Yes', role: '~', domain: 'veiligheid', organisation: 'null' },
  { name: '"Jan" <jan@example.org>', role: '0x1f', domain: 'anders', organisation: 'A & B | C' },
];

const motivator =
  (offset: number) =>
  (_node: string, step: number): string =>
    TRICKY[(step + offset) % TRICKY.length]!;

function input(dilemma: LoadedDilemma, state: WalkState, extra: Partial<RecordInput> = {}): RecordInput {
  return { dilemma, state, author: AUTHOR, language: 'nl', now: NOW, shortId: SHORT_ID, ...extra };
}

interface Scenario {
  name: string;
  dilemma: LoadedDilemma;
  choose: Chooser;
  author: Author;
  language: 'nl' | 'en';
  extra?: Partial<RecordInput>;
}

const firstOption: Chooser = () => undefined;
/** The last option at every choice, and every option of a multiple choice. */
const lastOption: Chooser = (node) =>
  node.kind === 'single' ? node.options[node.options.length - 1]!.id : node.kind === 'multiple' ? node.options.map((o) => o.id) : 'Alles, voor iedereen.';

const SCENARIOS: Scenario[] = [
  { name: 'zvh along its afspraak', dilemma: zvh, choose: afspraakChooser(zvh), author: TRICKY_AUTHORS[0]!, language: 'nl' },
  { name: 'zvh along the first options', dilemma: zvh, choose: firstOption, author: TRICKY_AUTHORS[1]!, language: 'en' },
  { name: 'zvh along the last options', dilemma: zvh, choose: lastOption, author: TRICKY_AUTHORS[2]!, language: 'nl' },
  {
    name: 'zvh with a deviation and identifying data allowed',
    dilemma: zvh,
    choose: lastOption,
    author: AUTHOR,
    language: 'nl',
    extra: { deviation: { decision: 'no\n---', reason: '<!-- leertuin-signature' }, allowIdentifying: 'yes' },
  },
  { name: 'risicoscore along its afspraak', dilemma: risico, choose: afspraakChooser(risico), author: AUTHOR, language: 'en' },
  { name: 'fixture along its afspraak', dilemma: oefen, choose: afspraakChooser(oefen), author: TRICKY_AUTHORS[0]!, language: 'nl' },
  { name: 'fixture along the last options', dilemma: oefen, choose: lastOption, author: TRICKY_AUTHORS[2]!, language: 'en' },
  {
    name: 'fixture signed',
    dilemma: oefen,
    choose: firstOption,
    author: AUTHOR,
    language: 'nl',
    extra: { signer: { principal: 'no', key: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEx3 yes' } },
  },
];

function build(s: Scenario, offset = 0): { record: DecisionRecord; text: string } {
  const state = walkDilemma(s.dilemma, s.choose, motivator(offset));
  const record = buildRecord(input(s.dilemma, state, { author: s.author, language: s.language, ...s.extra }));
  return { record, text: renderRecord(record, s.dilemma, template) };
}

let tmp: string;
beforeAll(() => {
  setLanguage('en');
  tmp = mkdtempSync(join(tmpdir(), 'leertuin-record-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('buildRecord', () => {
  it('pins the dilemma and kader, with a fixed time and id', () => {
    const state = walkDilemma(zvh, afspraakChooser(zvh), () => 'omdat');
    const record = buildRecord(input(zvh, state));
    expect(record.leertuin).toBe(1);
    expect(record.id).toBe('2026-11-23-zvh-alles-delen-k7m2qx');
    expect(recordFileName(record)).toBe('2026-11-23-zvh-alles-delen-k7m2qx.md');
    expect(record.created).toBe('2026-11-23T10:41:00Z');
    expect(record.dilemma).toEqual(zvh.pin);
    expect(record.kader).toEqual(zvh.kader!.pin);
    expect(record.unsigned).toBe(true);
    expect(record.signer).toBeUndefined();
  });

  it('along the afspraak route: the agreed outcome and no differences', () => {
    const state = walkDilemma(zvh, afspraakChooser(zvh), () => 'omdat');
    const record = buildRecord(input(zvh, state));
    expect(record.outcome.id).toBe(zvh.file.afspraak!.outcome);
    expect(record.afspraak).toEqual({ same_outcome: true, differences: [] });
    const agreed = zvh.file.afspraak!.answers;
    for (const entry of record.path) {
      if (agreed[entry.node] !== undefined) expect([entry.node, entry.answer]).toEqual([entry.node, agreed[entry.node]]);
    }
  });

  it('along another route: another outcome and the differing questions', () => {
    const state = walkDilemma(zvh, firstOption, () => 'omdat');
    const record = buildRecord(input(zvh, state));
    expect(record.outcome.id).not.toBe(zvh.file.afspraak!.outcome);
    expect(record.afspraak?.same_outcome).toBe(false);
    expect(record.afspraak?.differences.length).toBeGreaterThan(0);
  });

  it('leaves information nodes out of the path and gives text answers no label', () => {
    const state = walkDilemma(oefen, afspraakChooser(oefen), () => 'omdat');
    const record = buildRecord(input(oefen, state));
    expect(record.path.map((p) => p.node)).toEqual(['doel', 'delen', 'soorten']);
    expect(record.path[0]).toEqual({ node: 'doel', question: 'Wat is het doel?', answer: 'Een concreet doel.' });
    expect(record.path[2]).toMatchObject({ answer: ['gezondheid'], label: 'Gezondheid' });
    expect(record.outcome).toEqual({ id: 'eind-voorwaarden', verdict: 'share-with-conditions', label: 'Delen onder voorwaarden' });
  });

  it('refuses a walk that has not reached an outcome', () => {
    expect(() => buildRecord(input(zvh, { steps: [], at: zvh.tree.start }))).toThrow(/not finished/);
  });

  it('makeShortId uses a lowercase alphabet without look-alikes', () => {
    const id = makeShortId(new Uint8Array([0, 1, 2, 255, 128, 64, 99]));
    expect(id).toMatch(/^[a-hj-km-np-z2-9]{6}$/);
  });
});

describe('render and parse: round trip', () => {
  for (const scenario of SCENARIOS) {
    for (const offset of [0, 7, 19]) {
      it(`${scenario.name} (motivations from ${offset})`, () => {
        const { record, text } = build(scenario, offset);
        const { parsed, record: back } = parseRecord(text);
        expect(back).toEqual(record);
        expect(parsed.signatures).toEqual([]);
        // YAML 1.1 readers read the same values (no yes/no/on booleans, dates or numbers from strings).
        expect(parseYamlText(parsed.frontMatter, { version: '1.1' })).toEqual(record);
        expect(parseYamlText(parsed.frontMatter, { version: '1.2', schema: 'core' })).toEqual(record);
        // Written without anchors, folding or block scalars.
        expect(parsed.frontMatter).not.toMatch(/^[^"]*[&*|>][^"]*$/m);
      });
    }
  }

  it('the front matter is exactly what was built, in schema order', () => {
    const { text } = build(SCENARIOS[0]!);
    const keys = [...text.matchAll(/^([a-z_]+):/gm)].map((m) => m[1]);
    expect(keys).toEqual(['leertuin', 'id', 'dilemma', 'kader', 'created', 'language', 'author', 'path', 'outcome', 'afspraak', 'unsigned']);
    expect(text.startsWith('---\nleertuin: 1\nid: "2026-11-23-zvh-alles-delen-k7m2qx"\n')).toBe(true);
  });

  it('the same inputs give byte-identical output', () => {
    for (const scenario of SCENARIOS) {
      const a = build(scenario, 3).text;
      const b = build(scenario, 3).text;
      expect(Buffer.from(a, 'utf8').equals(Buffer.from(b, 'utf8'))).toBe(true);
    }
  });
});

describe('user text cannot forge structure', () => {
  const lines = (text: string): string[] => text.split('\n');

  for (const scenario of SCENARIOS) {
    it(`${scenario.name}: no extra --- line, no signature marker, no raw CR`, () => {
      for (const offset of [0, 5, 11, 22]) {
        const { text } = build(scenario, offset);
        const all = lines(text);
        const dashes = all.flatMap((line, i) => (line === '---' ? [i] : []));
        expect(dashes).toHaveLength(2);
        expect(dashes[0]).toBe(0);
        expect(all.filter((line) => line.startsWith(SIGNATURE_MARKER) || line.trim() === SIGNATURE_MARKER)).toEqual([]);
        expect(all).not.toContain('-->');
        expect(text).not.toMatch(/\r/);
        expect(text.endsWith('\n')).toBe(true);
        const split = splitRecord(text);
        expect(split.signatures).toEqual([]);
        expect(split.frontMatter.split('\n').length).toBe(dashes[1]!);
      }
    });
  }

  it('HTML, control characters and escapes in motivations are made inert in the body', () => {
    const html = '<script>alert(1)</script> & <b>vet</b> | pijp';
    const state = walkDilemma(oefen, lastOption, () => `${html}\n\u001b[31mrood\u001b[0m\u0007`);
    const record = buildRecord(input(oefen, state));
    const { parsed } = parseRecord(renderRecord(record, oefen, template));
    expect(parsed.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;vet&lt;/b&gt; \\| pijp');
    // The body has no markup at all: the fixture's case text has <b> too.
    expect(parsed.body).not.toMatch(/</);
    expect(parsed.body).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    // The front matter keeps the motivation exactly, escaped.
    expect(record.path.at(-1)?.motivation).toBe(`${html}\n\u001b[31mrood\u001b[0m\u0007`);
  });

  it('motivation lines are quoted in the body, so none can start a line of structure', () => {
    const state = walkDilemma(oefen, lastOption, () => 'eerste\n---\n# kop\n\n<!-- leertuin-signature');
    const body = splitRecord(renderRecord(buildRecord(input(oefen, state)), oefen, template)).body;
    expect(body).toContain('> eerste\n> ---\n> # kop\n>\n> &lt;!-- leertuin-signature');
  });

  it('property: any motivations and author name round-trip and never add structure', () => {
    const unit = fc.oneof(
      { weight: 3, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
      { weight: 2, arbitrary: fc.constantFrom('\n', '\r', '\r\n', '\t', ' ', '---', '...', '<!--', '-->', SIGNATURE_MARKER, '"', "'", '\\', ':', '#', '\u2028', '\u0085') },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)) },
    );
    const text = fc.string({ unit, minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== '');
    // Author fields are one line without control characters (authorSchema); motivations may hold anything.
    const name = text.map((s) => s.trim()).filter((s) => s.length <= 200 && !/[\u0000-\u001f\u007f-\u009f]/.test(s));
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 8 }), name, (motivations, authorName) => {
        const state = walkDilemma(oefen, lastOption, (_node, step) => motivations[step % motivations.length]);
        const record = buildRecord(input(oefen, state, { author: { ...AUTHOR, name: authorName } }));
        const rendered = renderRecord(record, oefen, template);
        const { parsed, record: back } = parseRecord(rendered);
        expect(back).toEqual(record);
        expect(parseYamlText(parsed.frontMatter, { version: '1.1' })).toEqual(record);
        expect(rendered.split('\n').filter((l) => l === '---')).toHaveLength(2);
        expect(rendered.split('\n')).not.toContain(SIGNATURE_MARKER);
        expect(parsed.signatures).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  // The front matter must be YAML that YAML 1.1 readers read the same (DESIGN.md). YAML (1.1 and 1.2)
  // allows only printable characters in a stream: not DEL (U+007F), not C1 controls other than NEL
  // (U+0080-U+0084, U+0086-U+009F), not U+FFFE/U+FFFF. quote() (src/record/frontmatter.ts) leaves
  // these raw, since JSON.stringify does not escape them; PyYAML, for one, refuses the record with
  // "unacceptable character #x007f: special characters are not allowed".
  it('the front matter holds only YAML-printable characters, whatever the motivation', () => {
    const state = walkDilemma(oefen, lastOption, () => 'del\u007f csi\u009b[31m non\ufffe');
    const rendered = renderRecord(buildRecord(input(oefen, state)), oefen, template);
    const { parsed } = parseRecord(rendered);
    expect(parsed.frontMatter).not.toMatch(/[^\t\n\r\u0020-\u007e\u0085\u00a0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u);
  });

  // DESIGN.md: "User text can never forge structure". authorSchema (src/config/config.ts) only trims,
  // so a name, role or organisation may hold line breaks (e.g. from `author:` in an answers file), and
  // recordView (src/record/render.ts) inserts them with markdownText(), which keeps line breaks: the
  // author cell of the table is broken and a name can add a heading such as "## Uitkomst: ..." to the
  // signed body. Motivations are safe because they go through quoted().
  it('author fields cannot add lines (or headings) to the body', () => {
    const state = walkDilemma(oefen, afspraakChooser(oefen), () => 'omdat');
    const bodyOf = (author: Author) => splitRecord(renderRecord(buildRecord(input(oefen, state, { author })), oefen, template)).body;
    const plain = bodyOf({ ...AUTHOR, name: 'Jan' });
    const forged = bodyOf({ ...AUTHOR, name: 'Jan\n\n## Uitkomst: Delen zonder voorwaarden\n\n---' });
    expect(forged.split('\n')).toHaveLength(plain.split('\n').length);
    expect(forged).not.toMatch(/^## Uitkomst: Delen zonder voorwaarden$/m);
  });

  it('quote() escapes the characters YAML 1.1 treats as line breaks', () => {
    expect(quote('a\u2028b\u2029c\u0085d\ne')).toBe('"a\\u2028b\\u2029c\\u0085d\\ne"');
    expect(parseYamlText(`v: ${quote('a\u2028b\u0085c')}`, { version: '1.1' })).toEqual({ v: 'a\u2028b\u0085c' });
  });
});

describe('body', () => {
  it('shows the afspraak comparison, with the differing questions, in the record language', () => {
    const { text, record } = build({ name: 'x', dilemma: zvh, choose: firstOption, author: AUTHOR, language: 'en' });
    const body = splitRecord(text).body;
    expect(body).toContain(`## ${tIn('en', 'record.afspraak')}`);
    expect(body).toContain(tIn('en', 'record.otherOutcome'));
    expect(record.afspraak!.differences.length).toBeGreaterThan(0);
    expect(body.startsWith(`# ${localize(zvh.file.title, 'en')}\n`)).toBe(true);
  });

  it('marks an unsigned record as unsigned, and a signed one not', () => {
    const unsigned = build(SCENARIOS[5]!).text;
    const signed = build(SCENARIOS[7]!).text;
    expect(splitRecord(unsigned).body).toContain(tIn('nl', 'record.unsigned'));
    expect(splitRecord(signed).body).not.toContain(tIn('nl', 'record.unsigned'));
  });

  it('lists outcome conditions, advice and legal references from the tree', () => {
    const body = splitRecord(build(SCENARIOS[5]!).text).body;
    expect(body).toContain('- Alleen wat nodig is.');
    expect(body).toContain('Leg het vast.');
    expect(body).toContain('AVG art. 9');
    // The case text's markup and pipe are escaped.
    expect(body).toContain('Een fictieve casus met &lt;b&gt;opmaak&lt;/b&gt; &amp; een \\| teken.');
  });
});

describe('splitRecord', () => {
  const ARMOR = '-----BEGIN SSH SIGNATURE-----\nU1NIU0lHAAAAAQ==\n-----END SSH SIGNATURE-----\n';
  const block = `${SIGNATURE_MARKER}\n${ARMOR}-->\n`;
  const unsigned = (): string => build(SCENARIOS[5]!).text;

  function formatError(text: string): RecordFormatError {
    try {
      splitRecord(text);
    } catch (error) {
      expect(error).toBeInstanceOf(RecordFormatError);
      return error as RecordFormatError;
    }
    throw new Error('expected a RecordFormatError');
  }

  it('rejects text without front matter', () => {
    const error = formatError('# Besluit\n\nGeen voorwerk.\n');
    expect(error.line).toBe(1);
    expect(error.reason).toMatch(/front matter/);
    expect(formatError('').line).toBe(1);
    expect(formatError(' ---\nleertuin: 1\n---\n').line).toBe(1);
  });

  it('rejects front matter that is not closed', () => {
    expect(formatError('---\nleertuin: 1\nid: "x"\n').reason).toMatch(/not closed/);
    expect(formatError('---\nleertuin: 1\n----\nbody\n').reason).toMatch(/not closed/);
  });

  it('splits a signed record: the block signs everything before it', () => {
    const text = unsigned();
    const split = splitRecord(text + block);
    expect(split.signatures).toHaveLength(1);
    expect(split.signatures[0]!.signedText).toBe(text);
    expect(split.signatures[0]!.armored).toBe(ARMOR);
    expect(split.body).toBe(splitRecord(text).body);
    expect(split.text).toBe(text + block);
  });

  it('a countersignature chain: each block signs all before it, with the note between', () => {
    const text = unsigned();
    const note = '\n## Review\n\nAkkoord.\n';
    const split = splitRecord(text + block + note + block);
    expect(split.signatures.map((s) => s.signedText)).toEqual([text, text + block + note]);
    expect(split.signatures[0]!.note).toBe(text);
    expect(split.signatures[1]!.note).toBe(note);
  });

  it('normalises CRLF and a byte order mark', () => {
    const text = unsigned();
    const split = splitRecord('\uFEFF' + (text + block).replace(/\n/g, '\r\n'));
    expect(split.text).toBe(text + block);
    expect(split.signatures[0]!.signedText).toBe(text);
  });

  it('rejects text after the last signature block, at its line', () => {
    const text = unsigned() + block;
    const error = formatError(text + 'nog iets\n');
    expect(error.reason).toMatch(/after the last signature/);
    expect(error.line).toBe(text.split('\n').length);
    // Blank lines after the block are harmless.
    expect(splitRecord(text + '\n\n').signatures).toHaveLength(1);
  });

  it('rejects a signature block that is not closed, at its marker line', () => {
    const text = unsigned();
    const error = formatError(`${text}${SIGNATURE_MARKER}\n${ARMOR}`);
    expect(error.reason).toMatch(/not closed/);
    expect(error.line).toBe(text.split('\n').length);
  });

  it('rejects a block that does not hold an armored signature', () => {
    const text = unsigned();
    const error = formatError(`${text}${SIGNATURE_MARKER}\nhallo\n-->\n`);
    expect(error.reason).toMatch(/SSH signature/);
    expect(error.line).toBe(text.split('\n').length + 1);
  });

  it('rejects a signed record that does not end with a newline', () => {
    expect(formatError(unsigned() + block.slice(0, -1)).reason).toMatch(/newline/);
  });

  it('rejects a record over the size limit', () => {
    expect(formatError('---\n' + 'x'.repeat(MAX_RECORD_BYTES) + '\n---\n').reason).toMatch(/larger/);
  });

  it('readFrontMatter (through parseRecord) rejects front matter that is not a record', () => {
    expect(() => parseRecord('---\nleertuin: 2\n---\n')).toThrow(RecordFormatError);
    expect(() => parseRecord('---\na: [\n---\n')).toThrow(RecordFormatError);
    const { text } = build(SCENARIOS[0]!);
    expect(() => parseRecord(text.replace('leertuin: 1\n', 'leertuin: 1\nextra: "x"\n'))).toThrow(/extra|unrecognized/i);
  });
});

describe('compileTemplate', () => {
  const render = (source: string, view: View): string => compileTemplate(source)(view);

  function templateError(fn: () => unknown): TemplateError {
    try {
      fn();
    } catch (error) {
      expect(error).toBeInstanceOf(TemplateError);
      return error as TemplateError;
    }
    throw new Error('expected a TemplateError');
  }

  it('inserts values and dotted names', () => {
    expect(render('a {{x}} b {{g.h}} {{n}} {{t}} {{z}}.', { x: 'X', g: { h: 'H' }, n: 3, t: true, z: null })).toBe('a X b H 3 true .');
  });

  it('an unknown field is a TemplateError with its line (at render)', () => {
    const compiled = compileTemplate('eerste\ntweede {{bestaat}}\nderde {{onbekend}}\n');
    const error = templateError(() => compiled({ bestaat: 'ja' }));
    expect(error.line).toBe(3);
    expect(error.message).toBe('unknown field "onbekend"');
    expect(templateError(() => render('\n\n{{g.nee}}', { g: { ja: '1' } })).line).toBe(3);
    expect(templateError(() => render('{{g.h.i}}', { g: { h: 'tekst' } })).message).toMatch(/unknown field/);
  });

  it('a group or list where text belongs is an error', () => {
    expect(templateError(() => render('{{g}}', { g: { h: 'x' } })).message).toMatch(/not text/);
    expect(templateError(() => render('{{#each s}}{{/each}}', { s: 'x' })).message).toMatch(/not a list/);
  });

  it('each repeats with the item in scope, outer names still visible', () => {
    const source = '{{#each items}}[{{name}} {{label}}]{{/each}}';
    expect(render(source, { label: 'L', items: [{ name: 'a' }, { name: 'b', label: 'eigen' }] })).toBe('[a L][b eigen]');
    expect(render(source, { label: 'L', items: [] })).toBe('');
  });

  it('if / else choose on truthiness; an empty list is false', () => {
    const source = '{{#if v}}ja{{else}}nee{{/if}}';
    for (const [v, out] of [
      [true, 'ja'],
      ['x', 'ja'],
      [1, 'ja'],
      [[{ a: 'b' }], 'ja'],
      [false, 'nee'],
      ['', 'nee'],
      [0, 'nee'],
      [null, 'nee'],
      [[], 'nee'],
    ] as Array<[View[string], string]>) {
      expect(render(source, { v })).toBe(out);
    }
    expect(render('{{#if v}}ja{{/if}}', { v: false })).toBe('');
  });

  it('a block tag alone on its line takes the line with it', () => {
    const source = 'begin\n{{#if x}}\n  binnen\n  {{else}}  \nanders\n{{/if}}\n{{#each l}}\n- {{n}}\n{{/each}}\neinde\n';
    expect(render(source, { x: true, l: [{ n: '1' }, { n: '2' }] })).toBe('begin\n  binnen\n- 1\n- 2\neinde\n');
    expect(render(source, { x: false, l: [] })).toBe('begin\nanders\neinde\n');
  });

  it('a tag with text on its line keeps the line', () => {
    expect(render('a {{#if x}}b{{/if}}\nc\n', { x: false })).toBe('a \nc\n');
  });

  it('an unclosed block is an error at the line that opens it', () => {
    const error = templateError(() => compileTemplate('a\n{{#each l}}\nb\n{{#if x}}\nc\n{{/if}}\n'));
    expect(error.line).toBe(2);
    expect(error.message).toMatch(/not closed/);
  });

  it('mismatched, stray and unreadable tags are errors at their line', () => {
    expect(templateError(() => compileTemplate('{{#if x}}\n{{/each}}\n')).line).toBe(2);
    expect(templateError(() => compileTemplate('a\n{{/if}}\n')).line).toBe(2);
    expect(templateError(() => compileTemplate('a\nb\n{{else}}\n')).line).toBe(3);
    expect(templateError(() => compileTemplate('{{#if x}}{{else}}{{else}}{{/if}}')).line).toBe(1);
    expect(templateError(() => compileTemplate('\n{{a b}}')).line).toBe(2);
    expect(templateError(() => compileTemplate('{{#if}}{{/if}}')).line).toBe(1);
    expect(templateError(() => compileTemplate('ok\n{{niet dicht\n')).line).toBe(2);
  });

  it('values are inserted as they are, never parsed as template', () => {
    expect(render('{{x}}', { x: '{{y}} {{#if z}}' })).toBe('{{y}} {{#if z}}');
  });

  it('loadTemplate refuses a template holding the signature marker, and reports template errors with the line', () => {
    const marker = join(tmp, 'marker.md');
    writeFileSync(marker, `# {{title}}\n${SIGNATURE_MARKER}\n`);
    expect(() => loadTemplate(marker)).toThrow(expect.objectContaining({ code: 'template-marker' }));
    const broken = join(tmp, 'broken.md');
    writeFileSync(broken, '# {{title}}\n\n{{#if unsigned}}\n');
    try {
      loadTemplate(broken);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(LeertuinError);
      expect((error as LeertuinError).code).toBe('template-invalid');
      expect((error as LeertuinError).position).toEqual({ file: broken, line: 3 });
    }
  });

  it('renderRecord reports an unknown field in an organisation’s template as template-invalid with the line', () => {
    const custom = join(tmp, 'custom.md');
    writeFileSync(custom, '# {{title}}\n\n{{author.naam}}\n');
    const { record } = build(SCENARIOS[5]!);
    try {
      renderRecord(record, oefen, loadTemplate(custom));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(LeertuinError);
      expect((error as LeertuinError).code).toBe('template-invalid');
      expect((error as LeertuinError).position?.line).toBe(3);
    }
  });
});
