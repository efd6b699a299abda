import type { Tree } from '../dilemma/model.js';
import { successors } from '../dilemma/graph.js';
import { isChoice, kindOf } from '../dilemma/kinds/index.js';
import { optionsOf } from '../dilemma/options.js';
import type { TreeNode } from '../dilemma/schema.js';
import { WalkError, answer, currentNode, motivationRule, startWalk, type WalkState } from '../walk/engine.js';
import type { GroupStep, TallyEntry } from './model.js';

/**
 * The most a trainer can enter for the next option: in a single choice every participant raises a
 * hand once, so the counts so far use up the room; in a multiple choice each option is counted apart.
 */
export function tallyLimit(node: TreeNode, participants: number, countedSoFar: readonly number[]): number {
  if (kindOf(node).tally === 'multiple') return participants;
  return Math.max(0, participants - countedSoFar.reduce((sum, n) => sum + n, 0));
}

/**
 * The count offered for the next option (Enter takes it). Counts the group gave before (the trainer
 * went back and returns) come back as they were. The last option of a single choice gets the rest
 * of the group, since every hand not yet counted went there; the counts kept from before win only
 * while the options before it were left as they were, so a changed count never leaves a stale rest.
 */
export function tallyDefault(node: TreeNode, participants: number, countedSoFar: readonly number[], kept?: readonly TallyEntry[]): number {
  const max = tallyLimit(node, participants, countedSoFar);
  const options = optionsOf(node);
  const keptCount = (i: number) => kept?.find((e) => e.option === options[i]?.id)?.count;
  const before = keptCount(countedSoFar.length);
  const fits = before !== undefined && before <= max;
  if (kindOf(node).tally === 'single' && countedSoFar.length === options.length - 1) {
    return fits && countedSoFar.every((n, i) => n === keptCount(i)) ? before : max;
  }
  return fits ? before : 0;
}

/**
 * How many questions the group still answers from `from` (that one included) to an outcome: the
 * fewest and the most over every way on. Information nodes ask nothing. The tree has no cycles
 * (checkTree), so this ends; a rule that can never fire may make `most` one path too long.
 */
export function questionsAhead(tree: Tree, from: string): { fewest: number; most: number } {
  const known = new Map<string, { fewest: number; most: number }>();
  const count = (id: string): { fewest: number; most: number } => {
    const done = known.get(id);
    if (done) return done;
    const node = tree.nodes.get(id);
    const role = node && kindOf(node).role;
    if (!node || role === 'end') return { fewest: 0, most: 0 };
    const own = role === 'pass' ? 0 : 1;
    const next = successors(node).map((s) => count(s.target));
    const result = { fewest: own + Math.min(...next.map((n) => n.fewest)), most: own + Math.max(...next.map((n) => n.most)) };
    known.set(id, result);
    return result;
  };
  return count(from);
}

/**
 * "Question n of total" for the question at `state`: `total` counts the questions answered plus the
 * most still ahead, so it never falls short; `fixed` says whether every way on asks as many.
 */
export function questionNumber(tree: Tree, state: WalkState): { n: number; total: number; fixed: boolean } {
  const asked = state.steps.filter((s) => s.answer !== null).length;
  const { fewest, most } = questionsAhead(tree, state.at);
  return { n: asked + 1, total: asked + most, fixed: fewest === most };
}

/**
 * The group's earlier answer that a question refers back to (its `recall` field), with its place
 * on the path; undefined when the path did not pass that question.
 */
export function recalledStep(node: TreeNode, steps: readonly GroupStep[]): { step: GroupStep; index: number } | undefined {
  const recall = 'recall' in node ? node.recall : undefined;
  if (!recall) return undefined;
  const index = steps.findIndex((s) => s.node === recall);
  return index < 0 ? undefined : { step: steps[index]!, index };
}

/**
 * The choice the show of hands suggests, offered first to the trainer: the option most chose
 * (the first on a tie) in a single choice, the options a majority chose in a multiple one.
 * Undefined when nobody raised a hand.
 */
export function suggestedChoice(node: TreeNode, tally: readonly TallyEntry[], participants: number): string | string[] | undefined {
  if (kindOf(node).tally === 'multiple') {
    const chosen = tally.filter((e) => e.count * 2 > participants).map((e) => e.option);
    return chosen.length > 0 ? chosen : undefined;
  }
  let best: TallyEntry | undefined;
  for (const entry of tally) if (entry.count > 0 && (!best || entry.count > best.count)) best = entry;
  return best?.option;
}

/** A bar of `width` cells, filled in proportion to `count` of `max`, for tallies in text. */
export function tallyBar(count: number, max: number, width: number): string {
  const filled = max > 0 ? Math.round((Math.min(count, max) / max) * width) : 0;
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}

/** The free text the walk engine takes as a motivation: the arguments, where the node allows one. */
function motivationOf(node: TreeNode, step: GroupStep): string | undefined {
  return motivationRule(node, step.choice) === 'none' ? undefined : step.arguments;
}

/** Passes information nodes: a group has nothing to decide there. */
function passInfo(tree: Tree, state: WalkState): WalkState {
  let at = state;
  while (kindOf(currentNode(tree, at)).role === 'pass') at = answer(tree, at, null);
  return at;
}

/**
 * Walks the tree along the group's choices, like a walk along one person's answers: the result
 * stands at the next question, or at the outcome. Throws WalkError when a step does not fit, so a
 * recorded group path can be replayed against its pinned tree.
 */
export function groupState(tree: Tree, steps: readonly GroupStep[]): WalkState {
  let state = passInfo(tree, startWalk(tree));
  for (const step of steps) {
    if (state.at !== step.node) throw new WalkError('off-path', step.node);
    const node = currentNode(tree, state);
    state = passInfo(tree, answer(tree, state, step.choice, motivationOf(node, step)));
  }
  return state;
}

/** The information nodes passed since the group's last decision: shown with the next question. */
export function infoSinceLastChoice(state: WalkState): string[] {
  const passed: string[] = [];
  for (let i = state.steps.length - 1; i >= 0 && state.steps[i]!.answer === null; i--) passed.unshift(state.steps[i]!.node);
  return passed;
}

/** Whether the group's arguments must be given at this choice: where a walker's motivation must. */
export function argumentsRequired(node: TreeNode, choice: GroupStep['choice']): boolean {
  return motivationRule(node, choice) === 'required';
}

/** The afspraak answers the group's path gives: its choices at single and multiple nodes. */
export function groupAnswers(tree: Tree, steps: readonly GroupStep[]): Record<string, string | string[]> {
  const answers: Record<string, string | string[]> = {};
  for (const step of steps) {
    if (isChoice(tree.nodes.get(step.node))) answers[step.node] = typeof step.choice === 'string' ? step.choice : [...step.choice];
  }
  return answers;
}
