import { isFreeText } from '../dilemma/kinds/index.js';
import { optionsOf } from '../dilemma/options.js';
import { compareWithAfspraak } from '../dilemma/afspraak.js';
import { localize } from '../dilemma/localize.js';
import type { LoadedDilemma } from '../dilemma/model.js';
import type { Author } from './author.js';
import { decisions, nodeAt, outcomeOf, type WalkState } from '../walk/engine.js';
import { RECORD_FORMAT_VERSION, type DecisionRecord, type PathEntry } from './model.js';
import { localTimestamp } from '../platform/time.js';

export interface RecordInput {
  dilemma: LoadedDilemma;
  state: WalkState;
  author: Author;
  language: string;
  /** Injected so the same answers give the same record in tests. */
  now: Date;
  shortId: string;
  deviation?: { decision: string; reason: string };
  allowIdentifying?: string;
  signer?: { principal: string; key: string };
}

export function recordFileName(record: Pick<DecisionRecord, 'id'>): string {
  return `${record.id}.md`;
}

/** The front matter of a finished walk. Throws when the walk has not reached an outcome. */
export function buildRecord(input: RecordInput): DecisionRecord {
  const { dilemma, state, language } = input;
  const tree = dilemma.tree;
  const outcome = outcomeOf(tree, state);
  if (!outcome) throw new Error(`walk not finished at ${state.at}`);
  const source = dilemma.file.languages[0];
  const text = (value: Parameters<typeof localize>[0]) => localize(value, language, source);
  const created = localTimestamp(input.now);
  const path: PathEntry[] = decisions(tree, state).map((step) => {
    const node = nodeAt(tree, step.node);
    const answer = step.answer as string | string[];
    const options = optionsOf(node);
    const label =
      isFreeText(node)
        ? undefined
        : (Array.isArray(answer) ? answer : [answer]).map((id) => text(options.find((o) => o.id === id)?.label ?? id)).join('; ');
    return {
      node: step.node,
      question: text(node.text),
      answer: Array.isArray(answer) ? [...answer] : answer,
      ...(label === undefined ? {} : { label }),
      ...(step.motivation ? { motivation: step.motivation } : {}),
    };
  });
  const afspraak = dilemma.file.afspraak;
  const comparison = afspraak ? compareWithAfspraak(tree, state.steps, outcome.id, afspraak) : undefined;
  return {
    leertuin: RECORD_FORMAT_VERSION,
    id: `${created.slice(0, 10)}-${dilemma.pin.id}-${input.shortId}`,
    dilemma: dilemma.pin,
    ...(dilemma.kader ? { kader: dilemma.kader.pin } : {}),
    created,
    language,
    author: input.author,
    path,
    outcome: { id: outcome.id, verdict: outcome.verdict, label: text(outcome.text) },
    ...(input.deviation ? { deviation: input.deviation } : {}),
    ...(comparison ? { afspraak: { same_outcome: comparison.sameOutcome, differences: comparison.differences.map((d) => d.node) } } : {}),
    ...(input.allowIdentifying ? { allow_identifying: input.allowIdentifying } : {}),
    ...(input.signer ? { signer: input.signer } : { unsigned: true as const }),
  };
}
