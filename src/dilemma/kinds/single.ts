import { WalkError } from '../../walk/walk-error.js';
import { defineKind, publicOption } from './kind.js';

/** A choice of one option; each option says where it leads. */
export const single = defineKind({
  name: 'single',
  role: 'question',
  tally: 'single',
  freeText: false,
  shape: 'box',
  schema: (p, z) =>
    z.strictObject({
      ...p.question,
      kind: z.literal('single'),
      motivation: p.motivation.optional(),
      options: z.array(p.option.extend({ next: p.id })).min(2),
    }),
  options: (node) => node.options,
  successors: (node) => node.options.map((o, i) => ({ target: o.next, path: ['options', i, 'next'], option: o })),
  taken(node, answer) {
    const index = node.options.findIndex((o) => o.id === answer);
    return index < 0 ? undefined : index;
  },
  localizedFields: () => [],
  check: () => [],
  motivationRule: (node, answer) => node.options.find((o) => o.id === answer)?.motivation ?? node.motivation ?? 'optional',
  next(node, answer) {
    if (typeof answer !== 'string') throw new WalkError('wrong-answer-type', node.id);
    const option = node.options.find((o) => o.id === answer);
    if (!option) throw new WalkError('not-an-option', node.id, answer);
    return option.next;
  },
  normalize: (_node, answer) => answer,
  ask: (node, previous) => ({
    prompt: 'select',
    choices: node.options.map((o) => ({ value: o.id, label: o.label })),
    ...(typeof previous === 'string' ? { default: previous } : {}),
  }),
  publicFields: (node, text) => ({ motivation: node.motivation ?? 'optional', options: node.options.map((o) => publicOption(o, text, true)) }),
});
