import type { Tree } from '../dilemma/model.js';
import type { MotivationRule, OutcomeNode, TreeNode } from '../dilemma/schema.js';
import { kindOf } from '../dilemma/kinds/index.js';
import { WalkError, type Answer } from './walk-error.js';

export { WalkError, type Answer, type WalkErrorCode } from './walk-error.js';

export interface Step {
  node: string;
  answer: Answer;
  motivation?: string;
}

/** The whole state of a walk: the steps taken and the node now shown. Immutable; pure functions only. */
export interface WalkState {
  steps: readonly Step[];
  at: string;
}

export function startWalk(tree: Tree): WalkState {
  return { steps: [], at: tree.start };
}

export function nodeAt(tree: Tree, id: string): TreeNode {
  const node = tree.nodes.get(id);
  if (!node) throw new WalkError('unknown-node', id);
  return node;
}

export function currentNode(tree: Tree, state: WalkState): TreeNode {
  return nodeAt(tree, state.at);
}

export function outcomeOf(tree: Tree, state: WalkState): OutcomeNode | undefined {
  const node = currentNode(tree, state);
  return node.kind === 'outcome' ? node : undefined;
}

/** Whether this answer at this node needs, allows or forbids a motivation. */
export function motivationRule(node: TreeNode, answer: Answer): MotivationRule {
  return kindOf(node).motivationRule(node, answer);
}

/** The node an answer leads to; validates the answer against the node. */
export function nextNode(node: TreeNode, answer: Answer): string {
  return kindOf(node).next(node, answer);
}

/** Answers the node now shown and moves on. Throws WalkError when the answer does not fit. */
export function answer(tree: Tree, state: WalkState, given: Answer, motivation?: string): WalkState {
  const node = currentNode(tree, state);
  const next = nextNode(node, given);
  const rule = motivationRule(node, given);
  const text = motivation?.trim() ?? '';
  if (rule === 'required' && text === '') throw new WalkError('motivation-required', node.id);
  if (rule === 'none' && text !== '') throw new WalkError('motivation-not-allowed', node.id);
  // No spread of `{}` or `{ motivation }` and no array spread: objects and arrays of two shapes made
  // V8 recompile the replay that verify runs on every record.
  const normalized = kindOf(node).normalize(node, given);
  const step: Step = text ? { node: node.id, answer: normalized, motivation: text } : { node: node.id, answer: normalized };
  return { steps: state.steps.concat([step]), at: next };
}

/** Goes back to step `index`: that question is shown again and everything after it is forgotten. */
export function back(state: WalkState, index: number): WalkState {
  const step = state.steps[index];
  if (!step) throw new WalkError('bad-step', state.at, String(index));
  return { steps: state.steps.slice(0, index), at: step.node };
}

export interface GivenAnswer {
  answer: Answer;
  motivation?: string;
}

/**
 * Walks the tree with answers by node id, as an answers file or a record gives them. Information
 * nodes need no answer. Every answer must lie on the walked path.
 */
export function replay(tree: Tree, answers: ReadonlyMap<string, GivenAnswer>): WalkState {
  let state = startWalk(tree);
  const used = new Set<string>();
  for (let guard = 0; guard <= tree.nodes.size; guard++) {
    const node = currentNode(tree, state);
    const role = kindOf(node).role;
    if (role === 'end') {
      const unused = [...answers.keys()].find((id) => !used.has(id));
      if (unused !== undefined) throw new WalkError('off-path', unused);
      return state;
    }
    if (role === 'pass') {
      state = answer(tree, state, null);
      continue;
    }
    const given = answers.get(node.id);
    if (!given) throw new WalkError('missing-answer', node.id);
    used.add(node.id);
    state = answer(tree, state, given.answer, given.motivation);
  }
  // Only a cyclic tree gets here, and loading rejects those.
  throw new WalkError('bad-step', state.at);
}

/** The steps that carry a decision (information nodes left out), as a record lists them. */
export function decisions(tree: Tree, state: WalkState): Step[] {
  return state.steps.filter((s) => kindOf(nodeAt(tree, s.node)).role !== 'pass');
}
