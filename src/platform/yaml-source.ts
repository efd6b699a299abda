import type { Document } from 'yaml';
import type { z } from 'zod';
import { LeertuinError, type SourcePosition } from '../errors.js';
import { t, type MessageId } from '../i18n/index.js';
import { vendored } from './vendor.js';

// The YAML library is loaded on first use: most start-ups (help, list of bundled dilemmas) never parse YAML.
export const yaml = (): typeof import('yaml') => vendored('yaml');

/** Larger inputs are refused before parsing: no dilemma, config or answers file comes near this. */
export const MAX_YAML_BYTES = 2 * 1024 * 1024;
const MAX_ALIASES = 100;
/** Real files nest fewer than ten levels; the parser recurses per level and overflows near a thousand. */
export const MAX_YAML_DEPTH = 64;
/** How many values aliases may add in all: reuse is fine, a small file that expands into a huge one is not. */
export const MAX_ALIAS_EXPANSION = 10_000;
/** Keys that mean something to JavaScript objects; no leertuin file uses them, so they are refused, not guessed at. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export type YamlPath = readonly PropertyKey[];

/** Parsed YAML that still knows where each value stood in its file, for errors with line:col. */
export interface YamlSource {
  file: string;
  data: unknown;
  positionOf(path: YamlPath): SourcePosition;
}

/**
 * Parses one YAML document strictly: one document only, unique plain keys, no custom tags, bounded
 * nesting, bounded alias expansion, and a size limit, so a hostile file fails fast with a position
 * instead of hanging or crashing. `maxAliases: 0` forbids aliases altogether (record front matter).
 */
export function parseYaml(text: string, file: string, options: { maxAliases?: number } = {}): YamlSource {
  if (text.length > MAX_YAML_BYTES) {
    throw new LeertuinError('yaml-too-large', t('load.tooLarge', { file, mb: MAX_YAML_BYTES / 1024 / 1024 }), { position: { file } });
  }
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const tooDeep = nestingBeyond(source, MAX_YAML_DEPTH);
  if (tooDeep !== undefined) {
    throw new LeertuinError('yaml-too-deep', t('yaml.tooDeep', { max: MAX_YAML_DEPTH }), { position: positionIn(source, tooDeep, file), hint: t('yaml.tooDeepHint') });
  }
  const lineCounter = new (yaml().LineCounter)();
  let doc: Document;
  try {
    // uniqueKeys is checked below in linear time: the library's own check is quadratic in a map's size.
    doc = yaml().parseDocument(source, {
      lineCounter,
      uniqueKeys: false,
      prettyErrors: false,
      strict: true,
      version: '1.2',
      schema: 'core',
      customTags: [],
      resolveKnownTags: false,
      // Warnings are read from the document and become errors here; the library must not print them.
      logLevel: 'error',
    });
  } catch (error) {
    throw new LeertuinError('yaml-syntax', t('yaml.syntax'), { position: { file }, hint: t('yaml.syntaxHint'), cause: error });
  }
  const at = (offset: number | undefined): SourcePosition => {
    if (offset === undefined) return { file };
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, col };
  };
  const firstError = doc.errors[0];
  if (firstError) {
    const position = at(firstError.pos[0]);
    if (firstError.code === 'MULTIPLE_DOCS') {
      throw new LeertuinError('yaml-syntax', t('yaml.multipleDocuments'), { position, hint: t('yaml.multipleDocumentsHint') });
    }
    if (firstError.code === 'TAB_AS_INDENT') throw new LeertuinError('yaml-syntax', t('yaml.tabs'), { position, hint: t('yaml.tabsHint') });
    // A summary in the user's language; the library's own (English) text only with -v.
    throw new LeertuinError('yaml-syntax', t(SYNTAX_SUMMARY[firstError.code] ?? 'yaml.syntax'), { position, hint: t('yaml.syntaxHint'), cause: firstError });
  }
  const unknownTag = doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (unknownTag) {
    const tag = source.slice(unknownTag.pos[0], unknownTag.pos[1]).split(/\s/)[0] ?? '';
    throw new LeertuinError('yaml-tag', t('yaml.tag', { tag }), { position: at(unknownTag.pos[0]), hint: t('yaml.tagHint') });
  }
  checkKeys(doc, at);
  const aliasError = () =>
    new LeertuinError('yaml-aliases', options.maxAliases === 0 ? t('yaml.noAliases') : t('yaml.aliases', { max: MAX_ALIAS_EXPANSION }), {
      position: { file },
      hint: t('yaml.aliasesHint'),
    });
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: options.maxAliases ?? MAX_ALIASES });
  } catch {
    throw aliasError();
  }
  if (!expandsWithin(data, MAX_ALIAS_EXPANSION)) throw aliasError();
  return {
    file,
    data,
    positionOf(path) {
      // The deepest node that exists on the path: a missing key points at its parent map.
      for (let depth = path.length; depth >= 0; depth--) {
        const node: unknown = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth) as unknown[], true);
        if (yaml().isNode(node) && node.range) return at(node.range[0]);
      }
      return { file };
    },
  };
}

