import { successors } from '../dilemma/graph.js';
import { isChoice } from '../dilemma/kinds/index.js';
import { optionsOf } from '../dilemma/options.js';
import type { Tree } from '../dilemma/model.js';
import type { Localized, TreeNode } from '../dilemma/schema.js';
import { canonicalJson } from '../platform/canonical.js';

/**
 * What changed at one node between two versions of a tree. `texts` alone never changes where a
 * walk goes or ends; every other kind can.
 */
export const CHANGE_KINDS = ['added', 'removed', 'kind', 'options', 'routing', 'motivation', 'outcome', 'legal', 'texts'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface OptionChanges {
  added: string[];
  removed: string[];
  /** An option at the same place in the list with another id: most likely the same answer, renamed. */
  renamed: { from: string; to: string }[];
}

export interface NodeChange {
  node: string;
  /** In the order of CHANGE_KINDS. */
  changes: ChangeKind[];
  options?: OptionChanges;
}

export interface TreeDiff {
  /** The first question, when it moved: `{old, new}`. */
  start?: { old: string; new: string };
  /** Changed nodes: the old tree's order first, then the nodes only the new tree has. */
  nodes: NodeChange[];
}

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

function optionChanges(before: TreeNode, after: TreeNode): OptionChanges | undefined {
  if (!isChoice(before) || !isChoice(after)) return undefined;
  const oldIds = optionsOf(before).map((o) => o.id);
  const newIds = optionsOf(after).map((o) => o.id);
  const removed = oldIds.filter((id) => !newIds.includes(id));
  const added = newIds.filter((id) => !oldIds.includes(id));
  const renamed: { from: string; to: string }[] = [];
  for (const from of [...removed]) {
    const to = newIds[oldIds.indexOf(from)];
    if (to !== undefined && added.includes(to)) {
      renamed.push({ from, to });
      removed.splice(removed.indexOf(from), 1);
      added.splice(added.indexOf(to), 1);
    }
  }
  return added.length + removed.length + renamed.length > 0 ? { added, removed, renamed } : undefined;
}

/** Where each answer of a node leads: option targets, rules, or the one `next`. */
function routing(node: TreeNode): unknown {
  return successors(node).map((way) => (way.option ? [way.option.id, way.target] : (way.rule ?? way.target)));
}

function motivations(node: TreeNode): unknown {
  const own = 'motivation' in node ? node.motivation : undefined;
  const perOption = optionsOf(node).map((o) => [o.id, o.motivation]);
  return [own, perOption];
}

function texts(node: TreeNode): unknown {
  const labels: [string, Localized][] = optionsOf(node).map((o) => [o.id, o.label]);
  return [node.text, node.help, node.disputed, node.kind === 'outcome' ? node.advice : undefined, labels];
}

/** The node with renamed options under their new ids, so a rename alone is not also a change of routing or texts. */
function withRenames(node: TreeNode, renamed: OptionChanges['renamed']): TreeNode {
  if (renamed.length === 0) return node;
  const rename = (id: string) => renamed.find((r) => r.from === id)?.to ?? id;
  const when = (ids: string[] | undefined) => (ids ? ids.map(rename) : undefined);
  // Options and the rules that name them, whichever kind has them.
  return {
    ...node,
    ...('options' in node ? { options: optionsOf(node).map((o) => ({ ...o, id: rename(o.id) })) } : {}),
    ...('rules' in node ? { rules: node.rules.map((r) => (r.when ? { ...r, when: { any: when(r.when.any), all: when(r.when.all), none: when(r.when.none) } } : r)) } : {}),
  } as TreeNode;
}

function nodeChange(original: TreeNode, after: TreeNode): NodeChange | undefined {
  const changes: ChangeKind[] = [];
  if (original.kind !== after.kind) return { node: original.id, changes: ['kind'] };
  const options = optionChanges(original, after);
  if (options) changes.push('options');
  const before = withRenames(original, options?.renamed ?? []);
  if (!same(routing(before), routing(after))) changes.push('routing');
  if (!same(motivations(before), motivations(after))) changes.push('motivation');
  if (before.kind === 'outcome' && after.kind === 'outcome' && !same([before.verdict, before.conditions], [after.verdict, after.conditions])) changes.push('outcome');
  if (!same(before.legal, after.legal)) changes.push('legal');
  if (!same(texts(before), texts(after))) changes.push('texts');
  return changes.length > 0 ? { node: before.id, changes, ...(options ? { options } : {}) } : undefined;
}

/** Node by node, what changed from `before` to `after`. */
export function diffTrees(before: Tree, after: Tree): TreeDiff {
  const nodes: NodeChange[] = [];
  for (const [id, node] of before.nodes) {
    const other = after.nodes.get(id);
    const change = other ? nodeChange(node, other) : { node: id, changes: ['removed' as const] };
    if (change) nodes.push(change);
  }
  for (const id of after.nodes.keys()) if (!before.nodes.has(id)) nodes.push({ node: id, changes: ['added'] });
  return { ...(before.start !== after.start ? { start: { old: before.start, new: after.start } } : {}), nodes };
}
