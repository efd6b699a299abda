import type { DilemmaFile, KaderFile, Localized, TreeNode } from './schema.js';

/** A validated file: a kader or a dilemma. */
export type TreeFile = { kind: 'kader'; data: KaderFile } | { kind: 'dilemma'; data: DilemmaFile };

/** A question tree ready to walk: nodes by id, in file order. */
export interface Tree {
  start: string;
  nodes: ReadonlyMap<string, TreeNode>;
  languages: readonly string[];
  /** For an earlier, archived version: the version current now (see archive.ts). */
  supersededBy?: string;
}

/** What a record pins: the exact content it walked, by id, version and SHA-256 of the canonical form. */
export interface Pin {
  id: string;
  version: string;
  sha256: string;
}

export interface LoadedKader {
  file: KaderFile;
  path: string;
  bundled: boolean;
  pin: Pin;
  tree: Tree;
}

export interface LoadedDilemma {
  file: DilemmaFile;
  path: string;
  bundled: boolean;
  pin: Pin;
  /** The kader this dilemma walks, when it does not carry its own tree. */
  kader?: LoadedKader;
  tree: Tree;
  /** The legal sources and glossary of the folders it was found in; the bundled ones when absent. */
  reference?: Reference;
}

/** The hash that identifies the walked tree: the kader's when there is one, else the dilemma's. */
export function treePin(dilemma: Pick<LoadedDilemma, 'pin' | 'kader'>): Pin {
  return dilemma.kader?.pin ?? dilemma.pin;
}

/** Who checked the walked tree's legal content: the kader's review line, else the dilemma's. */
export function treeReview(dilemma: Pick<LoadedDilemma, 'file' | 'kader'>): KaderFile['reviewed'] {
  return dilemma.kader?.file.reviewed ?? dilemma.file.reviewed;
}

export function buildTree(start: string, nodes: readonly TreeNode[], languages: readonly string[]): Tree {
  return { start, nodes: new Map(nodes.map((n) => [n.id, n])), languages };
}

/** What the trees refer to but do not hold: legal sources and glossary terms (see reference.ts). */
export interface LegalSource {
  id: string;
  cite: Localized;
  title: Localized;
  /** The official text (wetten.overheid.nl, eur-lex, rechtspraak, the publisher); absent for paid norms. */
  url?: string;
  since?: string;
}

export interface GlossaryTerm {
  id: string;
  term: Localized;
  /** Word forms per language that count as this term in a tree text; default: the term itself. */
  match?: Record<string, string[]>;
  explain: Localized;
}

export interface Reference {
  sources: ReadonlyMap<string, LegalSource>;
  glossary: readonly GlossaryTerm[];
}
