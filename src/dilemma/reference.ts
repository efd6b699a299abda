import { optionsOf } from './options.js';
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { t } from '../i18n/index.js';
import { readText } from '../platform/read-text.js';
import { validatedOnce } from '../platform/validated-once.js';
import { parseYaml, validate } from '../platform/yaml-source.js';
import { lazySchema } from '../platform/zod.js';
import { BUNDLED_DIR, compiledReference } from './bundled.js';
import { localize } from './localize.js';
import type { GlossaryTerm, LegalSource, Reference } from './model.js';
import { treeSchemas, type LegalItem, type Localized, type TreeNode } from './schema.js';

export type { GlossaryTerm, LegalSource, Reference };

/**
 * What the trees refer to but do not hold themselves: the registry of legal sources they cite and the
 * glossary of terms a professional may not know. Both live in `<dilemmas>/reference/`; a project's
 * entries are taken over the bundled ones with the same id.
 */
export const REFERENCE_FOLDER = 'reference';

export type ReferenceFile = { kind: 'sources'; sources: LegalSource[] } | { kind: 'glossary'; terms: GlossaryTerm[] };

const referenceSchemas = lazySchema((z) => {
  const { id, localized } = treeSchemas();
  const source = z.strictObject({
    id,
    cite: localized,
    title: localized,
    url: z.string().regex(/^https:\/\/[^\s()<>"']+$/, { error: () => t('schema.officialLink') }).optional(),
    since: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: () => t('schema.date') }).optional(),
  });
  const term = z.strictObject({
    id,
    term: localized,
    match: z.record(z.string().regex(/^[a-z]{2,3}$/, { error: () => t('schema.language') }), z.array(z.string().min(2)).min(1)).optional(),
    explain: localized,
  });
  return z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('sources'), sources: z.array(source) }),
    z.strictObject({ kind: z.literal('glossary'), terms: z.array(term) }),
  ]);
});

/** A file in a `reference/` folder is a registry or a glossary, not a tree. */
export function isReferenceFile(path: string): boolean {
  return basename(dirname(path)) === REFERENCE_FOLDER;
}

/** Reads and validates one reference file; a problem is an error at its place in the file. */
export function parseReferenceFile(path: string): ReferenceFile {
  const text = readText(path);
  return validatedOnce('reference', text, () => validate(parseYaml(text, path), referenceSchemas(), 'invalid-reference-file', 'see docs/dilemma-format.md') as ReferenceFile);
}

function readFolder(dir: string): ReferenceFile[] {
  const folder = join(dir, REFERENCE_FOLDER);
  const files: ReferenceFile[] = [];
  for (const name of ['sources.yaml', 'glossary.yaml']) {
    const path = join(folder, name);
    if (!existsSync(path)) continue;
    // The bundled files were validated at build time; the build's copy is used while it matches.
    files.push((dir === BUNDLED_DIR ? compiledReference<ReferenceFile>(path) : undefined) ?? parseReferenceFile(path));
  }
  return files;
}

const cache = new Map<string, Reference>();

/** The reference in effect for these dilemma folders (project first), the bundled one under them. */
export function referenceFor(projectDirs: readonly string[] = []): Reference {
  const key = projectDirs.join('\u0000');
  let reference = cache.get(key);
  if (!reference) {
    const sources = new Map<string, LegalSource>();
    const glossary = new Map<string, GlossaryTerm>();
    // Bundled first, so a project's entry with the same id replaces it.
    for (const dir of [BUNDLED_DIR, ...[...projectDirs].reverse()]) {
      for (const file of readFolder(dir)) {
        if (file.kind === 'sources') for (const s of file.sources) sources.set(s.id, s);
        else for (const g of file.terms) glossary.set(g.id, g);
      }
    }
    reference = { sources, glossary: [...glossary.values()] };
    cache.set(key, reference);
  }
  return reference;
}

/** The registry entry a legal item refers to, if any: `{source: id}`, or a plain string that is an id. */
export function legalSource(item: LegalItem, reference: Reference): LegalSource | undefined {
  if (typeof item === 'object' && 'source' in item) return reference.sources.get(item.source as string);
  return typeof item === 'string' ? reference.sources.get(item) : undefined;
}

/** The id an item names, known or not; undefined for free text. */
export function legalId(item: LegalItem): string | undefined {
  if (typeof item === 'object' && 'source' in item) return item.source as string;
  return typeof item === 'string' && /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/.test(item) ? item : undefined;
}

export interface LegalLine {
  /** "AVG art. 6 lid 1 sub d: Vitaal belang (note)", or the free text of an older file. */
  text: string;
  url?: string;
  id?: string;
}

/** The legal items of a node as a reader sees them; without a reference, the bundled one. */
export function legalLines(items: readonly LegalItem[] | undefined, reference: Reference | undefined, language: string, sourceLanguage?: string): LegalLine[] {
  if (!items?.length) return [];
  const ref = reference ?? referenceFor();
  return items.map((item) => describeLegal(item, ref, language, sourceLanguage));
}

/** The legal items of a node on one line, for a terminal or a plain-text line. */
export function legalSummary(items: readonly LegalItem[] | undefined, dilemma: { reference?: Reference; file: { languages: readonly string[] } }, language: string): string {
  return legalLines(items, dilemma.reference, language, dilemma.file.languages[0])
    .map((l) => l.text)
    .join('; ');
}

