import { describe, expect, it } from 'vitest';
import type { MultipleNode, SingleNode } from '../../src/dilemma/schema.js';
import { WalkError, nodeAt } from '../../src/walk/engine.js';
import { argumentsRequired, groupAnswers, groupState, infoSinceLastChoice, suggestedChoice, tallyBar, tallyLimit } from '../../src/workshop/group.js';
import { fixtureDilemma, PATH } from './helpers.js';

const tree = fixtureDilemma().tree;
const single = nodeAt(tree, 'delen') as SingleNode;
const multiple = nodeAt(tree, 'soorten') as MultipleNode;

const tally = (...counts: number[]) => counts.map((count, i) => ({ option: `o${i}`, count }));

describe('tallies', () => {
  it('a single choice leaves room only for participants not yet counted; a multiple choice counts each option apart', () => {
    expect(tallyLimit(single, 12, [])).toBe(12);
    expect(tallyLimit(single, 12, [7, 3])).toBe(2);
    expect(tallyLimit(single, 5, [5, 0])).toBe(0);
    expect(tallyLimit(multiple, 12, [12, 12])).toBe(12);
  });

  it('suggests the option most chose in a single choice, the first on a tie, nothing when nobody chose', () => {
    expect(suggestedChoice(single, tally(2, 7), 12)).toBe('o1');
    expect(suggestedChoice(single, tally(4, 4), 12)).toBe('o0');
    expect(suggestedChoice(single, tally(0, 0), 12)).toBeUndefined();
  });

  it('suggests the options a majority ticked in a multiple choice', () => {
    expect(suggestedChoice(multiple, tally(7, 6, 9), 12)).toEqual(['o0', 'o2']);
    expect(suggestedChoice(multiple, tally(6, 6, 1), 12)).toBeUndefined();
  });

  it('draws bars in proportion, empty for nobody and full for everyone', () => {
    expect(tallyBar(0, 12, 6)).toBe('░░░░░░');
    expect(tallyBar(6, 12, 6)).toBe('███░░░');
    expect(tallyBar(12, 12, 6)).toBe('██████');
    expect(tallyBar(3, 0, 4)).toBe('░░░░');
  });
});

describe('the group path', () => {
  it('starts past the information node, which is shown with the first question', () => {
    const state = groupState(tree, []);
    expect(state.at).toBe('doel');
    expect(infoSinceLastChoice(state)).toEqual(['uitleg']);
    expect(infoSinceLastChoice(groupState(tree, PATH.slice(0, 1)))).toEqual([]);
  });

  it('walks along the group choices to the outcome, as the walk engine does', () => {
    const state = groupState(tree, PATH);
    expect(state.at).toBe('eind-voorwaarden');
    expect(state.steps.map((s) => [s.node, s.answer])).toEqual([
      ['uitleg', null],
      ['doel', 'Eén plan voor het gezin'],
      ['delen', 'ja'],
      ['soorten', ['gezondheid']],
    ]);
    // `delen` allows no motivation: its arguments stay the group's, not the engine's.
    expect(state.steps[2]!.motivation).toBeUndefined();
    expect(state.steps[1]!.motivation).toBe('Zonder doel geen delen');
  });

  it('refuses a path that skips a question or lacks the arguments the tree demands', () => {
    expect(() => groupState(tree, PATH.slice(1))).toThrow(WalkError);
    const withoutArguments = [{ node: 'doel', choice: 'Eén plan' }, ...PATH.slice(1)];
    expect(() => groupState(tree, withoutArguments)).toThrow(/motivation-required at doel/);
    expect(() => groupState(tree, [PATH[0]!, { node: 'delen', choice: 'misschien' }])).toThrow(/not-an-option/);
  });

  it('demands arguments where a walker must motivate: here only for "no", though the question itself needs none', () => {
    expect(argumentsRequired(single, 'ja')).toBe(false);
    expect(argumentsRequired(single, 'no')).toBe(true);
    expect(argumentsRequired(nodeAt(tree, 'doel'), 'x')).toBe(true);
  });

  it('gives the afspraak answers of the path: choices only, no free text', () => {
    expect(groupAnswers(tree, PATH)).toEqual({ delen: 'ja', soorten: ['gezondheid'] });
  });
});
