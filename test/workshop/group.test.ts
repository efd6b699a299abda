import { describe, expect, it } from 'vitest';
import type { MultipleNode, SingleNode, TextNode } from '../../src/dilemma/schema.js';
import { WalkError, nodeAt } from '../../src/walk/engine.js';
import {
  argumentsRequired,
  groupAnswers,
  groupState,
  infoSinceLastChoice,
  questionNumber,
  questionsAhead,
  recalledStep,
  suggestedChoice,
  tallyBar,
  tallyDefault,
  tallyLimit,
} from '../../src/workshop/group.js';
import { PROJECTOR_COLUMNS, workshopLayout } from '../../src/workshop/layout.js';
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

describe('tally defaults', () => {
  const kept = (...counts: number[]) => counts.map((count, i) => ({ option: single.options[i]!.id, count }));
  const keptMultiple = (...counts: number[]) => counts.map((count, i) => ({ option: multiple.options[i]!.id, count }));

  it('offers the rest of the group at the last option of a single choice, and 0 before it', () => {
    expect(tallyDefault(single, 12, [])).toBe(0);
    expect(tallyDefault(single, 12, [7])).toBe(5);
    expect(tallyDefault(single, 12, [12])).toBe(0);
  });

  it('offers no rest in a multiple choice, where each option is counted apart', () => {
    expect(tallyDefault(multiple, 12, [9, 2])).toBe(0);
  });

  it('offers the counts kept from before, after going back', () => {
    expect(tallyDefault(single, 12, [], kept(8, 3))).toBe(8);
    // One participant abstained before: while the first count stays, so does the last.
    expect(tallyDefault(single, 12, [8], kept(8, 3))).toBe(3);
    expect(tallyDefault(multiple, 12, [9], keptMultiple(9, 2, 0))).toBe(2);
  });

  it('offers the rest again once an earlier count changed, and never a kept count that no longer fits', () => {
    expect(tallyDefault(single, 12, [6], kept(8, 3))).toBe(6);
    expect(tallyDefault(single, 12, [10], kept(8, 3))).toBe(2);
    expect(tallyDefault(multiple, 5, [], keptMultiple(9, 2, 0))).toBe(0);
  });
});

describe('question n of total', () => {
  it('counts the fewest and the most questions ahead; information nodes ask nothing', () => {
    expect(questionsAhead(tree, 'uitleg')).toEqual({ fewest: 2, most: 3 });
    expect(questionsAhead(tree, 'delen')).toEqual({ fewest: 1, most: 2 });
    expect(questionsAhead(tree, 'soorten')).toEqual({ fewest: 1, most: 1 });
    expect(questionsAhead(tree, 'eind-niet')).toEqual({ fewest: 0, most: 0 });
  });

  it('numbers the question on the path and gives the most the whole path can ask, saying whether that is fixed', () => {
    expect(questionNumber(tree, groupState(tree, []))).toEqual({ n: 1, total: 3, fixed: false });
    expect(questionNumber(tree, groupState(tree, PATH.slice(0, 1)))).toEqual({ n: 2, total: 3, fixed: false });
    expect(questionNumber(tree, groupState(tree, PATH.slice(0, 2)))).toEqual({ n: 3, total: 3, fixed: true });
  });
});

describe('recall', () => {
  it("finds the group's earlier answer a question recalls, with its place on the path", () => {
    expect(single.recall).toBe('doel');
    expect(recalledStep(single, PATH.slice(0, 1))).toEqual({ step: PATH[0], index: 0 });
    expect(recalledStep(single, [])).toBeUndefined();
    expect(recalledStep(nodeAt(tree, 'doel') as TextNode, PATH)).toBeUndefined();
  });
});

describe('the layout', () => {
  it('is normal below the projector width and large from it on, unless chosen', () => {
    expect(PROJECTOR_COLUMNS).toBe(120);
    expect(workshopLayout(119)).toMatchObject({ large: false, width: 76 });
    expect(workshopLayout(120)).toMatchObject({ large: true, width: 108 });
    expect(workshopLayout(140)).toEqual({ large: true, margin: '      ', width: 128 });
    expect(workshopLayout(80, true)).toEqual({ large: true, margin: '    ', width: 72 });
    expect(workshopLayout(200, false)).toMatchObject({ large: false, width: 76 });
  });

  it('keeps a narrow terminal readable', () => {
    expect(workshopLayout(60)).toEqual({ large: false, margin: '    ', width: 52 });
    expect(workshopLayout(20)).toMatchObject({ width: 30 });
  });
});
