import { defineKind } from './kind.js';

/** Information shown on the way: nothing to answer, one way on. */
export const info = defineKind({
  name: 'info',
  role: 'pass',
  tally: undefined,
  freeText: false,
  shape: 'note',
  schema: (p, z) => z.strictObject({ ...p.common, kind: z.literal('info'), next: p.id }),
  options: () => [],
  successors: (node) => [{ target: node.next, path: ['next'] }],
  taken: () => 0,
  localizedFields: () => [],
  check: () => [],
  motivationRule: () => 'none',
  next: (node) => node.next,
  normalize: () => null,
  ask: () => ({ prompt: 'continue' }),
  publicFields: (node) => ({ options: [], next: node.next }),
});
