import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { answersOf, firingRule, PathModel, representativeChoice } from '../../src/authoring/paths.js';
import { Catalog } from '../../src/dilemma/catalog.js';
import { loadDilemma, loadKader } from '../../src/dilemma/load.js';
import type { MultipleNode } from '../../src/dilemma/schema.js';
import { replay, type GivenAnswer } from '../../src/walk/engine.js';

const fixture = (name: string) => fileURLToPath(new URL(`fixtures/${name}.yaml`, import.meta.url));
const placeholders = { text: 'T', motivation: 'M' };

describe('paths through a small hand-made tree', () => {
  const dilemma = loadDilemma(fixture('paden-klein'), false, () => undefined);
  const model = new PathModel(dilemma.tree, placeholders);

  it('lists every path from start to outcome, depth-first in file order, one choice set per rule', () => {
    const doel = { answer: 'T', motivation: 'M' };
    expect([...model.paths()].map((p) => ({ outcome: p.outcome, answers: answersOf(p) }))).toEqual([
      { outcome: 'niet', answers: { doel, delen: { answer: 'ja' }, soorten: { answer: ['a', 'b'] } } },
      { outcome: 'voorwaarden', answers: { doel, delen: { answer: 'ja' }, soorten: { answer: ['a'] } } },
      { outcome: 'wel', answers: { doel, delen: { answer: 'ja' }, soorten: { answer: ['d'] } } },
      { outcome: 'voorwaarden', answers: { doel, delen: { answer: 'ja' }, soorten: { answer: ['a', 'd'] } } },
      { outcome: 'niet', answers: { doel, delen: { answer: 'nee', motivation: 'M' } } },
      { outcome: 'niet', answers: { doel, delen: { answer: 'weet-niet' } } },
    ]);
  });

  it('counts the same paths without listing them, and every outcome is reached', () => {
    expect(model.coverage()).toEqual({ paths: 6, longest: 3, outcomes: 3, reached: ['wel', 'voorwaarden', 'niet'], unreached: [], deadRules: [] });
  });

  it('every listed path walks, with the engine, to its stated outcome', () => {
    for (const path of model.paths()) {
      const given = new Map<string, GivenAnswer>(Object.entries(answersOf(path)));
      expect(replay(dilemma.tree, given).at).toBe(path.outcome);
    }
  });
});

describe('a representative choice per rule of a multiple node', () => {
  const node = (rules: MultipleNode['rules'], options = ['a', 'b', 'c']): MultipleNode => ({
    id: 'm',
    kind: 'multiple',
    text: 'm',
    options: options.map((id) => ({ id, label: id })),
    rules,
  });

  it('finds the smallest set, in option order, that fires the rule and no rule before it', () => {
    const m = node([{ when: { any: ['b', 'c'] }, next: 'x' }, { next: 'y' }]);
    expect(representativeChoice(m, 0)).toEqual({ kind: 'found', chosen: ['b'] });
    expect(representativeChoice(m, 1)).toEqual({ kind: 'found', chosen: ['a'] });
  });

  it('reports a rule an earlier rule always shadows, and one whose own condition cannot hold', () => {
    const shadowed = node([{ when: { any: ['a'] }, next: 'x' }, { when: { all: ['a', 'b'] }, next: 'y' }, { next: 'z' }]);
    expect(representativeChoice(shadowed, 1)).toEqual({ kind: 'never' });
    const impossible = node([{ when: { all: ['a'], none: ['a'] }, next: 'x' }, { next: 'z' }]);
    expect(representativeChoice(impossible, 0)).toEqual({ kind: 'never' });
    // The default rule of a node where every non-empty choice fires an earlier rule.
    const covered = node([{ when: { any: ['a', 'b', 'c'] }, next: 'x' }, { next: 'z' }]);
    expect(representativeChoice(covered, 1)).toEqual({ kind: 'never' });
  });

  it('agrees with the engine on which rule fires, for every subset of a node with overlapping rules', () => {
    const m = node(
      [
        { when: { all: ['a', 'b'], none: ['d'] }, next: 'x' },
        { when: { any: ['c', 'd'], none: ['a'] }, next: 'y' },
        { when: { none: ['b'] }, next: 'w' },
        { next: 'z' },
      ],
      ['a', 'b', 'c', 'd'],
    );
    const ids = ['a', 'b', 'c', 'd'];
    const fires = new Set<number>();
    for (let mask = 1; mask < 16; mask++) fires.add(firingRule(m, ids.filter((_, i) => mask & (1 << i))));
    for (let rule = 0; rule < m.rules.length; rule++) {
      const search = representativeChoice(m, rule);
      expect(search.kind === 'found').toBe(fires.has(rule));
      if (search.kind === 'found') expect(firingRule(m, search.chosen)).toBe(rule);
    }
  });
});

describe('coverage', () => {
  it('the bundled mag-ik-delen has thousands of paths, listed lazily and quickly, matching the count', () => {
    const kader = new Catalog([]).kader('mag-ik-delen')!;
    const model = new PathModel(kader.tree, placeholders);
    const started = performance.now();
    const coverage = model.coverage();
    let listed = 0;
    for (const path of model.paths()) {
      listed++;
      expect(kader.tree.nodes.get(path.outcome)?.kind).toBe('outcome');
    }
    expect(performance.now() - started).toBeLessThan(2000);
    expect(coverage.paths).toBeGreaterThan(5000);
    expect(listed).toBe(coverage.paths);
    expect(coverage.unreached).toEqual([]);
  });

  it('a rule no choice can fire is found and its outcome counted as never reached', () => {
    const kader = loadKader(fixture('regel-nooit'), false);
    const coverage = new PathModel(kader.tree, placeholders).coverage();
    expect(coverage.deadRules).toEqual([{ node: 'keuze', rule: 1, reason: 'never' }]);
    expect(coverage.unreached).toEqual(['y']);
    expect(coverage.paths).toBe(2);
  });
});
