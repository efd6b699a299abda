import type { z } from 'zod';
import { t } from '../i18n/index.js';
import { lazySchema } from '../platform/zod.js';
import { allKinds, type TreeNode } from './kinds/index.js';
import { nodeParts } from './node-parts.js';

export { TRANSLATION_HASHES_KEY } from './node-parts.js';

/**
 * The dilemma and kader file schemas, built on first use: bundled files were validated at build
 * time, so most runs never need them (or zod).
 */
export const treeSchemas = lazySchema((z) => {
  const parts = nodeParts();
  const { id: idSchema, language: languageSchema, localized: localizedSchema } = parts;

  const versionSchema = z.string().regex(/^\d+(?:\.\d+){0,2}(?:[-+][0-9A-Za-z.-]+)?$/, { error: () => t('schema.version') });

  /** One schema per registered kind (kinds/), told apart by `kind`. */
  const nodeSchema = z.discriminatedUnion('kind', allKinds().map((kind) => kind.schema(parts, z)) as [z.ZodObject, ...z.ZodObject[]]) as unknown as z.ZodType<TreeNode>;

  const headerFields = {
    id: idSchema,
    version: versionSchema,
    languages: z.array(languageSchema).min(1).default(['nl', 'en']),
    title: localizedSchema,
    summary: localizedSchema.optional(),
    /** Who checked the legal content, when, against which sources: shown by `show` and in records. */
    reviewed: z
      .strictObject({
        by: localizedSchema,
        date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: () => t('schema.date') }),
        against: localizedSchema,
      })
      .optional(),
  };

  const treeFields = {
    start: idSchema,
    nodes: z.array(nodeSchema).min(1),
  };

  const kaderSchema = z.strictObject({ kind: z.literal('kader'), ...headerFields, ...treeFields });

  const afspraakSchema = z.strictObject({
    fictitious: z.boolean().default(false),
    outcome: idSchema,
    // Without a prototype, looking up a node id such as `constructor` finds nothing inherited.
    answers: z
      .record(idSchema, z.union([idSchema, z.array(idSchema)]))
      .transform((answers) => Object.assign(Object.create(null) as Record<string, string | string[]>, answers)),
    rationale: localizedSchema,
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: () => t('schema.date') }),
    by: localizedSchema,
  });

  const dilemmaSchema = z
    .strictObject({
      kind: z.literal('dilemma'),
      ...headerFields,
      case: localizedSchema,
      roles: z
        .strictObject({ asks: localizedSchema.optional(), holds: localizedSchema.optional(), subject: localizedSchema.optional() })
        .optional(),
      categories: z.array(localizedSchema).optional(),
      doubts: z.array(localizedSchema).optional(),
      kader: idSchema.optional(),
      start: treeFields.start.optional(),
      nodes: treeFields.nodes.optional(),
      afspraak: afspraakSchema.optional(),
    })
    .superRefine((d, ctx) => {
      const inline = d.start !== undefined || d.nodes !== undefined;
      if (d.kader === undefined && !(d.start !== undefined && d.nodes !== undefined)) {
        ctx.addIssue({ code: 'custom', message: t('schema.kaderOrTree'), path: [] });
      } else if (d.kader !== undefined && inline) {
        ctx.addIssue({ code: 'custom', message: t('schema.kaderAndTree'), path: ['kader'] });
      }
    });

  const fileSchema = z.discriminatedUnion('kind', [kaderSchema, dilemmaSchema]);

  return {
    id: idSchema,
    localized: localizedSchema,
    node: nodeSchema,
    kader: kaderSchema,
    afspraak: afspraakSchema,
    dilemma: dilemmaSchema,
    file: fileSchema,
  };});

type Schemas = ReturnType<typeof treeSchemas>;
export type { Localized, LegalItem, MotivationRule, Option, Rule } from './node-parts.js';
export type { InfoNode, MultipleNode, OutcomeNode, SingleNode, TextNode, TreeNode } from './kinds/index.js';
export type KaderFile = z.output<Schemas['kader']>;
export type Afspraak = z.output<Schemas['afspraak']>;
export type DilemmaFile = z.output<Schemas['dilemma']>;
