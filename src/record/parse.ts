import type { z } from 'zod';
import { LeertuinError } from '../errors.js';
import { oneLine } from '../platform/text.js';
import { parseYaml } from '../platform/yaml-source.js';
import { readFrontMatterFast } from './frontmatter-fast.js';
import { SIGNATURE_MARKER, recordSchema, type DecisionRecord } from './model.js';

export const MAX_RECORD_BYTES = 1024 * 1024;

/** One signature block and the exact bytes it signs (everything before its marker line). */
export interface SignatureBlock {
  armored: string;
  signedText: string;
  /** Text between the previous signature block and this one: a countersignature's review note. */
  note: string;
}

export interface ParsedRecord {
  /** The text with line endings normalised to LF, as signed. */
  text: string;
  frontMatter: string;
  body: string;
  signatures: SignatureBlock[];
}

export class RecordFormatError extends Error {
  readonly reason: string;

  constructor(
    reason: string,
    readonly line?: number,
  ) {
    // A reason may quote the record, and it is shown on terminals: one line, no control characters.
    const clean = oneLine(reason);
    super(line === undefined ? clean : `line ${line}: ${clean}`);
    this.name = 'RecordFormatError';
    this.reason = clean;
  }
}

const ARMOR = /^-----BEGIN SSH SIGNATURE-----\n[A-Za-z0-9+/=\n]+-----END SSH SIGNATURE-----\n$/;

/**
 * Splits a record into front matter, body and its chain of signature blocks. Only a line that is
 * exactly the marker starts a block, and a block must be the marker, an armored signature and `-->`;
 * anything after the last block is an error, so nothing unsigned can hide behind a signature.
 * The text is searched, not cut into lines: verify runs this on every record.
 */
export function splitRecord(input: string): ParsedRecord {
  if (input.length > MAX_RECORD_BYTES) throw new RecordFormatError('record is larger than 1 MB');
  const unmarked = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const text = unmarked.includes('\r') ? unmarked.replace(/\r\n?/g, '\n') : unmarked;
  if (!text.startsWith('---\n')) throw new RecordFormatError('does not start with front matter (---)', 1);
  const end = text.indexOf('\n---\n', 3);
  if (end < 0) throw new RecordFormatError('front matter is not closed with ---');
  const frontMatter = text.slice(4, end + 1);
  const bodyStart = end + 5;
  // Two front matters are ambiguous: a reader could take the second, which nothing here checks.
  const secondStart = /^(?:[ \t]*\n)*---[ \t]*(?:\n|$)/.exec(text.slice(bodyStart));
  if (secondStart) throw new RecordFormatError('a second front matter (---) follows the first', lineAt(text, bodyStart + secondStart[0].lastIndexOf('---')));
  const signatures: SignatureBlock[] = [];
  let previousEnd = 0;
  for (let at = lineStarting(text, SIGNATURE_MARKER, 0); at >= 0; at = lineStarting(text, SIGNATURE_MARKER, previousEnd)) {
    if (at < bodyStart) throw new RecordFormatError('signature block inside the front matter', lineAt(text, at));
    const armorStart = Math.min(at + SIGNATURE_MARKER.length + 1, text.length);
    const close = lineStarting(text, '-->', armorStart);
    if (close < 0) throw new RecordFormatError('signature block is not closed with -->', lineAt(text, at));
    const armored = text.slice(armorStart, close);
    if (!ARMOR.test(armored)) throw new RecordFormatError('signature block does not hold an SSH signature', lineAt(text, at) + 1);
    signatures.push({ armored, signedText: text.slice(0, at), note: text.slice(previousEnd, at) });
    previousEnd = Math.min(close + 4, text.length);
  }
  if (signatures.length > 0 && text.slice(previousEnd).trim() !== '') {
    const line = text.slice(0, previousEnd).split('\n').length;
    throw new RecordFormatError('text after the last signature block', line);
  }
  if (signatures.length > 0 && !text.endsWith('\n')) throw new RecordFormatError('signature block does not end with a newline');
  const bodyEnd = signatures.length > 0 ? signatures[0]!.signedText.length : text.length;
  return { text, frontMatter, body: text.slice(bodyStart, bodyEnd), signatures };
}

/**
 * The bytes a signature block signs, cut from the bytes the record's text was decoded from: hashing
 * them spares encoding the text again. Only when the text is those bytes unchanged (`parsed.text`
 * is `input`: no line endings normalised) and no byte order mark was dropped in decoding; otherwise
 * undefined, and the text itself is to be hashed.
 */
export function signedBytes(parsed: ParsedRecord, input: string, bytes: Uint8Array, block: SignatureBlock): Uint8Array | undefined {
  if (parsed.text !== input || (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)) return undefined;
  // UTF-8 maps text piece by piece, so the signed part ends where the bytes of the rest begin; the rest
  // (the signature blocks) is the shorter part to measure.
  return bytes.subarray(0, bytes.length - Buffer.byteLength(input.slice(block.signedText.length)));
}

/** Where the first line from `from` on that is exactly `line` starts, or -1. */
function lineStarting(text: string, line: string, from: number): number {
  for (let at = text.indexOf(line, from); at >= 0; at = text.indexOf(line, at + 1)) {
    const end = at + line.length;
    if ((at === 0 || text.charCodeAt(at - 1) === 10) && (end === text.length || text.charCodeAt(end) === 10)) return at;
  }
  return -1;
}

function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/** The front matter as a validated record; throws RecordFormatError saying what is wrong. */
export function readFrontMatter(parsed: Pick<ParsedRecord, 'frontMatter'>, options: { fast?: boolean } = {}): DecisionRecord {
  return validateFrontMatter(readFrontMatterData(parsed, options), recordSchema());
}

/** The front matter as plain data, not yet validated; throws RecordFormatError when it is no YAML map. */
export function readFrontMatterData(parsed: Pick<ParsedRecord, 'frontMatter'>, options: { fast?: boolean } = {}): unknown {
  let data: unknown;
  if (options.fast !== false) {
    // The shape this tool writes is read directly; anything else takes the full YAML parser.
    try {
      data = readFrontMatterFast(parsed.frontMatter);
    } catch {
      // Only a stack overflow on absurd nesting ends up here; the full parser below names the problem.
      data = undefined;
    }
  }
  if (data === undefined) {
    try {
      data = parseYaml(parsed.frontMatter, 'front matter', { maxAliases: 0 }).data;
    } catch (error) {
      if (!(error instanceof LeertuinError)) throw error;
      const line = error.position?.line;
      // Front matter starts on the record's second line.
      throw new RecordFormatError(`front matter: ${error.message}`, line === undefined ? undefined : line + 1);
    }
    // An empty front matter is an empty map, as the fast reader has it: the error then names the
    // first field missing.
    if (data === null) data = {};
  }
  return data;
}

/** Front matter data checked against a record schema; the first problem becomes a RecordFormatError. */
export function validateFrontMatter<S extends z.ZodType>(data: unknown, schema: S): z.output<S> {
  const result = schema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new RecordFormatError(`front matter ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return result.data;
}

export function parseRecord(input: string): { parsed: ParsedRecord; record: DecisionRecord } {
  const parsed = splitRecord(input);
  return { parsed, record: readFrontMatter(parsed) };
}
