import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { Catalog } from '../../src/dilemma/catalog.js';
import { buildRecord } from '../../src/record/build.js';
import { readFrontMatterFast } from '../../src/record/frontmatter-fast.js';
import { splitRecord } from '../../src/record/parse.js';
import { loadTemplate, renderRecord } from '../../src/record/render.js';
import { RECORD_NAMESPACE, appendSignature } from '../../src/record/signature.js';
import { fingerprint, generateSigningKey, parseAllowedSigners, publicKeyLine } from '../../src/signing/index.js';
import { verifyRecord } from '../../src/verify/verify.js';
import { answer, currentNode, motivationRule, startWalk, type WalkState } from '../../src/walk/engine.js';

const dilemmas = new Catalog([]).dilemmas();
const template = loadTemplate();
const key = generateSigningKey();
const principal = 'snel@voorbeeld.nl';
const trust = parseAllowedSigners(`${principal} namespaces="${RECORD_NAMESPACE}" ${publicKeyLine(key.publicKey)}\n`, 'allowed_signers').entries;

const plainYaml = (text: string): unknown => parseYaml(text, { uniqueKeys: true, maxAliasCount: 0, strict: true, customTags: [], resolveKnownTags: false, logLevel: 'error' });

/** Walks a tree taking option `choice % n` everywhere, with the given motivation text. */
function walk(index: number, motivation: string): { state: WalkState; dilemma: (typeof dilemmas)[number] } {
  const dilemma = dilemmas[index % dilemmas.length]!;
  let state = startWalk(dilemma.tree);
  for (let step = 0; ; step++) {
    const node = currentNode(dilemma.tree, state);
    if (node.kind === 'outcome') return { state, dilemma };
    const given =
      node.kind === 'single' ? node.options[(index + step) % node.options.length]!.id : node.kind === 'multiple' ? [node.options[0]!.id] : node.kind === 'text' ? motivation : null;
    state = answer(dilemma.tree, state, given, motivationRule(node, given) === 'none' ? undefined : motivation);
  }
}

async function record(index: number, motivation: string): Promise<string> {
  const { state, dilemma } = walk(index, motivation);
  const built = buildRecord({
    dilemma,
    state,
    author: { name: 'no', role: 'yes', domain: 'zorg', organisation: '2026-01-01' },
    language: 'nl',
    now: new Date('2026-11-23T10:00:00Z'),
    shortId: `s${index}`,
    signer: { principal, key: fingerprint(key.publicKey) },
  });
  return appendSignature(renderRecord(built, dilemma, template), key.signingKey);
}

const text = fc.string({ unit: fc.oneof(fc.string({ unit: 'grapheme', maxLength: 1 }), fc.constantFrom('\n', '"', '\\', '\u0000', '\u007f', '\u2028', ': ', '- ', '#', '\t')), minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== '');

describe('the fast front matter reader', () => {
  it('reads what the tool writes exactly as the full YAML parser does', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(50), text, async (index, motivation) => {
        const fm = splitRecord(await record(index, motivation)).frontMatter;
        const fast = readFrontMatterFast(fm);
        expect(fast).toBeDefined();
        expect(fast).toEqual(plainYaml(fm));
      }),
      { numRuns: 150 },
    );
  });

  it('on mutated front matter it either agrees with the full parser or steps aside', async () => {
    const fm = splitRecord(await record(3, 'Een motivatie')).frontMatter;
    const lines = fm.split('\n');
    fc.assert(
      fc.property(fc.nat(lines.length - 1), fc.nat(200), fc.string({ maxLength: 6 }), fc.constantFrom('replace', 'insert', 'delete', 'indent', 'dup'), (at, col, insert, how) => {
        const copy = [...lines];
        const line = copy[at]!;
        if (how === 'replace') copy[at] = line.slice(0, col % (line.length + 1)) + insert + line.slice((col % (line.length + 1)) + 1);
        if (how === 'insert') copy[at] = line.slice(0, col % (line.length + 1)) + insert + line.slice(col % (line.length + 1));
        if (how === 'delete') copy.splice(at, 1);
        if (how === 'indent') copy[at] = ' ' + line;
        if (how === 'dup') copy.splice(at, 0, line);
        const mutated = copy.join('\n');
        let plain: unknown;
        let plainThrew = false;
        try {
          plain = plainYaml(mutated);
        } catch {
          plainThrew = true;
        }
        const fast = readFrontMatterFast(mutated);
        if (fast !== undefined) {
          expect(plainThrew).toBe(false);
          expect(fast).toEqual(plain);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('verify gives identical verdicts on the fast and the plain path, tampered records included', async () => {
    const samples: string[] = [];
    for (let i = 0; i < 16; i++) samples.push(await record(i, i % 2 ? 'Gewoon een zin' : 'Met "quotes" en \\ en: dubbele punt'));
    const variants = samples.flatMap((t, i) => [
      t,
      t.replace(/\n/g, '\r\n'),
      t.replace('Gewoon', 'Gewoon!'),
      t.replace('domain: "zorg"', 'domain: zorg'),
      t.replace('language: "nl"', "language: 'nl'"),
      t.replace('leertuin: 1', 'leertuin: 1 # comment'),
      t.replace('  name: "no"', '  name: no'),
      t.replace('path:\n', 'path: # de route\n'),
      t.slice(0, 100 + i * 37) + t.slice(101 + i * 37),
      t + 'naschrift\n',
      t.replace(/^---\n[\s\S]*?\n---\n/, '---\n---\n'),
      t.replace(/^---\n[\s\S]*?\n---\n/, '---\n# niets\n---\n'),
    ]);
    const findTree = (r: { dilemma: { id: string } }) => dilemmas.find((d) => d.pin.id === r.dilemma.id)?.tree;
    for (const variant of variants) {
      const fast = verifyRecord(variant, { allowedSigners: trust, findTree });
      const plain = verifyRecord(variant, { allowedSigners: trust, findTree, fastFrontMatter: false });
      expect(fast).toEqual(plain);
    }
    expect(variants.map((v) => verifyRecord(v, { allowedSigners: trust, findTree }).status)).toContain('ok');
  });
});
