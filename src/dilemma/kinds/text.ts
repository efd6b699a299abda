import { WalkError } from '../../walk/walk-error.js';
import { defineKind } from './kind.js';

/** An answer in the walker's own words. */
export const text = defineKind({
  name: 'text',
  role: 'question',
  tally: 'text',
  freeText: true,
  shape: 'slanted',
  schema: (p, z) =>
    z.strictObject({
      ...p.question,
      kind: z.literal('text'),
      motivation: p.motivation.optional(),
      next: p.id,
    }),
  options: () => [],
  successors: (node) => [{ target: node.next, path: ['next'] }],
  taken: () => 0,
  localizedFields: () => [],
  check: () => [],
  motivationRule: (node) => node.motivation ?? 'optional',
  next(node, answer) {
    if (typeof answer !== 'string') throw new WalkError('wrong-answer-type', node.id);
    if (answer.trim() === '') throw new WalkError('empty-answer', node.id);
    return node.next;
  },
  normalize: (_node, answer) => (typeof answer === 'string' ? answer.trim() : answer),
  ask: (_node, previous) => ({ prompt: 'input', ...(typeof previous === 'string' ? { default: previous } : {}) }),
  publicFields: (node) => ({ motivation: node.motivation ?? 'optional', options: [], next: node.next }),
});
