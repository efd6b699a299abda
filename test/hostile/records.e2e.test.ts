import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SIGNATURE_MARKER } from '../../src/record/model.js';
import { timedBinary } from './binary.js';
import { expectCleanFailure, RAW_CONTROL, snapshot, TIME_BOUND_MS, timedCli, workspace } from './helpers.js';

const ANSWERS = `dilemma: verward-gedrag-huisarts
author: {name: Test Persoon, role: huisarts, domain: zorg, organisation: Praktijk Noord}
answers:
  persoonsgegeven: {answer: nee, motivation: "Besproken zonder iets herkenbaars."}
`;

interface Verdict {
  file: string;
  status: string;
  code?: string;
  reason?: string;
}

let ws: ReturnType<typeof workspace>;
/** A real unsigned record and a real signed one, written by the command line. */
let unsigned: string;
let signed: string;

beforeAll(async () => {
  ws = workspace();
  ws.env = { ...ws.env, SOURCE_DATE_EPOCH: '1795428000', LEERTUIN_RECORD_ID: 'vast01' };
  writeFileSync(join(ws.cwd, 'answers.yaml'), ANSWERS);
  const keygen = await timedCli(['keygen', '--principal', 'arts@voorbeeld.nl'], ws);
  expect(keygen.status, keygen.stderr).toBe(0);
  writeFileSync(join(ws.cwd, 'allowed_signers'), keygen.stdout);
  const walkUnsigned = await timedCli(['walk', '--no-sign', '--answers', 'answers.yaml', '--out', 'plain'], ws);
  expect(walkUnsigned.status, walkUnsigned.stderr).toBe(0);
  unsigned = readFileSync(walkUnsigned.stdout.trim(), 'utf8');
  const walkSigned = await timedCli(['walk', '--answers', 'answers.yaml', '--out', 'signed'], ws);
  expect(walkSigned.status, walkSigned.stderr).toBe(0);
  signed = readFileSync(walkSigned.stdout.trim(), 'utf8');
});

function frontMatterOf(record: string): { frontMatter: string; body: string } {
  const end = record.indexOf('\n---\n', 3);
  return { frontMatter: record.slice(4, end + 1), body: record.slice(end + 5) };
}

/** Writes each case as a record in a fresh folder, verifies the folder, and returns the verdicts by name. */
async function verifyAll(folder: string, cases: Record<string, string | Buffer>): Promise<Record<string, Verdict>> {
  const dir = join(ws.cwd, folder);
  mkdirSync(dir);
  for (const [name, text] of Object.entries(cases)) writeFileSync(join(dir, `${name}.md`), text);
  const before = snapshot(dir);
  const human = await timedCli(['--lang', 'en', 'verify', folder], ws);
  expectCleanFailure(human, 1);
  const json = await timedCli(['--lang', 'en', 'verify', folder, '--json'], ws);
  expect(json.status, json.stderr).toBe(1);
  expect(snapshot(dir)).toEqual(before);
  const doc = JSON.parse(json.stdout) as { results: Verdict[] };
  return Object.fromEntries(doc.results.map((r) => [r.file.slice(dir.length + 1, -'.md'.length), r]));
}

