import { sha256Hex } from './crypto.js';

const validated = new Map<string, unknown>();

/**
 * The validated data of a text, parsed and validated once per process: a file read again (by the
 * catalog, the tree index, lint) is not parsed again. `kind` says what the text is, since the same
 * text could be two things. Each caller gets its own copy (without null prototypes: revive those).
 */
export function validatedOnce<T>(kind: string, text: string, validate: () => T): T {
  const key = `${kind}\0${sha256Hex(text)}`;
  if (validated.has(key)) return structuredClone(validated.get(key)) as T;
  const data = validate();
  validated.set(key, structuredClone(data));
  return data;
}
