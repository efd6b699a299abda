import type { Tree } from '../dilemma/model.js';
import { kindOf } from '../dilemma/kinds/index.js';
import type { MultipleNode, Rule, TreeNode } from '../dilemma/schema.js';
import { motivationRule, nextNode, type Answer } from '../walk/engine.js';

/** One way out of a node: the answer that takes it, where it leads, and whether it needs a motivation. */
export interface Edge {
  /** Index of the option (single), of the rule (multiple), or 0 (text, info): stable across runs. */
  index: number;
  answer: Answer;
  next: string;
  motivationRequired: boolean;
}

/** What a path answers at text nodes and where a motivation is required. */
export interface Placeholders {
  text: string;
  motivation: string;
}

export interface PathStep {
  node: string;
  answer: string | string[];
  motivation?: string;
}

/** A path from the start to an outcome: the answers at each question on it (information nodes left out). */
export interface TreePath {
  outcome: string;
  steps: PathStep[];
}

/** Which rule of a multiple node a choice fires: the engine decides, on a copy whose targets are the rule indices. */
export function firingRule(node: MultipleNode, chosen: readonly string[]): number {
  const indexed: MultipleNode = { ...node, rules: node.rules.map((rule, i) => ({ ...rule, next: String(i) })) };
  return Number(nextNode(indexed, chosen));
}

/** Beyond this many partial choices the search for a rule's choice set gives up (only contrived rules get near it). */
const SEARCH_LIMIT = 1 << 20;

type Truth = boolean | undefined;

/** A rule's condition under a partial choice (undefined: not decided yet), in three-valued logic. */
function ruleTruth(rule: Rule, chosen: ReadonlyMap<string, boolean>): Truth {
  const w = rule.when;
  if (!w) return true;
  const parts: Truth[] = [];
  if (w.any) parts.push(w.any.some((id) => chosen.get(id) === true) ? true : w.any.every((id) => chosen.get(id) === false) ? false : undefined);
  if (w.all) parts.push(w.all.some((id) => chosen.get(id) === false) ? false : w.all.every((id) => chosen.get(id) === true) ? true : undefined);
  if (w.none) parts.push(w.none.some((id) => chosen.get(id) === true) ? false : w.none.every((id) => chosen.get(id) === false) ? true : undefined);
  if (parts.includes(false)) return false;
  return parts.includes(undefined) ? undefined : true;
}

export type ChoiceSearch = { kind: 'found'; chosen: string[] } | { kind: 'never' } | { kind: 'too-complex' };

/**
 * A small choice set that fires rule `ruleIndex` of a multiple node (and no rule before it), or
 * `never` when no non-empty choice does. Depth-first over the options, pruned as soon as the rule
 * is sure to fail or an earlier rule is sure to fire; the set found is then trimmed to one where
 * no option can be left out, preferring the first options in file order.
 */
export function representativeChoice(node: MultipleNode, ruleIndex: number): ChoiceSearch {
  const rule = node.rules[ruleIndex];
  if (!rule) return { kind: 'never' };
  const fires = (chosen: readonly string[]) => chosen.length > 0 && firingRule(node, chosen) === ruleIndex;
  const search = firstFiring(node, rule, node.rules.slice(0, ruleIndex), fires);
  if (typeof search === 'string') return { kind: search };
  // Leave out what is not needed, from the last option back, so the first options remain.
  let chosen = search;
  for (let i = chosen.length - 1; i >= 0 && chosen.length > 1; i--) {
    const without = chosen.filter((_, j) => j !== i);
    if (fires(without)) chosen = without;
  }
  return { kind: 'found', chosen };
}

/** The depth-first search of representativeChoice: the first choice set (options chosen first) that fires. */
function firstFiring(
  node: MultipleNode,
  rule: Rule,
  earlier: readonly Rule[],
  fires: (chosen: readonly string[]) => boolean,
): string[] | 'never' | 'too-complex' {
  const ids = node.options.map((o) => o.id);
  const decided = new Map<string, boolean>();
  // One entry per decided option: 0 while it is chosen, 1 once it is tried left out.
  const tried: number[] = [];
  for (let visited = 0; visited <= SEARCH_LIMIT; visited++) {
    const depth = tried.length;
    const possible = ruleTruth(rule, decided) !== false && earlier.every((r) => ruleTruth(r, decided) !== true);
    if (possible && depth === ids.length) {
      const chosen = ids.filter((id) => decided.get(id));
      if (fires(chosen)) return chosen;
    }
    if (possible && depth < ids.length) {
      tried.push(0);
      decided.set(ids[depth]!, true);
      continue;
    }
    // Backtrack to the deepest option still to be tried the other way.
    while (tried.length > 0 && tried[tried.length - 1] === 1) {
      tried.pop();
      decided.delete(ids[tried.length]!);
    }
    if (tried.length === 0) return 'never';
    tried[tried.length - 1] = 1;
    decided.set(ids[tried.length - 1]!, false);
  }
  return 'too-complex';
}

export interface DeadRule {
  node: string;
  rule: number;
  reason: 'never' | 'too-complex';
}

/**
 * The ways out of each node, computed once per node: every option of a single node, one
 * representative choice per rule that can fire of a multiple node, a placeholder text for a text node.
 */
export class PathModel {
  private readonly edges = new Map<string, readonly Edge[]>();
  readonly deadRules: DeadRule[] = [];

  constructor(
    readonly tree: Tree,
    private readonly placeholders: Placeholders,
  ) {}

