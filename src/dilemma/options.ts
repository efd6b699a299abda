import { kindOf } from './kinds/index.js';
import type { Option, TreeNode } from './schema.js';

/** The options a node offers: none for a kind without options (or no node). */
export function optionsOf(node: TreeNode | undefined): readonly Option[] {
  return node ? kindOf(node).options(node) : [];
}
