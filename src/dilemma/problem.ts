import type { YamlPath } from '../platform/yaml-source.js';

export type ProblemCode =
  | 'duplicate-node'
  | 'duplicate-option'
  | 'unknown-target'
  | 'unknown-start'
  | 'unknown-option-in-rule'
  | 'no-default-rule'
  | 'unreachable-node'
  | 'cycle'
  | 'dead-end'
  | 'missing-translation'
  | 'recall-unknown-node'
  | 'recall-not-before'
  | 'afspraak-unknown-node'
  | 'afspraak-unknown-option'
  | 'afspraak-off-path'
  | 'afspraak-wrong-outcome'
  | 'afspraak-incomplete';

/** A finding about a tree, located by its path in the YAML document so the loader can give line:col. */
export interface Problem {
  code: ProblemCode;
  /** Node, option or language concerned, for the message. */
  subject: string;
  detail?: string;
  path: YamlPath;
}
