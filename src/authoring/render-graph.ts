import { localize } from '../dilemma/localize.js';
import type { Tree } from '../dilemma/model.js';
import { kindOf, type NodeKind } from '../dilemma/kinds/index.js';
import type { Localized, Option, Rule } from '../dilemma/schema.js';
import type { Step } from '../walk/engine.js';
import { oneLine } from '../platform/text.js';

export type GraphFormat = 'mermaid' | 'dot';

export interface GraphEdge {
  /** Stable key: `<node>#<option or rule index>`, as edgeOfStep gives it for a walked step. */
  key: string;
  from: string;
  to: string;
  label: string;
}

export interface GraphNode {
  id: string;
  /** Short id for the diagram (`n1`, `n2`, ...): tree ids may clash with Mermaid keywords such as `end`. */
  short: string;
  /** How it is drawn, as its kind says. */
  shape: NodeKind['shape'];
  label: string;
  disputed: boolean;
}

export interface Graph {
  title: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface GraphLabels {
  /** Shown on a rule's edge when it has no condition. */
  otherwise: string;
  /** Words for a rule's condition kinds. */
  any: string;
  all: string;
  none: string;
}

/** The tree as nodes and labelled edges, texts in `lang` (else the source language). */
export function buildGraph(tree: Tree, title: string, lang: string, labels: GraphLabels): Graph {
  const source = tree.languages[0];
  const text = (value: Localized) => oneLine(localize(value, lang, source));
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  let n = 0;
  for (const node of tree.nodes.values()) {
    const kind = kindOf(node);
    nodes.push({ id: node.id, short: `n${++n}`, shape: kind.shape, label: text(node.text), disputed: node.disputed !== undefined });
    kind.successors(node).forEach((way, i) => {
      const label = way.option ? text(way.option.label) : way.rule ? ruleLabel(way.rule, kind.options(node), text, labels) : '';
      edges.push({ key: `${node.id}#${i}`, from: node.id, to: way.target, label });
    });
  }
  return { title, nodes, edges };
}

function ruleLabel(rule: Rule, options: readonly Option[], text: (value: Localized) => string, labels: GraphLabels): string {
  const when = rule.when;
  if (!when) return labels.otherwise;
  const label = (id: string) => {
    const option = options.find((o) => o.id === id);
    return option ? text(option.label) : id;
  };
  return (['any', 'all', 'none'] as const)
    .filter((kind) => when[kind] !== undefined)
    .map((kind) => `${labels[kind]}: ${(when[kind] ?? []).map(label).join(', ')}`)
    .join('; ');
}

/** The edge a walked step took, by the same key buildGraph gives it. */
export function edgeOfStep(tree: Tree, step: Step): string | undefined {
  const node = tree.nodes.get(step.node);
  if (!node) return undefined;
  const index = kindOf(node).taken(node, step.answer);
  return index === undefined ? undefined : `${node.id}#${index}`;
}

/** Breaks a label into lines of about `width` characters, at spaces. */
export function wrapWords(text: string, width = 36): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Mermaid's entity codes for characters that would end a quoted label or be read as markup;
 * `#` first of all, as it starts an entity.
 */
export function mermaidText(text: string): string {
  return text.replace(/["#&<>[\](){}|`]/g, (c) => `#${c.codePointAt(0)};`);
}

export interface RenderOptions {
  /** How many walks took each edge (by key); when given, edges are labelled and weighted by it. */
  weights?: ReadonlyMap<string, number>;
}

const COLORS = { outcomeFill: '#e8f5e9', outcomeStroke: '#2e7d32', disputed: '#e65100' };

/** A Mermaid flowchart, as GitHub and GitLab render it: quoted labels, short ids, classes for outcomes and disputed nodes. */
export function renderMermaid(graph: Graph, options: RenderOptions = {}): string {
  const short = new Map(graph.nodes.map((n) => [n.id, n.short]));
  // The title as a comment: front matter would be one more thing a renderer can refuse.
  const lines = [`%% ${oneLine(graph.title)}`, 'flowchart TD'];
  for (const node of graph.nodes) {
    const label = `"${wrapWords((node.disputed ? '⚑ ' : '') + node.label).map(mermaidText).join('<br/>')}"`;
    const shape = node.shape === 'end' ? `([${label}])` : node.shape === 'note' ? `(${label})` : node.shape === 'slanted' ? `[/${label}/]` : `[${label}]`;
    lines.push(`  %% ${node.id}`, `  ${node.short}${shape}`);
  }
  const max = Math.max(1, ...(options.weights?.values() ?? []));
  const linkStyles: string[] = [];
  graph.edges.forEach((edge, i) => {
    const count = options.weights?.get(edge.key);
    const parts = [edge.label, ...(options.weights ? [String(count ?? 0)] : [])].filter(Boolean);
    const label = parts.length > 0 ? `|"${wrapWords(parts.join(' · ')).map(mermaidText).join('<br/>')}"|` : '';
    lines.push(`  ${short.get(edge.from)} -->${label} ${short.get(edge.to)}`);
    if (options.weights) {
      linkStyles.push(count ? `  linkStyle ${i} stroke-width:${weightWidth(count, max)}px` : `  linkStyle ${i} stroke-dasharray:4 4`);
    }
  });
  lines.push(...linkStyles);
  lines.push(`  classDef outcome fill:${COLORS.outcomeFill},stroke:${COLORS.outcomeStroke},stroke-width:2px`);
  lines.push(`  classDef disputed stroke:${COLORS.disputed},stroke-width:3px,stroke-dasharray:6 3`);
  const outcomes = graph.nodes.filter((n) => n.shape === 'end').map((n) => n.short);
  const disputed = graph.nodes.filter((n) => n.disputed).map((n) => n.short);
  if (outcomes.length > 0) lines.push(`  class ${outcomes.join(',')} outcome`);
  if (disputed.length > 0) lines.push(`  class ${disputed.join(',')} disputed`);
  return lines.join('\n') + '\n';
}

function weightWidth(count: number, max: number): number {
  return Math.round(1 + (5 * count) / max);
}

function dotString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The same graph in Graphviz DOT. */
export function renderDot(graph: Graph, options: RenderOptions = {}): string {
  const short = new Map(graph.nodes.map((n) => [n.id, n.short]));
  // A line break in a DOT label is the two characters \n, added after escaping.
  const label = (text: string) => dotString(wrapWords(text).join('\u0000')).replace(/\u0000/g, '\\n');
  const lines = [
    `digraph ${dotString(oneLine(graph.title))} {`,
    `  label=${label(oneLine(graph.title))};`,
    '  labelloc=t;',
    '  node [shape=box, style=rounded, fontname="Helvetica"];',
    '  edge [fontname="Helvetica", fontsize=10];',
  ];
  for (const node of graph.nodes) {
    const attrs = [`label=${label((node.disputed ? '⚑ ' : '') + node.label)}`, `tooltip=${dotString(node.id)}`];
    if (node.shape === 'end') attrs.push('style="rounded,filled"', `fillcolor="${COLORS.outcomeFill}"`, `color="${COLORS.outcomeStroke}"`, 'penwidth=2');
    else if (node.shape === 'note') attrs.push('shape=note', 'style=solid');
    else if (node.shape === 'slanted') attrs.push('shape=parallelogram', 'style=solid');
    if (node.disputed) attrs.push(`color="${COLORS.disputed}"`, 'penwidth=3', ...(node.shape === 'end' ? [] : ['style="rounded,dashed"']));
    lines.push(`  ${node.short} [${attrs.join(', ')}];`);
  }
  const max = Math.max(1, ...(options.weights?.values() ?? []));
  for (const edge of graph.edges) {
    const count = options.weights?.get(edge.key);
    const parts = [edge.label, ...(options.weights ? [String(count ?? 0)] : [])].filter(Boolean);
    const attrs = parts.length > 0 ? [`label=${label(parts.join(' · '))}`] : [];
    if (options.weights) attrs.push(count ? `penwidth=${weightWidth(count, max)}` : 'style=dashed');
    lines.push(`  ${short.get(edge.from)} -> ${short.get(edge.to)}${attrs.length > 0 ? ` [${attrs.join(', ')}]` : ''};`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}
