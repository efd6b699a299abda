import type { BaseNode, NodeKind, NodeOf } from './kind.js';
import { info } from './info.js';
import { multiple } from './multiple.js';
import { outcome } from './outcome.js';
import { single } from './single.js';
import { text } from './text.js';

export type { Ask, AskChoice, BaseNode, LocalizedField, NodeKind, Successor, Tally } from './kind.js';

/** The kinds of node a tree may hold: a new kind is one file beside these and one entry here. */
const KINDS = [single, multiple, text, info, outcome] as const;

export type SingleNode = NodeOf<typeof single>;
export type MultipleNode = NodeOf<typeof multiple>;
export type TextNode = NodeOf<typeof text>;
export type InfoNode = NodeOf<typeof info>;
export type OutcomeNode = NodeOf<typeof outcome>;
/** A node of any kind listed above. */
export type TreeNode = NodeOf<(typeof KINDS)[number]>;

const registry = new Map<string, NodeKind>(KINDS.map((kind) => [kind.name, kind as unknown as NodeKind]));

/** Set once the kinds were listed (for the node schema): a kind added later would be missing from it. */
let listed = false;

/** Every kind, in the order the node schema lists them. */
export function allKinds(): readonly NodeKind[] {
  listed = true;
  return [...registry.values()];
}

/**
 * Adds a kind. The node schema is built from the kinds known at its first use, so a kind is added
 * before any tree is read: tests add a fictitious one this way.
 */
export function registerKind<N extends BaseNode>(kind: NodeKind<N>): void {
  if (registry.has(kind.name)) throw new Error(`kind ${kind.name} is registered already`);
  if (listed) throw new Error(`kind ${kind.name} comes after the node schema was built`);
  registry.set(kind.name, kind as unknown as NodeKind);
}

/** What a node's kind has and does. */
export function kindOf(node: BaseNode): NodeKind {
  const kind = registry.get(node.kind);
  // The schema admits only registered kinds: a miss is a bug.
  if (!kind) throw new Error(`unknown node kind ${node.kind}`);
  return kind;
}

/** Whether a walker answers at this node (not information, not an end). */
export function isQuestion(node: BaseNode | undefined): boolean {
  return node !== undefined && kindOf(node).role === 'question';
}

/** Whether the answer at this node is the walker's own words (to keep unlabelled and to check for identifying data). */
export function isFreeText(node: BaseNode | undefined): boolean {
  return node !== undefined && kindOf(node).freeText;
}

/** Whether the answer at this node is a choice of options: a question not answered in free text. */
export function isChoice(node: BaseNode | undefined): boolean {
  if (!node) return false;
  const kind = kindOf(node);
  return kind.role === 'question' && !kind.freeText;
}
