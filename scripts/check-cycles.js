#!/usr/bin/env node
// Fails when modules under src/ import each other in a cycle, type-only imports included: a cycle
// means two layers that cannot be understood, tested or moved apart. And when a layer imports one
// above it: the core (what a record is, how a walk goes, how records are checked and reviewed)
// knows nothing of the platform's configuration, the terminal or the commands. Part of `npm run lint`.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

// `import ... from './x.js'`, `export ... from`, `import('./x.js')`: relative specifiers only.
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;

const files = sourceFiles(src);
const known = new Set(files);
const edges = new Map(
  files.map((file) => {
    const targets = new Set();
    for (const match of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
      const target = resolve(dirname(file), match[1].replace(/\.js$/, '.ts'));
      if (known.has(target)) targets.add(target);
    }
    return [file, [...targets]];
  }),
);

// Tarjan's strongly connected components: every component of more than one module is a cycle.
let counter = 0;
const index = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const cycles = [];
function connect(node) {
  index.set(node, counter);
  low.set(node, counter);
  counter++;
  stack.push(node);
  onStack.add(node);
  for (const next of edges.get(node)) {
    if (!index.has(next)) {
      connect(next);
      low.set(node, Math.min(low.get(node), low.get(next)));
    } else if (onStack.has(next)) {
      low.set(node, Math.min(low.get(node), index.get(next)));
    }
  }
  if (low.get(node) === index.get(node)) {
    const component = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1) cycles.push(component);
  }
}
for (const file of files) if (!index.has(file)) connect(file);

// The layers, from the bottom: a module may import its own layer and those below. Folders, and
// the files at the top of src/ by name.
const LAYERS = [
  // the platform: files, YAML, vendored libraries, locations, messages, errors
  ['platform', 'i18n', 'errors.ts', 'version.ts', 'static-help.ts'],
  // the core: what a dilemma, a walk, a record, a signature and a review are
  ['dilemma', 'walk', 'record', 'signing', 'verify', 'review', 'privacy', 'workshop', 'authoring', 'afspraken', 'impact', 'drafts'],
  // configuration and the terminal, on top of the core
  ['config', 'terminal'],
  // the command line
  ['commands', 'cli.ts', 'program.ts', 'quick-answer.ts', 'build-steps.ts'],
];
const layerOf = (file) => {
  const [first] = relative(src, file).split(/[\\/]/);
  const layer = LAYERS.findIndex((names) => names.includes(first));
  if (layer < 0) throw new Error(`${relative(root, file)}: add it (or its folder) to LAYERS in scripts/check-cycles.js`);
  return layer;
};
const upward = [];
for (const [file, targets] of edges) {
  for (const target of targets) if (layerOf(target) > layerOf(file)) upward.push(`${relative(root, file)} imports ${relative(root, target)}`);
}
if (upward.length > 0) {
  for (const line of upward) console.error(`layer: ${line}`);
  console.error(`${upward.length} import(s) from a layer above: the core (${LAYERS[1].join(', ')}) takes what it needs as arguments`);
  process.exit(1);
}

if (cycles.length > 0) {
  for (const cycle of cycles) console.error(`import cycle: ${cycle.map((file) => relative(root, file)).sort().join(' <-> ')}`);
  console.error(`${cycles.length} import cycle(s) under src/: move the shared part into a module both can import`);
  process.exit(1);
}
console.log(`no import cycles in ${files.length} modules, and no import from a layer above`);
