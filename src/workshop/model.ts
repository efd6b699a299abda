import { authorSchema } from '../record/author.js';
import { recordSchema } from '../record/model.js';
import { lazySchema, type Infer } from '../platform/zod.js';

/** The `kind` that tells a workshop record from a decision record (which carries no `kind`). */
export const WORKSHOP_KIND = 'workshop';

/** How many participants chose one option; an option nobody chose is listed with 0. */
export interface TallyEntry {
  option: string;
  count: number;
}

/**
 * What the group settled on at one question: the option (single), options (multiple) or its own
 * formulation (text), with the show of hands, the key arguments and any minority view.
 */
export interface GroupStep {
  node: string;
  choice: string | readonly string[];
  tally?: readonly TallyEntry[];
  arguments?: string;
  minority?: string;
}

export const trainerSchema = lazySchema(() => authorSchema().pick({ name: true, role: true, organisation: true }));
export type Trainer = Infer<typeof trainerSchema>;

const pathEntrySchema = lazySchema((z) =>
  z.strictObject({
    node: z.string().min(1),
    question: z.string(),
    tally: z.array(z.strictObject({ option: z.string().min(1), count: z.number().int().min(0) })).optional(),
    choice: z.union([z.string(), z.array(z.string())]),
    label: z.string().optional(),
    arguments: z.string().optional(),
    minority: z.string().optional(),
  }),
);
export type WorkshopPathEntry = Infer<typeof pathEntrySchema>;

/**
 * A workshop record's front matter. It shares a decision record's envelope (format version, id,
 * pins, created, language, outcome, afspraak comparison, signer or `unsigned`), so signing and
 * verifying work the same; `kind` tells the two apart. Field order here is the order written.
 */
export const workshopRecordSchema = lazySchema((z) => {
  const shared = recordSchema().shape;
  return z.strictObject({
    leertuin: shared.leertuin,
    kind: z.literal(WORKSHOP_KIND),
    id: shared.id,
    dilemma: shared.dilemma,
    kader: shared.kader,
    created: shared.created,
    language: shared.language,
    trainer: trainerSchema(),
    participants: z.number().int().min(1),
    path: z.array(pathEntrySchema()).min(1),
    outcome: shared.outcome,
    afspraak: shared.afspraak,
    allow_identifying: shared.allow_identifying,
    signer: shared.signer,
    unsigned: shared.unsigned,
  });
});
export type WorkshopRecord = Infer<typeof workshopRecordSchema>;
