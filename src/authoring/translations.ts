import type { YAMLMap } from 'yaml';
import { localizedFields } from '../dilemma/graph.js';
import type { TreeFile } from '../dilemma/model.js';
import { headerTexts, type LocalizedText } from '../dilemma/texts.js';
import { TRANSLATION_HASHES_KEY } from '../dilemma/schema.js';
import { sha256Hex } from '../platform/crypto.js';
import { yaml, type YamlPath } from '../platform/yaml-source.js';

/**
 * Translation bookkeeping: next to each translation a localized map may keep a short hash of the
 * source-language text it was made from (`_source: {en: 3f2a9c01b7e4}`). When the source text
 * changes, the hash no longer matches and the translation is stale. A translation without a
 * recorded hash is not stale: files that never used hashes (the bundled ones) stay clean.
 */
export const SOURCE_HASH_LENGTH = 12;

/** Line endings and surrounding white space do not change what a text says. */
export function sourceHash(text: string): string {
  return sha256Hex(text.replace(/\r\n?/g, '\n').trim()).slice(0, SOURCE_HASH_LENGTH);
}

/** Every localized text of a file: its header texts, then those of each node of its own tree. */
export function localizedTexts(file: TreeFile): LocalizedText[] {
  const nodes = file.data.nodes ?? [];
  return [
    ...headerTexts(file),
    ...nodes.flatMap((node, i) => localizedFields(node).map(({ text, path }) => ({ text, path: ['nodes', i, ...path], owner: node.id }))),
  ];
}

export type TranslationStatus = 'current' | 'stale' | 'unrecorded';

export interface TranslationState {
  path: YamlPath;
  owner: string;
  language: string;
  sourceLanguage: string;
  source: string;
  translation: string;
  status: TranslationStatus;
  /** The hash of the source text as it is now. */
  hash: string;
}

/**
 * The state of every translation in a file: each localized map, each declared language other than
 * the source language that the map has. `raw` is the file's YAML as parsed (before validation drops
 * the hashes), where the recorded hashes are read.
 */
export function translationStates(file: TreeFile, raw: unknown): TranslationState[] {
  const [sourceLanguage, ...others] = file.data.languages;
  if (sourceLanguage === undefined) return [];
  const states: TranslationState[] = [];
  for (const { text, path, owner } of localizedTexts(file)) {
    if (typeof text === 'string') continue;
    const source = text[sourceLanguage];
    if (source === undefined) continue;
    const hash = sourceHash(source);
    const recorded = recordedHashes(rawAt(raw, path));
    for (const language of others) {
      const translation = text[language];
      if (translation === undefined) continue;
      const before = recorded[language];
      const status: TranslationStatus = before === undefined ? 'unrecorded' : before === hash ? 'current' : 'stale';
      states.push({ path, owner, language, sourceLanguage, source, translation, status, hash });
    }
  }
  return states;
}

function rawAt(raw: unknown, path: YamlPath): unknown {
  let at = raw;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

function recordedHashes(map: unknown): Record<string, string> {
  if (map === null || typeof map !== 'object') return {};
  const hashes = (map as Record<string, unknown>)[TRANSLATION_HASHES_KEY];
  return hashes !== null && typeof hashes === 'object' ? (hashes as Record<string, string>) : {};
}

export interface HashToRecord {
  path: YamlPath;
  language: string;
  hash: string;
}

/**
 * The file's text with the given source hashes recorded, through the YAML document so that
 * comments, order and layout stay as they were. A new `_source` map is written in flow style,
 * on one line.
 */
export function recordSourceHashes(text: string, hashes: readonly HashToRecord[]): string {
  const { isMap, parseDocument } = yaml();
  const doc = parseDocument(text, { version: '1.2' });
  for (const { path, language, hash } of hashes) {
    const map = doc.getIn(path as unknown[], true);
    if (!isMap(map)) throw new Error(`no localized map at ${path.map(String).join('.')}`);
    const existing: unknown = map.get(TRANSLATION_HASHES_KEY, true);
    let recorded: YAMLMap;
    if (isMap(existing)) {
      recorded = existing;
    } else {
      recorded = doc.createNode({});
      recorded.flow = true;
      map.set(TRANSLATION_HASHES_KEY, recorded);
    }
    recorded.set(language, hash);
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}
