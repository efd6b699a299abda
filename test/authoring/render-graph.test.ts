import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildGraph, edgeOfStep, mermaidText, renderDot, renderMermaid, type Graph } from '../../src/authoring/render-graph.js';
import { Catalog } from '../../src/dilemma/catalog.js';
import { loadDilemma } from '../../src/dilemma/load.js';
import { replay } from '../../src/walk/engine.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const golden = (name: string) => readFileSync(here(`golden/${name}`), 'utf8');
const LABELS = {
  nl: { otherwise: 'anders', any: 'een van', all: 'alle', none: 'geen van' },
  en: { otherwise: 'otherwise', any: 'any of', all: 'all of', none: 'none of' },
};

const dilemma = loadDilemma(here('fixtures/paden-klein.yaml'), false, () => undefined);
const graphIn = (lang: 'nl' | 'en', d = dilemma): Graph => {
  const title = typeof d.file.title === 'string' ? d.file.title : d.file.title[lang]!;
  return buildGraph(d.tree, title, lang, LABELS[lang]);
};

/**
 * A structural reading of a Mermaid flowchart as this renderer writes it: one statement per line.
 * Returns the declared node ids (each once) and the edges' ends.
 */
function readMermaid(text: string): { declared: string[]; edges: [string, string][]; classes: Map<string, string[]> } {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('%%'));
  expect(lines[0]).toBe('flowchart TD');
  const declared: string[] = [];
  const edges: [string, string][] = [];
  const classes = new Map<string, string[]>();
  for (const line of lines.slice(1)) {
    const edge = /^(n\d+) -->(?:\|"[^"]*"\|)? (n\d+)$/.exec(line);
    const node = /^(n\d+)(\("[^"]*"\)|\(\["[^"]*"\]\)|\[\/"[^"]*"\/\]|\["[^"]*"\])$/.exec(line);
    const cls = /^class ([n\d,]+) (\w+)$/.exec(line);
    if (edge) edges.push([edge[1]!, edge[2]!]);
    else if (node) declared.push(node[1]!);
    else if (cls) classes.set(cls[2]!, cls[1]!.split(','));
    else expect(line).toMatch(/^(classDef \w+ [\w#:,.\- ]+|linkStyle \d+ [\w:\- ]+)$/);
  }
  return { declared, edges, classes };
}

describe('Mermaid', () => {
  it('matches the golden file (labels in Dutch, quoted and escaped)', () => {
    expect(renderMermaid(graphIn('nl'))).toBe(golden('paden-klein.nl.mmd'));
  });

  it('declares every node once, every edge joins declared nodes, outcomes and disputed nodes are classed', () => {
    const { declared, edges, classes } = readMermaid(renderMermaid(graphIn('nl')));
    expect(new Set(declared).size).toBe(declared.length);
    expect(declared).toHaveLength(dilemma.tree.nodes.size);
    for (const [from, to] of edges) expect(declared).toEqual(expect.arrayContaining([from, to]));
    expect(edges).toHaveLength(2 + 3 + 4);
    expect(classes.get('outcome')).toEqual(['n5', 'n6', 'n7']);
    expect(classes.get('disputed')).toEqual(['n3']);
  });

  it('holds for every bundled dilemma', () => {
    for (const d of new Catalog([]).dilemmas()) {
      const { declared, edges } = readMermaid(renderMermaid(graphIn('en', d)));
      expect(declared).toHaveLength(d.tree.nodes.size);
      for (const [from, to] of edges) expect(declared).toEqual(expect.arrayContaining([from, to]));
    }
  });

  it('escapes everything that could end a label or be read as markup', () => {
    expect(mermaidText('a "b" [c] (d) {e} <f> | & # `')).toBe('a #34;b#34; #91;c#93; #40;d#41; #123;e#125; #60;f#62; #124; #38; #35; #96;');
    // No raw bracket, pipe or angle bracket inside any label, apart from the line breaks the renderer adds.
    for (const match of renderMermaid(graphIn('en')).matchAll(/"([^"]*)"/g)) expect(match[1]!.replaceAll('<br/>', ' ')).not.toMatch(/[[\]{}()|<>]/);
  });

  it('weights edges by how many walks took them, and dashes those nobody took', () => {
    const tree = dilemma.tree;
    const walks = [
      { doel: 'x', delen: 'ja', soorten: ['b', 'a'] },
      { doel: 'x', delen: 'ja', soorten: ['a', 'b', 'c'] },
      { doel: 'x', delen: 'weet-niet' },
    ];
    const weights = new Map<string, number>();
    for (const walk of walks) {
      const given = new Map(Object.entries(walk).map(([node, answer]) => [node, { answer, motivation: 'm' }]));
      for (const step of replay(tree, given).steps) {
        const key = edgeOfStep(tree, step);
        if (key) weights.set(key, (weights.get(key) ?? 0) + 1);
      }
    }
    expect(Object.fromEntries(weights)).toEqual({ 'intro#0': 3, 'doel#0': 3, 'delen#0': 2, 'delen#2': 1, 'soorten#0': 2 });
    const text = renderMermaid(graphIn('nl'), { weights });
    expect(text).toContain('n3 -->|"Ja · 2"| n4');
    expect(text).toContain('n3 -->|"Nee #124; #34;zeker#34; · 0"| n7');
    expect(text).toContain('linkStyle 2 stroke-width:4px');
    expect(text).toContain('linkStyle 3 stroke-dasharray:4 4');
    expect(renderDot(graphIn('nl'), { weights })).toContain('n1 -> n2 [label="3", penwidth=6];');
  });
});

describe('DOT', () => {
  it('matches the golden file (labels in English, quotes escaped, outcomes filled)', () => {
    expect(renderDot(graphIn('en'))).toBe(golden('paden-klein.en.dot'));
  });
});
