import type { z } from 'zod';
import type { YamlPath } from '../../platform/yaml-source.js';
import type { Answer } from '../../walk/walk-error.js';
import type { LegalItem, Localized, MotivationRule, NodeParts, Option, Rule } from '../node-parts.js';
import type { Problem } from '../problem.js';

type Zod = typeof z;

/** What every node has, whatever its kind. */
export interface BaseNode {
  id: string;
  kind: string;
  text: Localized;
  help?: Localized | undefined;
  legal?: LegalItem[] | undefined;
  disputed?: Localized | undefined;
}

/** A way on from a node, with the document path of the reference; `option` or `rule` when one leads there. */
export interface Successor {
  target: string;
  path: YamlPath;
  option?: Option;
  rule?: Rule;
}

export interface LocalizedField {
  text: Localized;
  path: YamlPath;
}

/**
 * How a node is asked in a terminal, said without the prompt library: src/terminal/prompts.ts is the
 * one place that makes prompts, and the walk turns this into them. `continue`: shown, then passed.
 */
export type Ask =
  | { prompt: 'continue' }
  | { prompt: 'select'; choices: readonly AskChoice[]; default?: string }
  | { prompt: 'checkbox'; choices: readonly AskChoice[]; checked: readonly string[] }
  | { prompt: 'input'; default?: string };

export interface AskChoice {
  value: string;
  label: Localized;
}

/**
 * How review counts a question's answers, and so what counts as the same answer: one option each
 * ('single'), a set of options, each option also counted apart ('multiple'), or the walker's own
 * words, quoted and not counted apart ('text').
 */
export type Tally = 'single' | 'multiple' | 'text';

/**
 * A kind of node: what its YAML holds and what every part of the tool does with it. One file per
 * kind in this folder; index.ts lists them. The rest of the code asks the kind (kindOf(node)) and
 * never compares kind names, so a new kind is one file, its messages, and a line in index.ts.
 * Methods (not function properties), so a kind of one node type fits the registry of all.
 */
export interface NodeKind<N extends BaseNode = BaseNode> {
  readonly name: string;
  /** What a walk does at such a node: ask an answer ('question'), pass it by (information), or end there (an outcome). */
  readonly role: 'question' | 'pass' | 'end';
  /** For a question: how review counts its answers. */
  readonly tally: Tally | undefined;
  /** The answer is the walker's own words: kept without a label, checked by the privacy guard, quoted whole. */
  readonly freeText: boolean;
  /** How graph renderers draw it: a box, a slanted box (free text), a note (information), rounded (an end). */
  readonly shape: 'box' | 'slanted' | 'note' | 'end';
  /** The node's schema: a strict object with `kind: z.literal(name)`, made of the shared parts. */
  schema(parts: NodeParts, z: Zod): z.ZodObject;
  /** The options it offers; none for a kind without options. */
  options(node: N): readonly Option[];
  successors(node: N): Successor[];
  /** The index in successors() of the way an answer takes; undefined when it fits none. */
  taken(node: N, answer: Answer): number | undefined;
  /** Its own localized texts (text, help, disputed and legal are every node's). */
  localizedFields(node: N): LocalizedField[];
  /** Structural checks of its own fields; `at` makes a path in the node a path in the document. */
  check(node: N, at: (...rest: PropertyKey[]) => YamlPath): Problem[];
  motivationRule(node: N, answer: Answer): MotivationRule;
  /** The node an answer leads to; throws WalkError when the answer does not fit. */
  next(node: N, answer: Answer): string;
  /** The answer as a walk keeps it: one form for one choice. */
  normalize(node: N, answer: Answer): Answer;
  /** How a terminal asks it, given the answer before (going back); undefined for an end. */
  ask(node: N, previous: Answer | undefined): Ask | undefined;
  /** Its own fields in `show --json`, in their place after `disputed`. */
  publicFields(node: N, text: (value: Localized) => string): PublicFields;
}

/** What `show --json` gives of a node beyond the fields every node has: a public shape, documented, that kinds fill in. */
export interface PublicFields {
  motivation?: MotivationRule;
  options: PublicOption[];
  rules?: { when?: Rule['when']; next: string }[];
  next?: string;
  outcome?: { verdict: string; conditions: string[]; advice?: string };
}

export interface PublicOption {
  id: string;
  label: string;
  next?: string;
  motivation?: MotivationRule;
}

/** The node type a kind's schema parses to. */
export type NodeOf<K> = K extends { schema(parts: NodeParts, z: Zod): infer S extends z.ZodType } ? z.output<S> : never;

/** Declares a kind, keeping its schema's own type so the node types can be derived from it. */
export function defineKind<S extends z.ZodObject>(kind: Omit<NodeKind<z.output<S> & BaseNode>, 'schema'> & { schema(parts: NodeParts, z: Zod): S }) {
  return kind;
}

/** An option in the public shape of show --json. */
export function publicOption(option: Option, text: (value: Localized) => string, withNext: boolean): PublicOption {
  return {
    id: option.id,
    label: text(option.label),
    ...(withNext && option.next !== undefined ? { next: option.next } : {}),
    ...(option.motivation ? { motivation: option.motivation } : {}),
  };
}