describe('records that break the format, through `leertuin verify`', () => {
  it('front matter ending early, not closed, missing fields, two front matters, wrong start', async () => {
    const { frontMatter, body } = frontMatterOf(unsigned);
    const lines = frontMatter.split('\n');
    const verdicts = await verifyAll('format', {
      'ends-early': `---\n${lines.slice(0, 3).join('\n')}\n---\n${lines.slice(3).join('\n')}---\n${body}`,
      'not-closed': `---\n${frontMatter}${body.replace(/^---$/gm, '- - -')}`,
      'missing-author': `---\n${frontMatter.replace(/^author:\n(?: {2}.*\n)+/m, '')}---\n${body}`,
      'missing-outcome': `---\n${frontMatter.replace(/^outcome:\n(?: {2}.*\n)+/m, '')}---\n${body}`,
      'two-front-matters': `---\n${frontMatter}---\n---\n${frontMatter.replace('Test Persoon', 'Iemand Anders')}---\n${body}`,
      'two-front-matters-blank-line': `---\n${frontMatter}---\n\n---\nleertuin: 1\n---\n${body}`,
      'no-front-matter': body,
      'empty-front-matter': `---\n---\n${body}`,
    });
    const malformed = (name: string, reason: RegExp) => {
      expect(verdicts[name], name).toMatchObject({ status: 'malformed' });
      expect(verdicts[name]!.reason, name).toMatch(reason);
    };
    malformed('ends-early', /^front matter dilemma: /);
    malformed('not-closed', /front matter is not closed with ---/);
    malformed('missing-author', /^front matter author: /);
    malformed('missing-outcome', /^front matter outcome: /);
    malformed('two-front-matters', /^line \d+: a second front matter \(---\) follows the first$/);
    malformed('two-front-matters-blank-line', /a second front matter/);
    malformed('no-front-matter', /does not start with front matter/);
    malformed('empty-front-matter', /^front matter leertuin: /);
  });

  it('YAML attacks in the front matter are malformed, quickly', async () => {
    const { frontMatter, body } = frontMatterOf(unsigned);
    const withFront = (front: string) => `---\n${front}---\n${body}`;
    const manyKeys = `# a comment, so the fast reader hands over to the full parser\n${Array.from({ length: 60_000 }, (_, i) => `k${i}: "v"`).join('\n')}\n`;
    const verdicts = await verifyAll('yaml', {
      duplicate: withFront(frontMatter.replace('language: "nl"\n', 'language: "nl"\nlanguage: "en"\n')),
      'duplicate-slow-path': withFront(`# comment\n${frontMatter.replace('language: "nl"\n', 'language: "nl"\nlanguage: "en"\n')}`),
      proto: withFront(`__proto__: {unsigned: true}\n${frontMatter}`),
      constructor: withFront(`${frontMatter}constructor: {x: 1}\n`),
      alias: withFront(frontMatter.replace('language: "nl"', 'language: &l "nl"\nx: *l')),
      bomb: withFront(`a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n`),
      deep: withFront(`a: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`),
      tag: withFront(frontMatter.replace('language: "nl"', 'language: !!js/function "nl"')),
      'many-keys': withFront(manyKeys),
    });
    expect(verdicts.duplicate).toMatchObject({ status: 'malformed', reason: expect.stringMatching(/language/) });
    expect(verdicts['duplicate-slow-path']).toMatchObject({ status: 'malformed', reason: expect.stringMatching(/key "language" appears twice/) });
    expect(verdicts.proto).toMatchObject({ status: 'malformed', reason: expect.stringMatching(/key "__proto__" is not allowed/) });
    expect(verdicts.constructor).toMatchObject({ status: 'malformed', reason: expect.stringMatching(/constructor/) });
    expect(verdicts.alias).toMatchObject({ status: 'malformed', reason: expect.stringMatching(/aliases \(\*name\) are not allowed/) });
    expect(verdicts.bomb).toMatchObject({ status: 'malformed', reason: expect.stringMatching(/alias/) });
    expect(verdicts.deep).toMatchObject({ status: 'malformed', reason: expect.stringMatching(/^line 2: front matter: nested deeper than 64 levels$/) });
    expect(verdicts.tag).toMatchObject({ status: 'malformed', reason: expect.stringMatching(/tag !!js\/function is not allowed/) });
    expect(verdicts['many-keys']).toMatchObject({ status: 'malformed' });
  });

  it('a record over 1 MB is malformed without being parsed', async () => {
    const verdicts = await verifyAll('huge', { huge: unsigned + `${'Een lange regel tekst. '.repeat(40)}\n`.repeat(1200) });
    expect(verdicts.huge).toMatchObject({ status: 'malformed', code: 'too-large', reason: 'larger than 1 MB' });
  });

  it('not UTF-8, and a FIFO named as a record: malformed, no hang', () => {
    const dir = join(ws.cwd, 'special');
    mkdirSync(dir);
    writeFileSync(join(dir, 'latin1.md'), Buffer.from(unsigned.replace('Test Persoon', 'Test P\u00e9rsoon'), 'latin1'));
    execFileSync('mkfifo', [join(dir, 'fifo.md')]);
    const result = timedBinary(['--lang', 'en', 'verify', 'special/latin1.md', 'special/fifo.md', '--json'], ws);
    expect(result.status).toBe(1);
    expect(result.ms).toBeLessThan(TIME_BOUND_MS);
    const doc = JSON.parse(result.stdout) as { results: Verdict[] };
    expect(doc.results.map((r) => [r.status, r.code])).toEqual([
      ['malformed', 'not-utf8'],
      ['malformed', 'not-a-file'],
    ]);
  });
});

