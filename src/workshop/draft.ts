import type { LoadedDilemma } from '../dilemma/model.js';
import { lazySchema, type Infer } from '../platform/zod.js';
import { trainerSchema, type GroupStep, type Trainer } from './model.js';

/** An unfinished workshop, kept after every question like a walk's draft: answers only, no keys. */
export const workshopDraftSchema = lazySchema((z) =>
  z.strictObject({
    draft: z.literal(1),
    id: z.string().regex(/^[a-z0-9-]+$/),
    dilemma: z.strictObject({ id: z.string(), version: z.string(), sha256: z.string() }),
    trainer: trainerSchema(),
    participants: z.number().int().min(1),
    started: z.string(),
    updated: z.string(),
    steps: z.array(
      z.strictObject({
        node: z.string(),
        choice: z.union([z.string(), z.array(z.string())]),
        tally: z.array(z.strictObject({ option: z.string(), count: z.number().int().min(0) })).optional(),
        arguments: z.string().optional(),
        minority: z.string().optional(),
      }),
    ),
  }),
);
export type WorkshopDraft = Infer<typeof workshopDraftSchema>;

export const WORKSHOP_DRAFTS = 'workshop-drafts';

export function makeWorkshopDraft(
  id: string,
  dilemma: LoadedDilemma,
  trainer: Trainer,
  participants: number,
  steps: readonly GroupStep[],
  started: string,
  now: Date,
): WorkshopDraft {
  return {
    draft: 1,
    id,
    dilemma: dilemma.pin,
    trainer,
    participants,
    started,
    updated: now.toISOString(),
    steps: steps.map((s) => ({
      node: s.node,
      choice: typeof s.choice === 'string' ? s.choice : [...s.choice],
      ...(s.tally ? { tally: s.tally.map((e) => ({ ...e })) } : {}),
      ...(s.arguments ? { arguments: s.arguments } : {}),
      ...(s.minority ? { minority: s.minority } : {}),
    })),
  };
}
