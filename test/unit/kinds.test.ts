import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { LoadedDilemma } from '../../src/dilemma/model.js';
import type { Answer } from '../../src/walk/engine.js';
// The unit tests share their modules (isolate: false), and another file may have built the node
// schema already: this file takes fresh copies, so the kind below comes before the schema.
vi.resetModules();
// And the files after it take fresh copies again, without the kind.
afterAll(() => {
  vi.resetModules();
});
const { defineKind } = await import('../../src/dilemma/kinds/kind.js');
const { allKinds, kindOf, registerKind } = await import('../../src/dilemma/kinds/index.js');
const { loadDilemma } = await import('../../src/dilemma/load.js');
const { setLanguage } = await import('../../src/i18n/index.js');
const { buildRecord } = await import('../../src/record/build.js');
const { parseRecord } = await import('../../src/record/parse.js');
const { loadTemplate, renderRecord } = await import('../../src/record/render.js');
const { ReviewAggregator } = await import('../../src/review/aggregate.js');
const { WalkError, answer, decisions, outcomeOf, startWalk } = await import('../../src/walk/engine.js');
import { AUTHOR } from './helpers.js';

/*
 * A kind that exists only in this test: a scale from 1 to 5 with one way on. It is registered before
 * any tree is read, so the node schema is built with it; no file under src/ knows it.
 */
const POINTS = ['1', '2', '3', '4', '5'];
const scale = defineKind({
  name: 'scale',
  role: 'question',
  tally: 'single',
  freeText: false,
  shape: 'box',
  schema: (p, z) => z.strictObject({ ...p.question, kind: z.literal('scale'), next: p.id }),
  options: () => POINTS.map((id) => ({ id, label: id })),
  successors: (node) => [{ target: node.next, path: ['next'] }],
  taken: (_node, given) => (POINTS.includes(given as string) ? 0 : undefined),
  localizedFields: () => [],
  check: () => [],
  motivationRule: () => 'optional',
  next(node, given) {
    if (typeof given !== 'string') throw new WalkError('wrong-answer-type', node.id);
    if (!POINTS.includes(given)) throw new WalkError('not-an-option', node.id, given);
    return node.next;
  },
  normalize: (_node, given) => given,
  ask: (_node, previous) => ({ prompt: 'select', choices: POINTS.map((id) => ({ value: id, label: id })), ...(typeof previous === 'string' ? { default: previous } : {}) }),
  publicFields: (node) => ({ options: POINTS.map((id) => ({ id, label: id })), next: node.next }),
});
registerKind(scale);

const DILEMMA = `kind: dilemma
id: schaal-proef
version: 1.0.0
languages: [nl]
title: Een verzonnen schaalvraag
case: Een verzonnen casus om een nieuwe soort vraag te proberen.
start: ernst
nodes:
  - id: ernst
    kind: scale
    text: Hoe ernstig is de zorg, van 1 tot 5?
    next: delen
  - id: delen
    kind: single
    text: Deel je?
    options:
      - { id: ja, label: Ja, next: klaar }
      - { id: nee, label: Nee, next: klaar }
  - id: klaar
    kind: outcome
    text: Klaar.
    verdict: delen-mag
`;

function load(): LoadedDilemma {
  const folder = mkdtempSync(join(tmpdir(), 'leertuin-kinds-'));
  const path = join(folder, 'schaal-proef.yaml');
  writeFileSync(path, DILEMMA);
  return loadDilemma(path, false, () => undefined);
}

function walk(dilemma: LoadedDilemma, point: Answer, motivation?: string) {
  let state = startWalk(dilemma.tree);
  state = answer(dilemma.tree, state, point, motivation);
  return answer(dilemma.tree, state, 'ja');
}

describe('a kind added in one file', () => {
  setLanguage('nl');
  const dilemma = load();
  const node = dilemma.tree.nodes.get('ernst')!;

  it('is part of the node schema: a tree with it loads, and its fields are checked like any other', () => {
    expect(allKinds().map((k) => k.name)).toEqual(['single', 'multiple', 'text', 'info', 'outcome', 'scale']);
    expect(node).toMatchObject({ kind: 'scale', next: 'delen' });
    const folder = mkdtempSync(join(tmpdir(), 'leertuin-kinds-'));
    writeFileSync(join(folder, 'fout.yaml'), DILEMMA.replace('    next: delen\n', '    next: delen\n    options: []\n'));
    expect(() => loadDilemma(join(folder, 'fout.yaml'), false, () => undefined)).toThrow(/options/);
  });

  it('walks through the engine, which checks its answers', () => {
    const state = walk(dilemma, '4', 'Vrij ernstig.');
    expect(outcomeOf(dilemma.tree, state)?.id).toBe('klaar');
    expect(decisions(dilemma.tree, state)).toEqual([
      { node: 'ernst', answer: '4', motivation: 'Vrij ernstig.' },
      { node: 'delen', answer: 'ja' },
    ]);
    expect(() => walk(dilemma, '7')).toThrow(expect.objectContaining({ code: 'not-an-option', detail: '7' }));
    expect(kindOf(node).ask(node, '4')).toEqual({ prompt: 'select', choices: POINTS.map((id) => ({ value: id, label: id })), default: '4' });
  });

  const record = (point: string, id: string) =>
    buildRecord({ dilemma, state: walk(dilemma, point), author: AUTHOR, language: 'nl', now: new Date(2026, 10, 23, 10, 0), shortId: id });

  it('is written into a record and read back from it', () => {
    const text = renderRecord(record('4', 'aaaaaa'), dilemma, loadTemplate());
    const { record: parsed } = parseRecord(text);
    expect(parsed.path[0]).toEqual({ node: 'ernst', question: 'Hoe ernstig is de zorg, van 1 tot 5?', answer: '4', label: '4' });
    expect(text).toMatch(/Hoe ernstig is de zorg, van 1 tot 5\?/);
  });

  it('is counted by review as its kind says: the same point is the same answer', () => {
    const aggregator = new ReviewAggregator({
      language: 'nl',
      anonymous: true,
      includeUnverified: false,
      motivationCap: 5,
      findTree: () => dilemma.tree,
      findDilemma: () => dilemma,
    });
    for (const [point, id] of [['4', 'aaaaaa'], ['4', 'bbbbbb'], ['2', 'cccccc']] as const) {
      aggregator.add({ file: `${id}.md`, status: 'ok', record: record(point, id) });
    }
    const group = aggregator.finish().groups[0]!;
    const question = group.questions.find((q) => q.node === 'ernst')!;
    expect(question.kind).toBe('single');
    // In the scale's own order (1 to 5), as a single choice's options are.
    expect(question.answers.map((a) => [a.key, a.count])).toEqual([['1', 0], ['2', 1], ['3', 0], ['4', 2], ['5', 0]]);
    expect(question.divergence).toBeGreaterThan(0);
    expect(group.flow.edges.find((e) => e.from === 'ernst')).toMatchObject({ to: 'delen', records: 3 });
  });
});

describe('the registry', () => {
  it('refuses a kind twice, and a kind after the node schema was built from it', () => {
    expect(() => registerKind(scale)).toThrow(/registered already/);
    expect(() => registerKind({ ...scale, name: 'te-laat' })).toThrow(/after the node schema/);
  });
});
