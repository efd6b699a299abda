import type { Author } from '../../src/config/config.js';
import type { LoadedDilemma } from '../../src/dilemma/model.js';
import type { TreeNode } from '../../src/dilemma/schema.js';
import { answer, currentNode, motivationRule, outcomeOf, startWalk, type Answer, type WalkState } from '../../src/walk/engine.js';

export const AUTHOR: Author = { name: 'Test Persoon', role: 'wijkteammedewerker', domain: 'zorg', organisation: 'Gemeente Oefenstad' };

/** What to answer at a choice or text node; `undefined` means: the first option. */
export type Chooser = (node: Exclude<TreeNode, { kind: 'info' | 'outcome' }>, step: number) => Answer | undefined;

/**
 * Walks a dilemma's tree with the engine: `choose` gives the answers, `motivate` a motivation for
 * each step where one is allowed (it must give one where one is required).
 */
export function walkDilemma(
  dilemma: LoadedDilemma,
  choose: Chooser,
  motivate: (node: string, step: number, required: boolean) => string | undefined,
): WalkState {
  const tree = dilemma.tree;
  let state = startWalk(tree);
  for (let step = 0; outcomeOf(tree, state) === undefined; step++) {
    if (step > tree.nodes.size) throw new Error('walk does not end');
    const node = currentNode(tree, state);
    if (node.kind === 'info') {
      state = answer(tree, state, null);
      continue;
    }
    if (node.kind === 'outcome') break;
    const given = choose(node, step) ?? (node.kind === 'text' ? 'Een concreet doel.' : node.kind === 'single' ? node.options[0]!.id : [node.options[0]!.id]);
    const rule = motivationRule(node, given);
    const motivation = rule === 'none' ? undefined : motivate(node.id, step, rule === 'required');
    state = answer(tree, state, given, motivation);
  }
  return state;
}

/** Chooses what the dilemma's afspraak agreed, and the first option elsewhere. */
export function afspraakChooser(dilemma: LoadedDilemma): Chooser {
  const agreed = dilemma.file.afspraak?.answers ?? {};
  return (node) => agreed[node.id];
}
