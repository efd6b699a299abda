import type { Answer, Step } from '../walk/engine.js';
import { WalkError, nextNode } from '../walk/engine.js';
import type { Problem } from './graph.js';
import type { Tree } from './model.js';
import { isChoice, kindOf } from './kinds/index.js';
import type { Afspraak, DilemmaFile, TreeNode } from './schema.js';

/**
 * The afspraak's route through the tree: the choice nodes it passes, every node it passes (text and
 * information nodes too, in order: the path a picture of the tree marks), and where it ends.
 */
export function afspraakRoute(tree: Tree, afspraak: Afspraak): { nodes: string[]; passed: string[]; outcome: string } {
  const nodes: string[] = [];
  const passed: string[] = [];
  let at = tree.start;
  for (let guard = 0; guard <= tree.nodes.size; guard++) {
    const node = tree.nodes.get(at);
    if (!node) throw new WalkError('unknown-node', at);
    const kind = kindOf(node);
    if (kind.role === 'end') return { nodes, passed, outcome: at };
    passed.push(at);
    if (isChoice(node)) {
      const given = afspraak.answers[at];
      if (given === undefined) throw new WalkError('missing-answer', at);
      nodes.push(at);
      at = nextNode(node, given);
    } else {
      // Free text and information nodes carry no agreed answer; walk on.
      at = kind.successors(node)[0]!.target;
    }
  }
  throw new WalkError('bad-step', at);
}

/** Checks that the afspraak's answers exist, lie on one path, and lead to its stated outcome. */
export function checkAfspraak(dilemma: DilemmaFile, tree: Tree): Problem[] {
  const afspraak = dilemma.afspraak;
  if (!afspraak) return [];
  const problems: Problem[] = [];
  for (const id of Object.keys(afspraak.answers)) {
    if (!tree.nodes.has(id)) problems.push({ code: 'afspraak-unknown-node', subject: id, path: ['afspraak', 'answers', id] });
  }
  if (!tree.nodes.has(afspraak.outcome) || !isEnd(tree.nodes.get(afspraak.outcome))) {
    problems.push({ code: 'afspraak-unknown-node', subject: afspraak.outcome, path: ['afspraak', 'outcome'] });
  }
  if (problems.length > 0) return problems;
  try {
    const route = afspraakRoute(tree, afspraak);
    if (route.outcome !== afspraak.outcome) {
      problems.push({ code: 'afspraak-wrong-outcome', subject: afspraak.outcome, detail: route.outcome, path: ['afspraak', 'outcome'] });
    }
    for (const id of Object.keys(afspraak.answers)) {
      if (!route.nodes.includes(id)) problems.push({ code: 'afspraak-off-path', subject: id, path: ['afspraak', 'answers', id] });
    }
  } catch (error) {
    if (!(error instanceof WalkError)) throw error;
    const code = error.code === 'missing-answer' ? 'afspraak-incomplete' : 'afspraak-unknown-option';
    problems.push({ code, subject: error.node, detail: error.detail ?? '', path: ['afspraak', 'answers', ...(error.code === 'missing-answer' ? [] : [error.node])] });
  }
  return problems;
}

export interface AfspraakDifference {
  node: string;
  agreed: Answer | undefined;
  given: Answer | undefined;
}

/** Where a walk departs from the afspraak: choices made otherwise, and whether the outcome matches. */
export function compareWithAfspraak(
  tree: Tree,
  steps: readonly Step[],
  outcome: string,
  afspraak: Afspraak,
): { sameOutcome: boolean; differences: AfspraakDifference[] } {
  const given = new Map(steps.map((s) => [s.node, s.answer]));
  const nodes = new Set([...steps.map((s) => s.node), ...Object.keys(afspraak.answers)]);
  const differences: AfspraakDifference[] = [];
  for (const node of nodes) {
    // Free text has no agreed value; only choices are compared.
    if (!isChoice(tree.nodes.get(node))) continue;
    const agreed = afspraak.answers[node];
    const mine = given.get(node);
    if (!sameAnswer(agreed, mine)) differences.push({ node, agreed, given: mine });
  }
  return { sameOutcome: outcome === afspraak.outcome, differences };
}

function isEnd(node: TreeNode | undefined): boolean {
  return node !== undefined && kindOf(node).role === 'end';
}

function sameAnswer(a: Answer | undefined, b: Answer | undefined): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
  }
  return a === b;
}
