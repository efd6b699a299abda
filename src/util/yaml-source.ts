import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { LeertuinError, type SourcePosition } from '../errors.js';

/** Larger inputs are refused before parsing: no dilemma, config or answers file comes near this. */
export const MAX_YAML_BYTES = 2 * 1024 * 1024;
const MAX_ALIASES = 100;

export type YamlPath = readonly PropertyKey[];

/** Parsed YAML that still knows where each value stood in its file, for errors with line:col. */
export interface YamlSource {
  file: string;
  data: unknown;
  positionOf(path: YamlPath): SourcePosition;
}

/**
 * Parses one YAML document strictly: one document only, unique keys, no custom tags, few aliases,
 * and a size limit, so a hostile file fails fast with a position instead of hanging or crashing.
 */
export function parseYaml(text: string, file: string): YamlSource {
  if (text.length > MAX_YAML_BYTES) {
    throw new LeertuinError('yaml-too-large', `${file}: larger than ${MAX_YAML_BYTES / 1024 / 1024} MB`, {
      position: { file },
      hint: 'split the file or check that it is the right one',
    });
  }
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lineCounter = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(source, {
      lineCounter,
      uniqueKeys: true,
      prettyErrors: false,
      strict: true,
      version: '1.2',
      schema: 'core',
      customTags: [],
      resolveKnownTags: false,
    });
  } catch (error) {
    throw new LeertuinError('yaml-syntax', `${file}: ${(error as Error).message}`, { position: { file } });
  }
  const at = (offset: number | undefined): SourcePosition => {
    if (offset === undefined) return { file };
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, col };
  };
  const firstError = doc.errors[0];
  if (firstError) {
    const position = at(firstError.pos[0]);
    throw new LeertuinError('yaml-syntax', `${firstLine(firstError.message)}`, {
      position,
      hint: 'check indentation and quoting at this place',
    });
  }
  const unknownTag = doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (unknownTag) {
    throw new LeertuinError('yaml-tag', firstLine(unknownTag.message), {
      position: at(unknownTag.pos[0]),
      hint: 'remove the tag; plain YAML values are enough',
    });
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    throw new LeertuinError('yaml-aliases', `${file}: ${firstLine((error as Error).message)}`, {
      position: { file },
      hint: 'write the values out instead of using many aliases',
    });
  }
  return {
    file,
    data,
    positionOf(path) {
      // The deepest node that exists on the path: a missing key points at its parent map.
      for (let depth = path.length; depth >= 0; depth--) {
        const node: unknown = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth) as unknown[], true);
        if (isNode(node) && node.range) return at(node.range[0]);
      }
      return { file };
    },
  };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
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
