import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Catalog } from '../../src/dilemma/catalog.js';
import type { Tree } from '../../src/dilemma/model.js';
import {
  answer,
  back,
  currentNode,
  decisions,
  motivationRule,
  outcomeOf,
  replay,
  startWalk,
  type Answer,
  type GivenAnswer,
  type WalkState,
} from '../../src/walk/engine.js';

const dilemmas = new Catalog([]).dilemmas();
const NUM_RUNS = 150;

/** Text that stays non-empty after trimming, from the whole of Unicode plus awkward characters. */
const textArb: fc.Arbitrary<string> = fc
  .string({
    unit: fc.oneof(
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
      fc.constantFrom(' ', '\n', '\t', '\r', '\u2028', '---', '<!--', '"', '\\', 'ja', 'no'),
    ),
    minLength: 1,
    maxLength: 12,
  })
  .filter((s) => s.trim() !== '');

interface Move {
  answer: Answer;
  motivation?: string;
}

/** The move fast-check generates at the node now shown: always a valid answer there. */
function generateMove(g: fc.GeneratorValue, tree: Tree, state: WalkState): Move {
  const node = currentNode(tree, state);
  let given: Answer;
  switch (node.kind) {
    case 'info':
      return { answer: null };
    case 'outcome':
      throw new Error('no move at an outcome');
    case 'single':
      given = g(fc.constantFrom, ...node.options.map((o) => o.id));
      break;
    case 'multiple':
      given = g(fc.shuffledSubarray, node.options.map((o) => o.id), { minLength: 1 });
      break;
    case 'text':
      given = g(() => textArb);
      break;
  }
  const rule = motivationRule(node, given);
  if (rule === 'required') return { answer: given, motivation: g(() => textArb) };
  if (rule === 'optional' && g(fc.boolean)) return { answer: given, motivation: g(() => textArb) };
  return { answer: given };
}

/** A random walk to an outcome, with every move taken; fails if it takes more steps than the tree has nodes. */
function randomWalk(g: fc.GeneratorValue, tree: Tree): { state: WalkState; moves: Move[] } {
  let state = startWalk(tree);
  const moves: Move[] = [];
  while (outcomeOf(tree, state) === undefined) {
    if (moves.length >= tree.nodes.size) throw new Error(`no outcome after ${moves.length} steps`);
    const move = generateMove(g, tree, state);
    moves.push(move);
    state = answer(tree, state, move.answer, move.motivation);
  }
  return { state, moves };
}

describe.each(dilemmas.map((d) => [d.pin.id, d.tree] as const))('every bundled tree: %s', (_id, tree) => {
  it('(a) any sequence of valid answers reaches an outcome within the number of nodes', () => {
    fc.assert(
      fc.property(fc.gen(), (g) => {
        const { state, moves } = randomWalk(g, tree);
        expect(moves.length).toBeLessThan(tree.nodes.size);
        expect(state.steps).toHaveLength(moves.length);
        expect(outcomeOf(tree, state)?.kind).toBe('outcome');
        // Every step lies on the walked path: each step's node is where the previous answer led.
        let at = tree.start;
        for (const step of state.steps) {
          expect(step.node).toBe(at);
          at = answer(tree, { steps: [], at }, step.answer, step.motivation).at;
        }
        expect(at).toBe(state.at);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('(b) going back to a random earlier step and answering the same again gives the same state', () => {
    fc.assert(
      fc.property(fc.gen(), (g) => {
        const { state, moves } = randomWalk(g, tree);
        const index = g(fc.integer, { min: 0, max: state.steps.length - 1 });
        let again = back(state, index);
        expect(again.at).toBe(state.steps[index]!.node);
        for (const move of moves.slice(index)) again = answer(tree, again, move.answer, move.motivation);
        expect(again).toEqual(state);
        // And answering the stored (normalised) steps again gives the same state too.
        let fromSteps = back(state, index);
        for (const step of state.steps.slice(index)) fromSteps = answer(tree, fromSteps, step.answer, step.motivation);
        expect(fromSteps).toEqual(state);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('(c) replay() of the decisions of a finished walk gives the same final state', () => {
    fc.assert(
      fc.property(fc.gen(), (g) => {
        const { state } = randomWalk(g, tree);
        const given = new Map<string, GivenAnswer>(
          decisions(tree, state).map((s) => [s.node, { answer: s.answer, ...(s.motivation !== undefined ? { motivation: s.motivation } : {}) }]),
        );
        expect(replay(tree, given)).toEqual(state);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

it('covers every bundled dilemma', () => {
  expect(dilemmas.length).toBeGreaterThanOrEqual(8);
});
