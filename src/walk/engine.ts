import type { Tree } from '../dilemma/model.js';
import type { MotivationRule, OutcomeNode, TreeNode } from '../dilemma/schema.js';

/** An option id (single), option ids (multiple), free text (text), or null for an information node. */
export type Answer = string | readonly string[] | null;

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

export type WalkErrorCode =
  | 'unknown-node'
  | 'finished'
  | 'not-an-option'
  | 'duplicate-option'
  | 'empty-answer'
  | 'wrong-answer-type'
  | 'motivation-required'
  | 'motivation-not-allowed'
  | 'missing-answer'
  | 'off-path'
  | 'no-rule-matches'
  | 'bad-step';

/** A walk rule was broken; `node` says where, `detail` what (an option id, say). */
export class WalkError extends Error {
  constructor(
    readonly code: WalkErrorCode,
    readonly node: string,
    readonly detail?: string,
  ) {
    super(`${code} at ${node}${detail ? ` (${detail})` : ''}`);
    this.name = 'WalkError';
  }
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
  switch (node.kind) {
    case 'info':
    case 'outcome':
      return 'none';
    case 'text':
      return node.motivation ?? 'optional';
    case 'single':
      return node.options.find((o) => o.id === answer)?.motivation ?? node.motivation ?? 'optional';
    case 'multiple': {
      // A loop, not filter and map: verify replays every record, and the arrays those make differ in
      // kind (empty or not) from record to record, which made V8 recompile the replay twice.
      const chosen = Array.isArray(answer) ? answer : [];
      for (const option of node.options) if (option.motivation === 'required' && chosen.includes(option.id)) return 'required';
      return node.motivation ?? 'optional';
    }
  }
}

/** The node an answer leads to; validates the answer against the node. */
export function nextNode(node: TreeNode, answer: Answer): string {
  switch (node.kind) {
    case 'outcome':
      throw new WalkError('finished', node.id);
    case 'info':
      return node.next;
    case 'text':
      if (typeof answer !== 'string') throw new WalkError('wrong-answer-type', node.id);
      if (answer.trim() === '') throw new WalkError('empty-answer', node.id);
      return node.next;
    case 'single': {
      if (typeof answer !== 'string') throw new WalkError('wrong-answer-type', node.id);
      const option = node.options.find((o) => o.id === answer);
      if (!option) throw new WalkError('not-an-option', node.id, answer);
      return option.next;
    }
    case 'multiple': {
      if (!Array.isArray(answer)) throw new WalkError('wrong-answer-type', node.id);
      const chosen = answer as readonly string[];
      if (chosen.length === 0) throw new WalkError('empty-answer', node.id);
      const known = new Set(node.options.map((o) => o.id));
      const unknown = chosen.find((id) => !known.has(id));
      if (unknown !== undefined) throw new WalkError('not-an-option', node.id, unknown);
      if (new Set(chosen).size !== chosen.length) throw new WalkError('duplicate-option', node.id);
      const rule = node.rules.find((r) => {
        const w = r.when;
        if (!w) return true;
        return (
          (!w.any || w.any.some((id) => chosen.includes(id))) &&
          (!w.all || w.all.every((id) => chosen.includes(id))) &&
          (!w.none || !w.none.some((id) => chosen.includes(id)))
        );
      });
      if (!rule) throw new WalkError('no-rule-matches', node.id);
      return rule.next;
    }
  }
}

/** Multiple-choice answers are kept in the tree's option order, so the same choice is the same state. */
function normalizeAnswer(node: TreeNode, answer: Answer): Answer {
  if (node.kind === 'multiple' && Array.isArray(answer)) {
    const chosen = answer as readonly string[];
    // A loop for the same reason as in motivationRule.
    const ordered: string[] = [];
    for (const option of node.options) if (chosen.includes(option.id)) ordered.push(option.id);
    return ordered;
  }
  if (node.kind === 'text' && typeof answer === 'string') return answer.trim();
  return node.kind === 'info' ? null : answer;
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
  const normalized = normalizeAnswer(node, given);
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
    if (node.kind === 'outcome') {
      const unused = [...answers.keys()].find((id) => !used.has(id));
      if (unused !== undefined) throw new WalkError('off-path', unused);
      return state;
    }
    if (node.kind === 'info') {
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
  return state.steps.filter((s) => nodeAt(tree, s.node).kind !== 'info');
}