  node(id: string): TreeNode {
    const node = this.tree.nodes.get(id);
    if (!node) throw new Error(`unknown node ${id}`);
    return node;
  }

  edgesOf(id: string): readonly Edge[] {
    let edges = this.edges.get(id);
    if (!edges) {
      edges = this.computeEdges(this.node(id));
      this.edges.set(id, edges);
    }
    return edges;
  }

  private computeEdges(node: TreeNode): Edge[] {
    const edge = (index: number, answer: Answer, next: string): Edge => ({
      index,
      answer,
      next,
      motivationRequired: motivationRule(node, answer) === 'required',
    });
    const kind = kindOf(node);
    return kind.successors(node).flatMap((way, i) => {
      if (kind.role === 'pass') return [edge(i, null, way.target)];
      if (kind.freeText) return [edge(i, this.placeholders.text, way.target)];
      if (way.option) return [edge(i, way.option.id, way.target)];
      if (way.rule) {
        const search = representativeChoice(node as MultipleNode, i);
        if (search.kind !== 'found') {
          this.deadRules.push({ node: node.id, rule: i, reason: search.kind });
          return [];
        }
        return [edge(i, search.chosen, way.target)];
      }
      // A way no single option or rule names: the first option that takes it.
      const option = kind.options(node).find((o) => kind.taken(node, o.id) === i);
      return option ? [edge(i, option.id, way.target)] : [];
    });
  }

  /**
   * Every path from the start to an outcome, one at a time, depth-first in file order. Iterative,
   * so a deep tree cannot overflow the stack, and lazy, so thousands of paths need little memory.
   */
  *paths(): Generator<TreePath> {
    const start = this.node(this.tree.start);
    if (kindOf(start).role === 'end') {
      yield { outcome: start.id, steps: [] };
      return;
    }
    const frames: { node: TreeNode; next: number }[] = [{ node: start, next: 0 }];
    const steps: (PathStep | undefined)[] = [undefined];
    while (frames.length > 0) {
      const top = frames[frames.length - 1]!;
      const edges = this.edgesOf(top.node.id);
      const edge = edges[top.next++];
      if (!edge) {
        frames.pop();
        steps.pop();
        continue;
      }
      steps[frames.length - 1] =
        kindOf(top.node).role === 'pass'
          ? undefined
          : {
              node: top.node.id,
              answer: Array.isArray(edge.answer) ? [...(edge.answer as readonly string[])] : (edge.answer as string),
              ...(edge.motivationRequired ? { motivation: this.placeholders.motivation } : {}),
            };
      const target = this.node(edge.next);
      if (kindOf(target).role === 'end') {
        yield { outcome: target.id, steps: steps.filter((s): s is PathStep => s !== undefined) };
      } else {
        // A cycle would never end; checkTree rejects those, this only guards against misuse.
        if (frames.length > this.tree.nodes.size) throw new Error(`cycle through ${target.id}`);
        frames.push({ node: target, next: 0 });
        steps.push(undefined);
      }
    }
  }

  /** How many paths there are, which outcomes they reach and the most questions one asks, counted without listing them. */
  coverage(): Coverage {
    const counts = new Map<string, number>();
    // The most questions from a node to an outcome: info nodes ask nothing.
    const depths = new Map<string, number>();
    const expanded = new Set<string>();
    // Post-order without recursion: a node is counted once all its successors are.
    const stack: string[] = [this.tree.start];
    while (stack.length > 0) {
      const id = stack[stack.length - 1]!;
      if (counts.has(id)) {
        stack.pop();
        continue;
      }
      const node = this.node(id);
      const edges = this.edgesOf(id);
      const pending = [...new Set(edges.filter((e) => !counts.has(e.next)).map((e) => e.next))];
      if (pending.length > 0) {
        // Back here with a successor still uncounted: only a cycle does that (checkTree rejects those).
        if (expanded.has(id)) throw new Error(`cycle through ${id}`);
        expanded.add(id);
        stack.push(...pending);
        continue;
      }
      const role = kindOf(node).role;
      counts.set(id, role === 'end' ? 1 : edges.reduce((sum, e) => sum + counts.get(e.next)!, 0));
      depths.set(id, role === 'end' ? 0 : (role === 'pass' ? 0 : 1) + edges.reduce((most, e) => Math.max(most, depths.get(e.next)!), 0));
      stack.pop();
    }
    const outcomes = [...this.tree.nodes.values()].filter((n) => kindOf(n).role === 'end').map((n) => n.id);
    return {
      paths: counts.get(this.tree.start) ?? 0,
      longest: depths.get(this.tree.start) ?? 0,
      outcomes: outcomes.length,
      reached: outcomes.filter((id) => (counts.get(id) ?? 0) > 0),
      unreached: outcomes.filter((id) => !counts.has(id)),
      deadRules: [...this.deadRules],
    };
  }
}

export interface Coverage {
  paths: number;
  /** The most questions any path asks. */
  longest: number;
  outcomes: number;
  reached: string[];
  unreached: string[];
  deadRules: DeadRule[];
}

/** A path in the answers-file shape (`walk --answers`), with the outcome it should reach. */
export function answersOf(path: TreePath): Record<string, { answer: string | string[]; motivation?: string }> {
  const answers: Record<string, { answer: string | string[]; motivation?: string }> = {};
  for (const step of path.steps) answers[step.node] = { answer: step.answer, ...(step.motivation !== undefined ? { motivation: step.motivation } : {}) };
  return answers;
}
