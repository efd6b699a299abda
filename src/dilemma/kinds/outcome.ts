import { WalkError } from '../../walk/walk-error.js';
import type { LocalizedField } from './kind.js';
import { defineKind } from './kind.js';

/**
 * The end of a path: a verdict, with conditions and advice. It stays the tree's special end: code
 * that needs its verdict narrows on `kind === 'outcome'`, simpler than a registry entry for one kind.
 */
export const outcome = defineKind({
  name: 'outcome',
  role: 'end',
  tally: undefined,
  freeText: false,
  shape: 'end',
  schema: (p, z) =>
    z.strictObject({
      ...p.common,
      kind: z.literal('outcome'),
      verdict: p.id,
      conditions: z.array(p.localized).optional(),
      advice: p.localized.optional(),
    }),
  options: () => [],
  successors: () => [],
  taken: () => undefined,
  localizedFields(node) {
    const fields: LocalizedField[] = [];
    node.conditions?.forEach((text, i) => fields.push({ text, path: ['conditions', i] }));
    if (node.advice) fields.push({ text: node.advice, path: ['advice'] });
    return fields;
  },
  check: () => [],
  motivationRule: () => 'none',
  next(node) {
    throw new WalkError('finished', node.id);
  },
  normalize: (_node, answer) => answer,
  ask: () => undefined,
  publicFields: (node, text) => ({
    options: [],
    outcome: { verdict: node.verdict, conditions: (node.conditions ?? []).map((c) => text(c)), ...(node.advice ? { advice: text(node.advice) } : {}) },
  }),
});
