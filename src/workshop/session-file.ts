import { readText } from '../platform/read-text.js';
import type { Tree } from '../dilemma/model.js';
import { isChoice, kindOf } from '../dilemma/kinds/index.js';
import { optionsOf } from '../dilemma/options.js';
import { treeSchemas } from '../dilemma/schema.js';
import { LeertuinError } from '../errors.js';
import { t } from '../i18n/index.js';
import { parseYaml, validate, type YamlSource } from '../platform/yaml-source.js';
import { lazySchema, type Infer } from '../platform/zod.js';
import { WalkError, nodeAt } from '../walk/engine.js';
import { walkErrorMessage } from '../walk/describe.js';
import { groupState } from './group.js';
import { trainerSchema, type GroupStep, type Trainer } from './model.js';

/**
 * A workshop written down beforehand or afterwards, for `workshop --from <file>`: the same session
 * a trainer enters at the screen, so a script makes the same workshop record.
 */
export const sessionFileSchema = lazySchema((z) => {
  const id = treeSchemas().id;
  return z.strictObject({
    dilemma: id,
    participants: z.number().int().min(1).max(10_000),
    trainer: trainerSchema().optional(),
    steps: z
      .array(
        z.strictObject({
          node: id,
          tally: z.record(id, z.number().int().min(0)).optional(),
          choice: z.union([z.string().trim().min(1), z.array(id).min(1)]),
          arguments: z.string().trim().min(1).optional(),
          minority: z.string().trim().min(1).optional(),
        }),
      )
      .min(1),
    afspraak: z.strictObject({ rationale: z.string().trim().min(1), by: z.string().trim().min(1).optional() }).optional(),
  });
});
export type SessionFile = Infer<typeof sessionFileSchema>;

export interface LoadedSession {
  file: SessionFile;
  source: YamlSource;
  steps: GroupStep[];
  trainer: Trainer | undefined;
}

/** Reads a session file and checks it against the tree: the path, the options, the show of hands. */
export function readSessionFile(path: string, tree: Tree): LoadedSession {
  const source = parseYaml(readText(path), path);
  const file = validate(source, sessionFileSchema(), 'invalid-session', t('workshop.sessionHint'));
  const fail = (at: PropertyKey[], message: string) =>
    new LeertuinError('invalid-session', message, { position: source.positionOf(at), hint: t('workshop.sessionHint') });
  const steps: GroupStep[] = file.steps.map((step, i) => {
    const node = tree.nodes.get(step.node);
    if (!step.tally) return { node: step.node, choice: step.choice, ...(step.arguments ? { arguments: step.arguments } : {}), ...(step.minority ? { minority: step.minority } : {}) };
    if (!node || !isChoice(node)) throw fail(['steps', i, 'tally'], t('workshop.sessionNoTally', { node: step.node }));
    const options = optionsOf(node);
    const known = new Set(options.map((o) => o.id));
    const unknown = Object.keys(step.tally).find((id) => !known.has(id));
    if (unknown) throw fail(['steps', i, 'tally', unknown], t('walkError.not-an-option', { subject: step.node, detail: unknown }));
    const counts = options.map((o) => step.tally?.[o.id] ?? 0);
    const over = kindOf(node).tally === 'single' ? counts.reduce((a, b) => a + b, 0) > file.participants : counts.some((n) => n > file.participants);
    if (over) throw fail(['steps', i, 'tally'], t('workshop.sessionTooMany', { node: step.node, participants: file.participants }));
    return {
      node: step.node,
      choice: step.choice,
      tally: options.map((o, j) => ({ option: o.id, count: counts[j]! })),
      ...(step.arguments ? { arguments: step.arguments } : {}),
      ...(step.minority ? { minority: step.minority } : {}),
    };
  });
  try {
    const state = groupState(tree, steps);
    if (kindOf(nodeAt(tree, state.at)).role !== 'end') throw new WalkError('missing-answer', state.at);
  } catch (error) {
    if (!(error instanceof WalkError)) throw error;
    const index = file.steps.findIndex((s) => s.node === error.node);
    throw fail(index >= 0 ? ['steps', index] : ['steps'], walkErrorMessage(error));
  }
  return { file, source, steps, trainer: file.trainer };
}
