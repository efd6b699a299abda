import type { Option, TreeNode } from './schema.js';

/** The options a node offers: a choice question's, none for other kinds (or no node). */
export function optionsOf(node: TreeNode | undefined): readonly Option[] {
  return node && (node.kind === 'single' || node.kind === 'multiple') ? node.options : [];
}
