import type { YamlPath } from '../platform/yaml-source.js';
import { missingLanguages } from './localize.js';
import { isQuestion, kindOf, type Successor } from './kinds/index.js';
import type { Localized, TreeNode } from './schema.js';

import type { Problem } from './problem.js';

export type { Problem, ProblemCode } from './problem.js';

/** The successors of a node, each with the document path of the reference. */
export function successors(node: TreeNode): Successor[] {
  return kindOf(node).successors(node);
}

/**
 * Structural checks of a question tree: references resolve, every node is reachable, no cycles,
 * every path ends in an outcome, every text has every declared language. `base` is where the
 * tree's `nodes` list stands in its document.
 */
export function checkTree(start: string, nodes: readonly TreeNode[], languages: readonly string[], base: YamlPath = []): Problem[] {
  const problems: Problem[] = [];
  const index = new Map<string, number>();
  nodes.forEach((node, i) => {
    if (index.has(node.id)) problems.push({ code: 'duplicate-node', subject: node.id, path: [...base, 'nodes', i, 'id'] });
    else index.set(node.id, i);
  });
  if (!index.has(start)) problems.push({ code: 'unknown-start', subject: start, path: [...base, 'start'] });

  nodes.forEach((node, i) => {
    const at = (...rest: PropertyKey[]): YamlPath => [...base, 'nodes', i, ...rest];
    for (const { target, path } of successors(node)) {
      if (!index.has(target)) problems.push({ code: 'unknown-target', subject: target, detail: node.id, path: at(...path) });
    }
    const seen = new Set<string>();
    kindOf(node)
      .options(node)
      .forEach((option, j) => {
        if (seen.has(option.id)) problems.push({ code: 'duplicate-option', subject: option.id, detail: node.id, path: at('options', j, 'id') });
        seen.add(option.id);
      });
    problems.push(...kindOf(node).check(node, at));
    for (const { text, path } of localizedFields(node)) {
      for (const lang of missingLanguages(text, languages)) {
        problems.push({ code: 'missing-translation', subject: lang, detail: node.id, path: at(...path) });
      }
    }
  });

  problems.push(...checkPaths(start, nodes, index, base), ...checkRecalls(nodes, index, base));
  return problems;
}

/** A `recall` names a question that can come before this one: the answer to show is then there to show. */
function checkRecalls(nodes: readonly TreeNode[], index: Map<string, number>, base: YamlPath): Problem[] {
  const problems: Problem[] = [];
  nodes.forEach((node, i) => {
    if (!isQuestion(node) || !('recall' in node) || node.recall === undefined) return;
    const path = [...base, 'nodes', i, 'recall'];
    const target = nodes[index.get(node.recall) ?? -1];
    if (!target || !isQuestion(target)) {
      problems.push({ code: 'recall-unknown-node', subject: node.recall, detail: node.id, path });
    } else if (!leadsTo(target, node.id, nodes, index)) {
      problems.push({ code: 'recall-not-before', subject: node.recall, detail: node.id, path });
    }
  });
  return problems;
}

/** Whether some path goes from `from` on to the node `to`. */
function leadsTo(from: TreeNode, to: string, nodes: readonly TreeNode[], index: Map<string, number>): boolean {
  const seen = new Set<string>();
  const stack = successors(from).map((s) => s.target);
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === to) return true;
    const node = nodes[index.get(id) ?? -1];
    if (seen.has(id) || !node) continue;
    seen.add(id);
    stack.push(...successors(node).map((s) => s.target));
  }
  return false;
}

/** Reachability, cycles and dead ends in one depth-first pass from the start. */
function checkPaths(start: string, nodes: readonly TreeNode[], index: Map<string, number>, base: YamlPath): Problem[] {
  const problems: Problem[] = [];
  const state = new Map<string, 'active' | 'done'>();
  const reachesOutcome = new Map<string, boolean>();
  const visit = (id: string): boolean => {
    const i = index.get(id);
    if (i === undefined) return true; // reported as unknown-target already
    const node = nodes[i]!;
    const seen = state.get(id);
    if (seen === 'active') {
      problems.push({ code: 'cycle', subject: id, path: [...base, 'nodes', i, 'id'] });
      return true;
    }
    if (seen === 'done') return reachesOutcome.get(id) ?? true;
    state.set(id, 'active');
    const next = successors(node);
    let ok = kindOf(node).role === 'end';
    for (const { target } of next) ok = visit(target) || ok;
    state.set(id, 'done');
    reachesOutcome.set(id, ok);
    if (!ok) problems.push({ code: 'dead-end', subject: id, path: [...base, 'nodes', i, 'id'] });
    return ok;
  };
  if (index.has(start)) visit(start);
  nodes.forEach((node, i) => {
    if (!state.has(node.id) && index.get(node.id) === i) {
      problems.push({ code: 'unreachable-node', subject: node.id, path: [...base, 'nodes', i, 'id'] });
    }
  });
  return problems;
}

/** Every localized text of a node with its document path, for translation checks. */
export function localizedFields(node: TreeNode): { text: Localized; path: YamlPath }[] {
  const fields: { text: Localized; path: YamlPath }[] = [{ text: node.text, path: ['text'] }];
  if (node.help) fields.push({ text: node.help, path: ['help'] });
  if (node.disputed) fields.push({ text: node.disputed, path: ['disputed'] });
  node.legal?.forEach((item, i) => {
    if (typeof item === 'object' && 'source' in item) {
      if (item.note !== undefined) fields.push({ text: item.note as Localized, path: ['legal', i, 'note'] });
    } else fields.push({ text: item, path: ['legal', i] });
  });
  kindOf(node)
    .options(node)
    .forEach((o, i) => fields.push({ text: o.label, path: ['options', i, 'label'] }));
  fields.push(...kindOf(node).localizedFields(node));
  return fields;
}
