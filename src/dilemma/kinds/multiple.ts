import type { Problem } from '../problem.js';
import { WalkError } from '../../walk/walk-error.js';
import { defineKind, publicOption } from './kind.js';

interface Chooses {
  rules: readonly { when?: { any?: string[] | undefined; all?: string[] | undefined; none?: string[] | undefined } | undefined }[];
}

/** The first rule whose condition the chosen options meet: the way they take. */
function firing(node: Chooses, chosen: readonly string[]): number {
  return node.rules.findIndex((r) => {
    const w = r.when;
    if (!w) return true;
    return (
      (!w.any || w.any.some((id) => chosen.includes(id))) &&
      (!w.all || w.all.every((id) => chosen.includes(id))) &&
      (!w.none || !w.none.some((id) => chosen.includes(id)))
    );
  });
}

/** A choice of one or more options; rules on the chosen set say where it leads. */
export const multiple = defineKind({
  name: 'multiple',
  role: 'question',
  tally: 'multiple',
  freeText: false,
  shape: 'box',
  schema: (p, z) =>
    z.strictObject({
      ...p.question,
      kind: z.literal('multiple'),
      motivation: p.motivation.optional(),
      options: z.array(p.option.omit({ next: true })).min(2),
      rules: z.array(p.rule).min(1),
    }),
  options: (node) => node.options,
  successors: (node) => node.rules.map((r, i) => ({ target: r.next, path: ['rules', i, 'next'], rule: r })),
  taken(node, answer) {
    if (!Array.isArray(answer)) return undefined;
    const index = firing(node, answer as readonly string[]);
    return index < 0 ? undefined : index;
  },
  localizedFields: () => [],
  check(node, at) {
    const problems: Problem[] = [];
    const known = new Set(node.options.map((o) => o.id));
    node.rules.forEach((rule, j) => {
      for (const key of ['any', 'all', 'none'] as const) {
        (rule.when?.[key] ?? []).forEach((id, k) => {
          if (!known.has(id)) problems.push({ code: 'unknown-option-in-rule', subject: id, detail: node.id, path: at('rules', j, 'when', key, k) });
        });
      }
    });
    const last = node.rules.length - 1;
    if (node.rules[last]?.when !== undefined) problems.push({ code: 'no-default-rule', subject: node.id, path: at('rules', last) });
    return problems;
  },
  motivationRule(node, answer) {
    // A loop, not filter and map: verify replays every record, and the arrays those make differ in
    // kind (empty or not) from record to record, which made V8 recompile the replay twice.
    const chosen = Array.isArray(answer) ? answer : [];
    for (const option of node.options) if (option.motivation === 'required' && chosen.includes(option.id)) return 'required';
    return node.motivation ?? 'optional';
  },
  next(node, answer) {
    if (!Array.isArray(answer)) throw new WalkError('wrong-answer-type', node.id);
    const chosen = answer as readonly string[];
    if (chosen.length === 0) throw new WalkError('empty-answer', node.id);
    const known = new Set(node.options.map((o) => o.id));
    const unknown = chosen.find((id) => !known.has(id));
    if (unknown !== undefined) throw new WalkError('not-an-option', node.id, unknown);
    if (new Set(chosen).size !== chosen.length) throw new WalkError('duplicate-option', node.id);
    const rule = node.rules[firing(node, chosen)];
    if (!rule) throw new WalkError('no-rule-matches', node.id);
    return rule.next;
  },
  /** Kept in the tree's option order, so the same choice is the same state. */
  normalize(node, answer) {
    if (!Array.isArray(answer)) return answer;
    const chosen = answer as readonly string[];
    // A loop for the same reason as in motivationRule.
    const ordered: string[] = [];
    for (const option of node.options) if (chosen.includes(option.id)) ordered.push(option.id);
    return ordered;
  },
  ask: (node, previous) => ({
    prompt: 'checkbox',
    choices: node.options.map((o) => ({ value: o.id, label: o.label })),
    checked: Array.isArray(previous) ? (previous as readonly string[]) : [],
  }),
  publicFields: (node, text) => ({
    motivation: node.motivation ?? 'optional',
    options: node.options.map((o) => publicOption(o, text, false)),
    rules: node.rules.map((r) => ({ ...(r.when ? { when: r.when } : {}), next: r.next })),
  }),
});
