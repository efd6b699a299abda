import { describe, expect, it } from 'vitest';
import { buildTree, type Tree } from '../../src/dilemma/model.js';
import type { TreeNode } from '../../src/dilemma/schema.js';
import {
  WalkError,
  answer,
  back,
  currentNode,
  decisions,
  motivationRule,
  nextNode,
  outcomeOf,
  replay,
  startWalk,
  type Answer,
  type GivenAnswer,
  type WalkErrorCode,
  type WalkState,
} from '../../src/walk/engine.js';

/*
 * intro (info) -> vraag (single, motivation required)
 *   ja -> doel, twijfel (option: optional) -> doel, nee (option: none) -> uit-niet
 * doel (text, motivation none) -> soorten
 * soorten (multiple, motivation optional; option c requires a motivation)
 *   all [a, b] -> uit-all; any [c] -> uit-any; none [a] -> uit-none; otherwise -> uit-default
 */
const nodes: TreeNode[] = [
  { id: 'intro', kind: 'info', text: 'Lees dit eerst', next: 'vraag' },
  {
    id: 'vraag',
    kind: 'single',
    text: 'Delen?',
    motivation: 'required',
    options: [
      { id: 'ja', label: 'Ja', next: 'doel' },
      { id: 'twijfel', label: 'Twijfel', next: 'doel', motivation: 'optional' },
      { id: 'nee', label: 'Nee', next: 'uit-niet', motivation: 'none' },
    ],
  },
  { id: 'doel', kind: 'text', text: 'Doel?', motivation: 'none', next: 'soorten' },
  {
    id: 'soorten',
    kind: 'multiple',
    text: 'Welke?',
    motivation: 'optional',
    options: [
      { id: 'a', label: 'A' },
      { id: 'b', label: 'B' },
      { id: 'c', label: 'C', motivation: 'required' },
    ],
    rules: [
      { when: { all: ['a', 'b'] }, next: 'uit-all' },
      { when: { any: ['c'] }, next: 'uit-any' },
      { when: { none: ['a'] }, next: 'uit-none' },
      { next: 'uit-default' },
    ],
  },
  ...(['uit-niet', 'uit-all', 'uit-any', 'uit-none', 'uit-default'] as const).map(
    (id): TreeNode => ({ id, kind: 'outcome', verdict: id, text: `Uitkomst ${id}` }),
  ),
];
const tree: Tree = buildTree('intro', nodes, ['nl']);

/** A second small tree: a text node with the default rule and one that requires a motivation. */
const textTree: Tree = buildTree(
  'vrij',
  [
    { id: 'vrij', kind: 'text', text: 'Vrij', next: 'streng' },
    { id: 'streng', kind: 'text', text: 'Streng', motivation: 'required', next: 'klaar' },
    { id: 'klaar', kind: 'outcome', verdict: 'klaar', text: 'Klaar' },
  ],
  ['nl'],
);

function walkError(fn: () => unknown): WalkError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(WalkError);
    return error as WalkError;
  }
  throw new Error('expected a WalkError, but nothing was thrown');
}

