import type { Problem } from './graph.js';
import type { TreeFile } from './model.js';
import { missingLanguages } from './localize.js';
import type { Localized } from './schema.js';
import type { YamlPath } from '../platform/yaml-source.js';

export interface LocalizedText {
  text: Localized;
  /** Where the text stands in its document. */
  path: YamlPath;
  /** What the text belongs to, for messages: a node id or a field such as `case`. */
  owner: string;
}

/** The texts of a file outside its question tree: title, case, roles, afspraak and so on. */
export function headerTexts(file: TreeFile): LocalizedText[] {
  const texts: LocalizedText[] = [];
  const add = (text: Localized | undefined, ...path: PropertyKey[]) => {
    if (text !== undefined) texts.push({ text, path, owner: path.map(String).join('.') });
  };
  const data = file.data;
  add(data.title, 'title');
  add(data.summary, 'summary');
  if (file.kind === 'dilemma') {
    const d = file.data;
    add(d.case, 'case');
    add(d.roles?.asks, 'roles', 'asks');
    add(d.roles?.holds, 'roles', 'holds');
    add(d.roles?.subject, 'roles', 'subject');
    d.categories?.forEach((text, i) => add(text, 'categories', i));
    d.doubts?.forEach((text, i) => add(text, 'doubts', i));
    add(d.afspraak?.rationale, 'afspraak', 'rationale');
    add(d.afspraak?.by, 'afspraak', 'by');
  }
  return texts;
}

/**
 * Header texts lacking a declared language. The tree's own texts are checked by checkTree
 * (src/dilemma/graph.ts), with the same problem code; this covers the rest of the file.
 */
export function headerTranslationProblems(file: TreeFile): Problem[] {
  return headerTexts(file).flatMap(({ text, path, owner }) =>
    missingLanguages(text, file.data.languages).map((lang): Problem => ({ code: 'missing-translation', subject: lang, detail: owner, path })),
  );
}