/** A legal item as a reader sees it, in `language`. */
export function describeLegal(item: LegalItem, reference: Reference, language: string, sourceLanguage?: string): LegalLine {
  const text = (value: Localized) => localize(value, language, sourceLanguage);
  const source = legalSource(item, reference);
  const note = typeof item === 'object' && 'source' in item && item.note !== undefined ? ` (${text(item.note as Localized)})` : '';
  if (!source) {
    const id = legalId(item);
    return { text: id ?? text(item as Localized), ...(id ? { id } : {}) };
  }
  return { text: `${text(source.cite)}: ${text(source.title)}${note}`, id: source.id, ...(source.url ? { url: source.url } : {}) };
}

/** The word forms that count as a glossary term in `language`. */
function formsOf(term: GlossaryTerm, language: string): string[] {
  return term.match?.[language] ?? [localize(term.term, language)];
}

const matchers = new WeakMap<GlossaryTerm, Map<string, (text: string) => boolean>>();

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Whether the character that ends just before `index` (a surrogate pair counts as one) is a letter or digit. */
function wordBefore(text: string, index: number): boolean {
  if (index === 0) return false;
  const pair = index >= 2 && /[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(text.slice(index - 2, index));
  return LETTER_OR_DIGIT.test(String.fromCodePoint(text.codePointAt(pair ? index - 2 : index - 1)!));
}

function wordAt(text: string, index: number): boolean {
  return index < text.length && LETTER_OR_DIGIT.test(String.fromCodePoint(text.codePointAt(index)!));
}

/**
 * Whether `pattern` (global, its forms longest first) occurs at a word start, and with `wholeWord`
 * also at a word end. The word edges are checked here, not in the pattern: a lookbehind on letters
 * and digits made every pattern compile Unicode's letter tables, and a walk's first question came
 * 20 ms later (see BENCHMARKS.md).
 */
function foundAtWordStart(pattern: RegExp, text: string, wholeWord: boolean): boolean {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (!wordBefore(text, match.index) && !(wholeWord && wordAt(text, match.index + match[0].length))) return true;
    pattern.lastIndex = match.index + 1;
  }
  return false;
}

/**
 * A term is found at a word start. An abbreviation (all capitals) only as written and as a whole
 * word, so "FG" is not found in "fg" or "FGX"; other words in any case, with any ending
 * ("vordering" finds "vorderingen").
 */
function matcherOf(term: GlossaryTerm, language: string): (text: string) => boolean {
  let byLanguage = matchers.get(term);
  if (!byLanguage) matchers.set(term, (byLanguage = new Map()));
  let matcher = byLanguage.get(language);
  if (!matcher) {
    const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // Longest first: of "AV" and "AVG" in "AVG.", the whole word is the one tried.
    const forms = [...formsOf(term, language)].sort((a, b) => b.length - a.length);
    const abbreviations = forms.filter((form) => /^[A-Z0-9]+$/.test(form)).map(escape);
    const words = forms.filter((form) => !/^[A-Z0-9]+$/.test(form)).map(escape);
    const exact = abbreviations.length > 0 ? new RegExp(abbreviations.join('|'), 'gu') : undefined;
    const loose = words.length > 0 ? new RegExp(words.join('|'), 'giu') : undefined;
    matcher = (text) => (exact !== undefined && foundAtWordStart(exact, text, true)) || (loose !== undefined && foundAtWordStart(loose, text, false));
    byLanguage.set(language, matcher);
  }
  return matcher;
}

/** The glossary terms a text uses, in glossary order. */
export function glossaryTermsIn(text: string, reference: Reference, language: string): GlossaryTerm[] {
  return reference.glossary.filter((term) => matcherOf(term, language)(text));
}

/**
 * Words a professional may not know that lint wants explained: abbreviations of two or more capitals
 * and the legal terms below. A tree text that uses one needs a glossary entry that matches it.
 */
const JARGON = ['vordering', 'verschoningsrecht', 'bevoegd gezag', 'gecertificeerde instelling', 'ondertoezichtstelling', 'zwaarwegend algemeen belang', 'verwerkingsverantwoordelijke', 'conflict van plichten', 'meldrecht', 'doelbinding', 'subsidiariteit', 'proportionaliteit', 'grondslag'];

/** The jargon in a text that no glossary term explains. */
export function unexplainedJargon(text: string, reference: Reference, language: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(/(?<![\p{L}\p{N}])[A-Z]{2,}(?![\p{L}\p{N}])/gu)) found.add(match[0]);
  const lower = text.toLowerCase();
  for (const word of JARGON) if (lower.includes(word)) found.add(word);
  // Explained: a glossary term matches both the word and the text; the short word is tried first.
  return [...found].filter((word) => !reference.glossary.some((term) => {
    const matches = matcherOf(term, language);
    return matches(word) && matches(text);
  }));
}

/**
 * The glossary terms a question uses (its text, help and option labels) that `explained` does not
 * hold yet; they are added to it, so a walk explains each term once, where it first appears.
 */
export function newTermsOf(node: TreeNode, dilemma: { reference?: Reference; file: { languages: readonly string[] } }, language: string, explained: Set<string>): GlossaryTerm[] {
  const source = dilemma.file.languages[0];
  const parts = [node.text, node.help, ...optionsOf(node).map((o) => o.label)];
  const text = parts.map((p) => (p === undefined ? '' : localize(p, language, source))).join('\n');
  const terms = glossaryTermsIn(text, dilemma.reference ?? referenceFor(), language).filter((term) => !explained.has(term.id));
  for (const term of terms) explained.add(term.id);
  return terms;
}
