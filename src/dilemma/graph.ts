import type { YamlPath } from '../util/yaml-source.js';
import { missingLanguages } from './localize.js';
import type { Localized, TreeNode } from './schema.js';

export type ProblemCode =
  | 'duplicate-node'
  | 'duplicate-option'
  | 'unknown-target'
  | 'unknown-start'
  | 'unknown-option-in-rule'
  | 'no-default-rule'
  | 'unreachable-node'
  | 'cycle'
  | 'dead-end'
  | 'missing-translation'
  | 'recall-unknown-node'
  | 'recall-not-before'
  | 'afspraak-unknown-node'
  | 'afspraak-unknown-option'
  | 'afspraak-off-path'
  | 'afspraak-wrong-outcome'
  | 'afspraak-incomplete';

/** A finding about a tree, located by its path in the YAML document so the loader can give line:col. */
export interface Problem {
  code: ProblemCode;
  /** Node, option or language concerned, for the message. */
  subject: string;
  detail?: string;
  path: YamlPath;
}

/** The successors of a node, each with the document path of the reference. */
export function successors(node: TreeNode): { target: string; path: YamlPath }[] {
  switch (node.kind) {
    case 'single':
      return node.options.map((o, i) => ({ target: o.next, path: ['options', i, 'next'] }));
    case 'multiple':
      return node.rules.map((r, i) => ({ target: r.next, path: ['rules', i, 'next'] }));
    case 'text':
    case 'info':
      return [{ target: node.next, path: ['next'] }];
    case 'outcome':
      return [];
  }
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
    if (node.kind === 'single' || node.kind === 'multiple') {
      const seen = new Set<string>();
      node.options.forEach((option, j) => {
        if (seen.has(option.id)) problems.push({ code: 'duplicate-option', subject: option.id, detail: node.id, path: at('options', j, 'id') });
        seen.add(option.id);
      });
      if (node.kind === 'multiple') {
        node.rules.forEach((rule, j) => {
          for (const key of ['any', 'all', 'none'] as const) {
            (rule.when?.[key] ?? []).forEach((id, k) => {
              if (!seen.has(id)) problems.push({ code: 'unknown-option-in-rule', subject: id, detail: node.id, path: at('rules', j, 'when', key, k) });
            });
          }
        });
        const last = node.rules.length - 1;
        if (node.rules[last]?.when !== undefined) problems.push({ code: 'no-default-rule', subject: node.id, path: at('rules', last) });
      }
    }
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
    if (node.kind !== 'single' && node.kind !== 'multiple' && node.kind !== 'text') return;
    if (node.recall === undefined) return;
    const path = [...base, 'nodes', i, 'recall'];
    const target = nodes[index.get(node.recall) ?? -1];
    if (!target || (target.kind !== 'single' && target.kind !== 'multiple' && target.kind !== 'text')) {
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
    let ok = node.kind === 'outcome';
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
  if (node.kind === 'single' || node.kind === 'multiple') {
    node.options.forEach((o, i) => fields.push({ text: o.label, path: ['options', i, 'label'] }));
  }
  if (node.kind === 'outcome') {
    node.conditions?.forEach((text, i) => fields.push({ text, path: ['conditions', i] }));
    if (node.advice) fields.push({ text: node.advice, path: ['advice'] });
  }
  return fields;
}
