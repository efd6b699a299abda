/**
 * A small, safe template language for record bodies (templates/record.md), so an organisation can
 * adapt the layout without code: `{{name}}` and `{{a.b}}` insert a value, `{{#each list}}...{{/each}}`
 * repeats, `{{#if name}}...{{else}}...{{/if}}` chooses. No expressions, no eval. A name the view
 * does not have is an error, so a typo never silently drops a field. A tag alone on its line takes
 * the line with it.
 */
export class TemplateError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'TemplateError';
  }
}

export type View = { readonly [key: string]: ViewValue };
export type ViewValue = string | number | boolean | null | View | readonly View[];

type Node =
  | { type: 'text'; text: string }
  | { type: 'value'; name: string; line: number }
  | { type: 'each'; name: string; line: number; body: Node[] }
  | { type: 'if'; name: string; line: number; then: Node[]; otherwise: Node[] };

const TAG = /\{\{([^{}]*)\}\}/g;
const NAME = /^[a-zA-Z_][\w]*(?:\.[a-zA-Z_][\w]*)*$/;
const STANDALONE = /^[ \t]*\{\{\s*(?:#(?:each|if)\s+[\w.]+|\/(?:each|if)|else)\s*\}\}[ \t]*$/;

export function compileTemplate(source: string): (view: View) => string {
  const nodes = parse(source);
  return (view) => render(nodes, [view]);
}

type Block = Extract<Node, { type: 'each' | 'if' }>;

function parse(source: string): Node[] {
  const root: Node[] = [];
  const stack: { node: Block; inElse: boolean }[] = [];
  const target = (): Node[] => {
    const top = stack[stack.length - 1];
    if (!top) return root;
    if (top.node.type === 'each') return top.node.body;
    return top.inElse ? top.node.otherwise : top.node.then;
  };
  const lines = source.split('\n');
  lines.forEach((raw, i) => {
    const line = i + 1;
    // A block tag alone on its line takes the line with it, so templates can be laid out readably.
    const text = STANDALONE.test(raw) ? raw.trim() : i < lines.length - 1 ? raw + '\n' : raw;
    let last = 0;
    for (const match of text.matchAll(TAG)) {
      if (match.index > last) target().push({ type: 'text', text: text.slice(last, match.index) });
      last = match.index + match[0].length;
      const words = match[1]!.trim().split(/\s+/);
      const [head, name] = words as [string, string | undefined];
      if ((head === '#each' || head === '#if') && name !== undefined && NAME.test(name) && words.length === 2) {
        const node: Block = head === '#each' ? { type: 'each', name, line, body: [] } : { type: 'if', name, line, then: [], otherwise: [] };
        target().push(node);
        stack.push({ node, inElse: false });
      } else if ((head === '/each' || head === '/if') && words.length === 1) {
        const top = stack.pop();
        if (!top || `/${top.node.type}` !== head) throw new TemplateError(`unexpected {{${head}}}`, line);
      } else if (head === 'else' && words.length === 1) {
        const top = stack[stack.length - 1];
        if (!top || top.node.type !== 'if' || top.inElse) throw new TemplateError('{{else}} outside {{#if}}', line);
        top.inElse = true;
      } else if (NAME.test(head) && words.length === 1) {
        target().push({ type: 'value', name: head, line });
      } else {
        throw new TemplateError(`unreadable tag {{${match[1]}}}`, line);
      }
    }
    const tail = text.slice(last);
    if (tail.includes('{{')) throw new TemplateError('a tag is not closed', line);
    if (tail) target().push({ type: 'text', text: tail });
  });
  const open = stack.pop();
  if (open) throw new TemplateError(`{{#${open.node.type} ${open.node.name}}} is not closed`, open.node.line);
  return root;
}

function lookup(scopes: readonly View[], name: string, line: number): ViewValue {
  const [head, ...rest] = name.split('.');
  for (let i = scopes.length - 1; i >= 0; i--) {
    const scope = scopes[i]!;
    if (Object.hasOwn(scope, head!)) {
      let value: ViewValue = scope[head!]!;
      for (const part of rest) {
        if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, part)) {
          throw new TemplateError(`unknown field "${name}"`, line);
        }
        value = (value as View)[part]!;
      }
      return value;
    }
  }
  throw new TemplateError(`unknown field "${name}"`, line);
}

function render(nodes: readonly Node[], scopes: readonly View[]): string {
  let out = '';
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        out += node.text;
        break;
      case 'value': {
        const value = lookup(scopes, node.name, node.line);
        if (value !== null && typeof value === 'object') throw new TemplateError(`"${node.name}" is a list or group, not text`, node.line);
        out += value === null ? '' : String(value);
        break;
      }
      case 'each': {
        const list = lookup(scopes, node.name, node.line);
        if (!Array.isArray(list)) throw new TemplateError(`"${node.name}" is not a list`, node.line);
        for (const item of list as readonly View[]) out += render(node.body, [...scopes, item]);
        break;
      }
      case 'if': {
        const value = lookup(scopes, node.name, node.line);
        const truthy = Array.isArray(value) ? value.length > 0 : Boolean(value);
        out += render(truthy ? node.then : node.otherwise, scopes);
        break;
      }
    }
  }
  return out;
}