function expectWalkError(fn: () => unknown, code: WalkErrorCode, node: string, detail?: string): void {
  const error = walkError(fn);
  expect({ code: error.code, node: error.node, detail: error.detail }).toEqual({ code, node, detail });
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** intro, vraag = ja (motivated), doel = text: at soorten. */
function atSoorten(): WalkState {
  let state = answer(tree, startWalk(tree), null);
  state = answer(tree, state, 'ja', 'omdat het moet');
  return answer(tree, state, 'een plan maken');
}

describe('start', () => {
  it('starts at the start node with no steps', () => {
    const state = startWalk(tree);
    expect(state).toEqual({ steps: [], at: 'intro' });
    expect(currentNode(tree, state).id).toBe('intro');
    expect(outcomeOf(tree, state)).toBeUndefined();
  });

  it('a state at a node the tree lacks is unknown-node', () => {
    expectWalkError(() => currentNode(tree, { steps: [], at: 'weg' }), 'unknown-node', 'weg');
    expectWalkError(() => answer(tree, { steps: [], at: 'weg' }, null), 'unknown-node', 'weg');
  });
});

describe('answer: each kind of node', () => {
  it('an information node moves on with a null answer', () => {
    const state = answer(tree, startWalk(tree), null);
    expect(state).toEqual({ steps: [{ node: 'intro', answer: null }], at: 'vraag' });
  });

  it('an information node takes no motivation (whitespace counts as none)', () => {
    expectWalkError(() => answer(tree, startWalk(tree), null, 'waarom'), 'motivation-not-allowed', 'intro');
    expect(answer(tree, startWalk(tree), null, '  \n ').steps).toEqual([{ node: 'intro', answer: null }]);
  });

  it('an information node stores null whatever is passed as its answer', () => {
    expect(answer(tree, startWalk(tree), 'iets').steps[0]).toEqual({ node: 'intro', answer: null });
  });

  it('a single choice moves to the option’s next node, with the motivation trimmed', () => {
    const state = answer(tree, answer(tree, startWalk(tree), null), 'ja', '  omdat het moet \n');
    expect(state.at).toBe('doel');
    expect(state.steps[1]).toEqual({ node: 'vraag', answer: 'ja', motivation: 'omdat het moet' });
  });

  it('a free-text answer is trimmed and moves on', () => {
    const before = answer(tree, answer(tree, startWalk(tree), null), 'ja', 'm');
    const state = answer(tree, before, '  een plan maken\n');
    expect(state.at).toBe('soorten');
    expect(state.steps[2]).toEqual({ node: 'doel', answer: 'een plan maken' });
  });

  it('a free-text answer that is empty or only whitespace is empty-answer', () => {
    const before = answer(tree, answer(tree, startWalk(tree), null), 'ja', 'm');
    expectWalkError(() => answer(tree, before, ''), 'empty-answer', 'doel');
    expectWalkError(() => answer(tree, before, ' \t\n '), 'empty-answer', 'doel');
  });

  it('a multiple choice is stored in the tree’s option order', () => {
    const state = answer(tree, atSoorten(), ['b', 'a']);
    expect(state.steps[3]).toEqual({ node: 'soorten', answer: ['a', 'b'] });
    expect(state.at).toBe('uit-all');
  });

  it('at an outcome there is nothing to answer', () => {
    const done = answer(tree, answer(tree, startWalk(tree), null), 'nee');
    expect(done.at).toBe('uit-niet');
    expect(outcomeOf(tree, done)?.verdict).toBe('uit-niet');
    expectWalkError(() => answer(tree, done, 'ja'), 'finished', 'uit-niet');
  });
});

describe('multiple-choice rules: first match wins, any/all/none, default', () => {
  const cases: Array<[string[], string]> = [
    [['a', 'b'], 'uit-all'],
    [['a', 'b', 'c'], 'uit-all'], // all [a, b] comes before any [c]
    [['c'], 'uit-any'],
    [['a', 'c'], 'uit-any'],
    [['b', 'c'], 'uit-any'],
    [['b'], 'uit-none'],
    [['a'], 'uit-default'],
  ];
  for (const [chosen, outcome] of cases) {
    it(`[${chosen.join(', ')}] leads to ${outcome}`, () => {
      const state = answer(tree, atSoorten(), chosen, 'toelichting');
      expect(state.at).toBe(outcome);
      expect(nextNode(nodes[3]!, chosen)).toBe(outcome);
    });
  }

  it('no matching rule is no-rule-matches (only possible in a tree without a default rule)', () => {
    const noDefault = buildTree(
      'm',
      [
        {
          id: 'm',
          kind: 'multiple',
          text: 'M',
          options: [
            { id: 'x', label: 'X' },
            { id: 'y', label: 'Y' },
          ],
          rules: [{ when: { any: ['x'] }, next: 'e' }],
        },
        { id: 'e', kind: 'outcome', verdict: 'e', text: 'E' },
      ],
      ['nl'],
    );
    expectWalkError(() => answer(noDefault, startWalk(noDefault), ['y']), 'no-rule-matches', 'm');
    expect(answer(noDefault, startWalk(noDefault), ['y', 'x']).at).toBe('e');
  });
});

describe('answer: wrong answers', () => {
  const atVraag = (): WalkState => answer(tree, startWalk(tree), null);

  it('a single choice needs one option id', () => {
    expectWalkError(() => answer(tree, atVraag(), ['ja'], 'm'), 'wrong-answer-type', 'vraag');
    expectWalkError(() => answer(tree, atVraag(), null, 'm'), 'wrong-answer-type', 'vraag');
  });

  it('a single choice with an unknown option is not-an-option, naming it', () => {
    expectWalkError(() => answer(tree, atVraag(), 'misschien', 'm'), 'not-an-option', 'vraag', 'misschien');
  });

  it('free text needs a string', () => {
    const before = answer(tree, atVraag(), 'ja', 'm');
    expectWalkError(() => answer(tree, before, ['een', 'plan']), 'wrong-answer-type', 'doel');
    expectWalkError(() => answer(tree, before, null), 'wrong-answer-type', 'doel');
  });

  it('a multiple choice needs a list', () => {
    expectWalkError(() => answer(tree, atSoorten(), 'a'), 'wrong-answer-type', 'soorten');
    expectWalkError(() => answer(tree, atSoorten(), null), 'wrong-answer-type', 'soorten');
  });

  it('an empty multiple choice is empty-answer', () => {
    expectWalkError(() => answer(tree, atSoorten(), []), 'empty-answer', 'soorten');
  });

  it('an unknown option in a multiple choice is not-an-option, naming it', () => {
    expectWalkError(() => answer(tree, atSoorten(), ['a', 'z']), 'not-an-option', 'soorten', 'z');
  });

  it('an option chosen twice is duplicate-option', () => {
    expectWalkError(() => answer(tree, atSoorten(), ['a', 'a']), 'duplicate-option', 'soorten');
  });

  it('the error message names the code and the node', () => {
    const error = walkError(() => answer(tree, atVraag(), 'misschien', 'm'));
    expect(error.message).toBe('not-an-option at vraag (misschien)');
    expect(error.name).toBe('WalkError');
  });
});

describe('motivation rules', () => {
  const atVraag = (): WalkState => answer(tree, startWalk(tree), null);

  it('node level required: missing, empty or whitespace is motivation-required', () => {
    expectWalkError(() => answer(tree, atVraag(), 'ja'), 'motivation-required', 'vraag');
    expectWalkError(() => answer(tree, atVraag(), 'ja', ''), 'motivation-required', 'vraag');
    expectWalkError(() => answer(tree, atVraag(), 'ja', ' \n\t'), 'motivation-required', 'vraag');
  });

  it('option level optional overrides a required node', () => {
    expect(answer(tree, atVraag(), 'twijfel').steps[1]).toEqual({ node: 'vraag', answer: 'twijfel' });
    expect(answer(tree, atVraag(), 'twijfel', 'toch').steps[1]).toEqual({ node: 'vraag', answer: 'twijfel', motivation: 'toch' });
  });

  it('option level none overrides a required node and refuses a motivation', () => {
    expect(answer(tree, atVraag(), 'nee').at).toBe('uit-niet');
    expectWalkError(() => answer(tree, atVraag(), 'nee', 'want'), 'motivation-not-allowed', 'vraag');
  });

  it('node level none on free text refuses a motivation', () => {
    const before = answer(tree, atVraag(), 'ja', 'm');
    expectWalkError(() => answer(tree, before, 'doel', 'want'), 'motivation-not-allowed', 'doel');
  });

  it('node level optional on a multiple choice: with or without', () => {
    expect(answer(tree, atSoorten(), ['a']).steps[3]).toEqual({ node: 'soorten', answer: ['a'] });
    expect(answer(tree, atSoorten(), ['a'], 'm').steps[3]).toEqual({ node: 'soorten', answer: ['a'], motivation: 'm' });
  });

  it('an option that requires a motivation makes the whole multiple answer require one', () => {
    expectWalkError(() => answer(tree, atSoorten(), ['a', 'c']), 'motivation-required', 'soorten');
    expect(answer(tree, atSoorten(), ['a', 'c'], 'm').at).toBe('uit-any');
  });

  it('free text: default optional, or required', () => {
    const s1 = answer(textTree, startWalk(textTree), 'iets');
    expect(s1.steps).toEqual([{ node: 'vrij', answer: 'iets' }]);
    expectWalkError(() => answer(textTree, s1, 'meer'), 'motivation-required', 'streng');
    expect(answer(textTree, s1, 'meer', 'reden').at).toBe('klaar');
  });

  it('motivationRule says what each answer needs', () => {
    const byId = (id: string): TreeNode => tree.nodes.get(id)!;
    const rules: Array<[string, Answer, string]> = [
      ['intro', null, 'none'],
      ['vraag', 'ja', 'required'],
      ['vraag', 'twijfel', 'optional'],
      ['vraag', 'nee', 'none'],
      ['doel', 'x', 'none'],
      ['soorten', ['a'], 'optional'],
      ['soorten', ['a', 'c'], 'required'],
      ['uit-all', null, 'none'],
    ];
    for (const [id, given, rule] of rules) expect([id, given, motivationRule(byId(id), given)]).toEqual([id, given, rule]);
    expect(motivationRule(textTree.nodes.get('vrij')!, 'x')).toBe('optional');
  });
});

describe('back', () => {
  const finished = (): WalkState => answer(tree, atSoorten(), ['b', 'c'], 'want c');

  it('goes back to every earlier step: that question is shown again, later steps forgotten', () => {
    const done = finished();
    expect(done.steps).toHaveLength(4);
    for (let i = 0; i < done.steps.length; i++) {
      const earlier = back(done, i);
      expect(earlier.steps).toEqual(done.steps.slice(0, i));
      expect(earlier.at).toBe(done.steps[i]!.node);
    }
  });

  it('back to step 0 is the start', () => {
    expect(back(finished(), 0)).toEqual(startWalk(tree));
  });

  it('going back and answering the same again gives the same state', () => {
    const done = finished();
    const again = answer(tree, back(done, 3), ['c', 'b'], 'want c');
    expect(again).toEqual(done);
  });

  it('going back and answering otherwise takes another route', () => {
    const other = answer(tree, back(finished(), 1), 'nee');
    expect(other).toEqual({ steps: [{ node: 'intro', answer: null }, { node: 'vraag', answer: 'nee' }], at: 'uit-niet' });
  });

  it('a step that does not exist is bad-step', () => {
    const done = finished();
    expectWalkError(() => back(done, 4), 'bad-step', 'uit-any', '4');
    expectWalkError(() => back(done, -1), 'bad-step', 'uit-any', '-1');
    expectWalkError(() => back(startWalk(tree), 0), 'bad-step', 'intro', '0');
  });
});

describe('replay', () => {
  const given = (entries: Array<[string, GivenAnswer]>): Map<string, GivenAnswer> => new Map(entries);
  const full: Array<[string, GivenAnswer]> = [
    ['vraag', { answer: 'ja', motivation: 'omdat het moet' }],
    ['doel', { answer: 'een plan maken' }],
    ['soorten', { answer: ['b', 'a'] }],
  ];

  it('walks the tree with answers by node id, information nodes without one', () => {
    const state = replay(tree, given(full));
    const byHand = answer(tree, atSoorten(), ['a', 'b']);
    expect(state).toEqual(byHand);
    expect(state.at).toBe('uit-all');
  });

  it('a missing answer on the path is missing-answer at that node', () => {
    expectWalkError(() => replay(tree, given(full.filter(([id]) => id !== 'doel'))), 'missing-answer', 'doel');
    expectWalkError(() => replay(tree, given([])), 'missing-answer', 'vraag');
  });

  it('an answer off the walked path is off-path, naming it', () => {
    const offPath = given([['vraag', { answer: 'nee' }], ['soorten', { answer: ['a'] }]]);
    expectWalkError(() => replay(tree, offPath), 'off-path', 'soorten');
  });

  it('an answer to an unknown node is off-path', () => {
    expectWalkError(() => replay(tree, given([...full, ['bestaat-niet', { answer: 'x' }]])), 'off-path', 'bestaat-niet');
  });

  it('an answer to an information node is off-path: information nodes take none', () => {
    expectWalkError(() => replay(tree, given([...full, ['intro', { answer: null }]])), 'off-path', 'intro');
  });

  it('a wrong answer or motivation in replay is the same error as in a walk', () => {
    expectWalkError(() => replay(tree, given([['vraag', { answer: 'ja' }]])), 'motivation-required', 'vraag');
    expectWalkError(() => replay(tree, given([['vraag', { answer: 'x', motivation: 'm' }]])), 'not-an-option', 'vraag', 'x');
  });

  it('a cyclic tree (which loading rejects) ends in bad-step instead of looping', () => {
    const cyclic = buildTree(
      'p',
      [
        { id: 'p', kind: 'info', text: 'P', next: 'q' },
        { id: 'q', kind: 'info', text: 'Q', next: 'p' },
      ],
      ['nl'],
    );
    expect(walkError(() => replay(cyclic, new Map())).code).toBe('bad-step');
  });
});

describe('decisions', () => {
  it('lists the steps that carry a decision, leaving out information nodes', () => {
    const state = answer(tree, atSoorten(), ['a']);
    expect(decisions(tree, state)).toEqual([
      { node: 'vraag', answer: 'ja', motivation: 'omdat het moet' },
      { node: 'doel', answer: 'een plan maken' },
      { node: 'soorten', answer: ['a'] },
    ]);
    expect(decisions(tree, startWalk(tree))).toEqual([]);
  });
});

describe('immutability', () => {
  it('answer() leaves the old state (and the given answer) unchanged', () => {
    const before = atSoorten();
    const snapshot = structuredClone(before);
    const chosen = ['b', 'a'];
    deepFreeze(before);
    deepFreeze(chosen);
    const after = answer(tree, before, chosen, 'm');
    expect(before).toEqual(snapshot);
    expect(chosen).toEqual(['b', 'a']);
    expect(after).not.toBe(before);
    expect(after.steps).not.toBe(before.steps);
    expect(after.steps.slice(0, 3)).toEqual(before.steps);
  });

  it('a failed answer() leaves the state unchanged', () => {
    const before = deepFreeze(atSoorten());
    const snapshot = structuredClone(before);
    expect(() => answer(tree, before, ['z'])).toThrow(WalkError);
    expect(before).toEqual(snapshot);
  });

  it('back() and replay() leave their inputs unchanged', () => {
    const done = deepFreeze(answer(tree, atSoorten(), ['a']));
    const snapshot = structuredClone(done);
    back(done, 1);
    expect(done).toEqual(snapshot);
    const answers = new Map<string, GivenAnswer>([
      ['vraag', { answer: 'nee' }],
    ]);
    deepFreeze([...answers.values()]);
    replay(tree, answers);
    expect([...answers.entries()]).toEqual([['vraag', { answer: 'nee' }]]);
  });

  it('the tree is not changed by walking', () => {
    const before = structuredClone([...tree.nodes.entries()]);
    answer(tree, atSoorten(), ['c', 'a'], 'm');
    expect([...tree.nodes.entries()]).toEqual(before);
  });
});