describe('Markdown that imitates a signature block', () => {
  const fakeArmor = '-----BEGIN SSH SIGNATURE-----\nU1NIU0lHAAAAAQAAADMAAAALc3NoLWVkMjU1MTkAAAAg\n-----END SSH SIGNATURE-----\n';

  it('in an unsigned record: any block that is not a real signature makes it malformed', async () => {
    const verdicts = await verifyAll('imitation', {
      'junk-in-block': `${unsigned}${SIGNATURE_MARKER}\nSigned by the board, trust me.\n-->\n`,
      'never-closed': `${unsigned}${SIGNATURE_MARKER}\n${fakeArmor}`,
      'armor-of-nothing': `${unsigned}${SIGNATURE_MARKER}\n${fakeArmor}-->\n`,
      'in-front-matter': unsigned.replace('\n---\n', `\nx: |\n${SIGNATURE_MARKER}\n${fakeArmor}-->\n---\n`),
    });
    expect(verdicts['junk-in-block']).toMatchObject({ status: 'malformed', reason: expect.stringMatching(/signature block does not hold an SSH signature/) });
    expect(verdicts['never-closed']).toMatchObject({ status: 'malformed', reason: expect.stringMatching(/signature block is not closed with -->/) });
    expect(verdicts['armor-of-nothing']).toMatchObject({ status: 'malformed', reason: expect.stringMatching(/^signature 1: /) });
    expect(verdicts['in-front-matter']).toMatchObject({ status: 'malformed', reason: expect.stringMatching(/signature block inside the front matter/) });
  });

  it('after a real signature: an appended block, a copied block, or a near-marker line never passes', async () => {
    const note = '\n## Beoordeling\n\nAkkoord, namens de FG.\n\n';
    const realBlock = signed.slice(signed.indexOf(SIGNATURE_MARKER));
    const verdicts = await verifyAll('after-signature', {
      'appended-fake': `${signed}${note}${SIGNATURE_MARKER}\n${fakeArmor}-->\n`,
      'copied-block': `${signed}${note}${realBlock}`,
      'near-marker': `${signed}${note}<!--  leertuin-signature\n${fakeArmor}-->\n`,
    });
    expect(verdicts['appended-fake']).toMatchObject({ status: 'malformed', reason: expect.stringMatching(/^signature 2: /) });
    // A genuine block over other bytes does not verify: changed after signing.
    expect(verdicts['copied-block']).toMatchObject({ status: 'invalid', reason: expect.stringMatching(/^signature 2: /) });
    expect(verdicts['near-marker']).toMatchObject({ status: 'malformed', reason: expect.stringMatching(/text after the last signature block/) });
  });

  it('a motivation holding a signature block cannot forge one: the record stays one unsigned record', async () => {
    const forged = `Zie hieronder.\n${SIGNATURE_MARKER}\n${fakeArmor}-->\n---\nunsigned: false\n---`;
    writeFileSync(join(ws.cwd, 'forge.yaml'), ANSWERS.replace('"Besproken zonder iets herkenbaars."', JSON.stringify(forged)));
    const walk = await timedCli(['walk', '--no-sign', '--answers', 'forge.yaml', '--out', 'forged'], { ...ws, env: { ...ws.env, LEERTUIN_RECORD_ID: 'forge1' } });
    expect(walk.status, walk.stderr).toBe(0);
    const text = readFileSync(walk.stdout.trim(), 'utf8');
    expect(text.split('\n')).not.toContain(SIGNATURE_MARKER);
    expect(text.split('\n').filter((line) => line === '---')).toHaveLength(2);
    const result = await timedCli(['--lang', 'en', 'verify', walk.stdout.trim(), '--json'], ws);
    expect((JSON.parse(result.stdout) as { results: Verdict[] }).results[0]).toMatchObject({ status: 'unsigned' });
  });
});

describe('what verify prints about a hostile record', () => {
  it('reasons that quote the record are one line without control characters', async () => {
    const { frontMatter, body } = frontMatterOf(unsigned);
    const verdicts = await verifyAll('escapes', {
      'escape-key': `---\n${frontMatter}"\\e[2J\\e]8;;http://evil.example/\\aKEY": 1\n---\n${body}`,
      'escape-tag': `---\n${frontMatter}x: !<\u001b[2J> 1\n---\n${body}`,
    });
    for (const verdict of Object.values(verdicts)) {
      expect(verdict.status).toBe('malformed');
      expect(verdict.reason).not.toMatch(RAW_CONTROL);
    }
    expect(verdicts['escape-key']!.reason).toMatch(/KEY/);
  });
});