const SYNTAX_SUMMARY: Partial<Record<string, MessageId>> = {
  BAD_INDENT: 'yaml.badIndent',
  MISSING_CHAR: 'yaml.missingChar',
  MULTILINE_IMPLICIT_KEY: 'yaml.implicitKey',
  BLOCK_AS_IMPLICIT_KEY: 'yaml.implicitKey',
};

function positionIn(text: string, offset: number, file: string): SourcePosition {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { file, line: before.split('\n').length, col: offset - lineStart + 1 };
}

/**
 * The offset of the first token nested deeper than `max`, or undefined. Runs on the lexer's tokens
 * (linear, no recursion), before the parser, which is recursive and slows down on deep input. A
 * block level opens at each line's first column and at each `-`, `?` and `:` after it; a flow level
 * at each `[` and `{`. Only a flow pair (`[a: b]`) adds a level uncounted, so what reaches the
 * parser nests at most about twice `max`, far below where it would overflow.
 */
function nestingBeyond(text: string, max: number): number | undefined {
  const open: number[] = [];
  let flow = 0;
  let offset = 0;
  let lineStart = 0;
  let atLineStart = true;
  let scalarSourceNext = false;
  for (const token of new (yaml().Lexer)().lex(text)) {
    const start = offset;
    offset += token.length;
    const column = start - lineStart;
    const newline = token.lastIndexOf('\n');
    if (newline >= 0) lineStart = start + newline + 1;
    if (scalarSourceNext) {
      // The source of a plain or block scalar follows its marker token and may look like anything.
      scalarSourceNext = false;
      if (token.endsWith('\n')) atLineStart = true;
      continue;
    }
    const type = yaml().CST.tokenType(token);
    if (type === 'newline') {
      atLineStart = true;
      continue;
    }
    if (type === 'space' || type === 'comment' || type === 'byte-order-mark' || type === 'doc-mode') continue;
    if (type === 'doc-start') open.length = 0;
    if (type === 'scalar') scalarSourceNext = true;
    if (flow === 0) {
      if (atLineStart) {
        while (open.length > 0 && open[open.length - 1]! >= column) open.pop();
        open.push(column);
      } else if (type === 'seq-item-ind' || type === 'explicit-key-ind' || type === 'map-value-ind') {
        open.push(column);
      }
    }
    atLineStart = false;
    if (type === 'flow-map-start' || type === 'flow-seq-start') flow++;
    else if ((type === 'flow-map-end' || type === 'flow-seq-end') && flow > 0) flow--;
    if (open.length + flow > max) return start;
  }
  return undefined;
}

/** Every map key is a plain scalar, unique in its map (as JavaScript will see it), and not a reserved name. */
function checkKeys(doc: Document, at: (offset: number | undefined) => SourcePosition): void {
  const pending: unknown[] = [doc.contents];
  while (pending.length > 0) {
    const node = pending.pop();
    if (yaml().isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) pending.push(node.items[i]);
      continue;
    }
    if (!yaml().isMap(node)) continue;
    const seen = new Set<string>();
    for (const pair of node.items) {
      const key = pair.key;
      if (key !== null && !yaml().isScalar(key)) {
        throw new LeertuinError('yaml-key', t('yaml.complexKey'), { position: at(yaml().isNode(key) ? key.range?.[0] : undefined), hint: t('yaml.keyHint') });
      }
      const name = key === null || key.value === null ? '' : String(key.value);
      const position = at(key?.range?.[0]);
      if (RESERVED_KEYS.has(name)) throw new LeertuinError('yaml-reserved-key', t('yaml.reservedKey', { key: name }), { position, hint: t('yaml.keyHint') });
      if (seen.has(name)) throw new LeertuinError('yaml-syntax', t('yaml.duplicateKey', { key: name }), { position, hint: t('yaml.duplicateKeyHint') });
      seen.add(name);
    }
    for (let i = node.items.length - 1; i >= 0; i--) pending.push(node.items[i]!.value);
  }
}

/**
 * Whether the values that aliases repeat stay within `budget`. An alias shares its anchor's object,
 * so a container met a second time is a repetition and everything under it counts; a recursive
 * alias repeats without end and so runs out of budget too. Iterative, so depth cannot overflow it.
 */
function expandsWithin(data: unknown, budget: number): boolean {
  const seen = new Set<object>();
  const pending: [unknown, boolean][] = [[data, false]];
  let repeated = 0;
  while (pending.length > 0) {
    const [value, inRepeat] = pending.pop()!;
    if (value === null || typeof value !== 'object') {
      if (inRepeat && ++repeated > budget) return false;
      continue;
    }
    const repeat = inRepeat || seen.has(value);
    if (repeat && ++repeated > budget) return false;
    seen.add(value);
    for (const child of Array.isArray(value) ? value : Object.values(value)) pending.push([child, repeat]);
  }
  return true;
}

/**
 * Validates parsed YAML with a zod schema; the first problem becomes an error at its place in the
 * file, named by its path in the document (`nodes.3.options.1.next`).
 */
export function validate<S extends z.ZodType>(source: YamlSource, schema: S, code: string, hint: string): z.output<S> {
  const result = schema.safeParse(source.data);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const where = issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
  throw new LeertuinError(code, `${where}${issue.message}`, { position: source.positionOf(issue.path), hint });
}
