/** An option id (a choice), option ids (several choices), free text, or null for an information node. */
export type Answer = string | readonly string[] | null;

export type WalkErrorCode =
  | 'unknown-node'
  | 'finished'
  | 'not-an-option'
  | 'duplicate-option'
  | 'empty-answer'
  | 'wrong-answer-type'
  | 'motivation-required'
  | 'motivation-not-allowed'
  | 'missing-answer'
  | 'off-path'
  | 'no-rule-matches'
  | 'bad-step';

/** A walk rule was broken; `node` says where, `detail` what (an option id, say). */
export class WalkError extends Error {
  constructor(
    readonly code: WalkErrorCode,
    readonly node: string,
    readonly detail?: string,
  ) {
    super(`${code} at ${node}${detail ? ` (${detail})` : ''}`);
    this.name = 'WalkError';
  }
}
