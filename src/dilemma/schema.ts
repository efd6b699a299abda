import type { z } from 'zod';
import { t } from '../i18n/index.js';
import { lazySchema } from '../util/zod.js';

/** The key under which a localized map records, per translation, a hash of the source text it was made from. */
export const TRANSLATION_HASHES_KEY = '_source';

/**
 * The dilemma and kader file schemas, built on first use: bundled files were validated at build
 * time, so most runs never need them (or zod).
 */
export const treeSchemas = lazySchema((z) => {
  /** Ids appear in file names and record paths, so they are kept to a safe, portable alphabet. */
  const idSchema = z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, { error: () => t('schema.id') });

  const languageSchema = z.string().regex(/^[a-z]{2,3}$/, { error: () => t('schema.language') });

  /**
   * `_source: {en: <12 hex>}`: the first 12 hex digits of the SHA-256 of the source-language text at
   * the time the translation was confirmed (`leertuin lint --fix-translations`). Lint reads it from
   * the YAML itself; the parsed text leaves it out, so pins and every reader see only the languages.
   */
  const translationHashesSchema = z.record(
    languageSchema,
    z.string().regex(/^[0-9a-f]{12}$/, { error: () => t('schema.sourceHash') }),
  );

  const localizedMapSchema = z
    .object({ [TRANSLATION_HASHES_KEY]: translationHashesSchema.optional() })
    .catchall(z.string().min(1))
    .superRefine((map, ctx) => {
      const languages = Object.keys(map).filter((key) => key !== TRANSLATION_HASHES_KEY);
      if (languages.length === 0) ctx.addIssue({ code: 'custom', message: t('schema.noLanguage'), path: [] });
      for (const key of languages) {
        if (!languageSchema.safeParse(key).success) ctx.addIssue({ code: 'custom', message: t('schema.language'), path: [key] });
      }
    })
    .transform((map): Record<string, string> => {
      const texts: Record<string, string> = {};
      for (const [key, value] of Object.entries(map)) if (key !== TRANSLATION_HASHES_KEY && typeof value === 'string') texts[key] = value;
      return texts;
    });

  const plainTextSchema = z.string().min(1);

  /**
   * A text in one or more languages: a plain string (all languages) or a map per language. Not a
   * z.union: a union reports only "Invalid input", and this way a bad key gets its own message.
   */
  const localizedSchema = z.unknown().transform((value, ctx): string | Record<string, string> => {
    const isMap = typeof value === 'object' && value !== null && !Array.isArray(value);
    const result = isMap ? localizedMapSchema.safeParse(value) : plainTextSchema.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    return z.NEVER;
  });

  /**
   * A legal reference: the id of a source in the registry (reference/sources.yaml), optionally with a
   * note (`{source: avg-9-2-c, note: ...}`), or, in older project files, free text. A plain string is
   * taken for an id when the registry has it; lint reports every reference the registry lacks.
   */
  const legalSchema = z.unknown().transform((value, ctx): Localized | { source: string; note?: Localized } => {
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && 'source' in value) {
      const result = z.strictObject({ source: idSchema, note: localizedSchema.optional() }).safeParse(value);
      if (result.success) return result.data.note === undefined ? { source: result.data.source } : { source: result.data.source, note: result.data.note };
      for (const issue of result.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
      return z.NEVER;
    }
    const result = localizedSchema.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    return z.NEVER;
  });
  type Localized = string | Record<string, string>;

  const versionSchema = z.string().regex(/^\d+(?:\.\d+){0,2}(?:[-+][0-9A-Za-z.-]+)?$/, { error: () => t('schema.version') });

  const motivationSchema = z.enum(['required', 'optional', 'none']);

  const commonNodeFields = {
    id: idSchema,
    text: localizedSchema,
    help: localizedSchema.optional(),
    legal: z.array(legalSchema).optional(),
    disputed: localizedSchema.optional(),
  };

  /** A question may refer back to an earlier one (`recall`): the workshop then shows the group's answer there with it. */
  const questionFields = { ...commonNodeFields, recall: idSchema.optional() };

  const optionSchema = z.strictObject({
    id: idSchema,
    label: localizedSchema,
    next: idSchema.optional(),
    motivation: motivationSchema.optional(),
  });

  const ruleSchema = z.strictObject({
    when: z
      .strictObject({
        any: z.array(idSchema).min(1).optional(),
        all: z.array(idSchema).min(1).optional(),
        none: z.array(idSchema).min(1).optional(),
      })
      .refine((w) => w.any ?? w.all ?? w.none, { error: () => t('schema.when') })
      .optional(),
    next: idSchema,
  });

  const singleNodeSchema = z.strictObject({
    ...questionFields,
    kind: z.literal('single'),
    motivation: motivationSchema.optional(),
    options: z.array(optionSchema.extend({ next: idSchema })).min(2),
  });

  const multipleNodeSchema = z.strictObject({
    ...questionFields,
    kind: z.literal('multiple'),
    motivation: motivationSchema.optional(),
    options: z.array(optionSchema.omit({ next: true })).min(2),
    rules: z.array(ruleSchema).min(1),
  });

  const textNodeSchema = z.strictObject({
    ...questionFields,
    kind: z.literal('text'),
    motivation: motivationSchema.optional(),
    next: idSchema,
  });

  const infoNodeSchema = z.strictObject({
    ...commonNodeFields,
    kind: z.literal('info'),
    next: idSchema,
  });

  const outcomeNodeSchema = z.strictObject({
    ...commonNodeFields,
    kind: z.literal('outcome'),
    verdict: idSchema,
    conditions: z.array(localizedSchema).optional(),
    advice: localizedSchema.optional(),
  });

  const nodeSchema = z.discriminatedUnion('kind', [
    singleNodeSchema,
    multipleNodeSchema,
    textNodeSchema,
    infoNodeSchema,
    outcomeNodeSchema,
  ]);

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
    legal: legalSchema,
    motivation: motivationSchema,
    option: optionSchema,
    rule: ruleSchema,
    node: nodeSchema,
    single: singleNodeSchema,
    multiple: multipleNodeSchema,
    text: textNodeSchema,
    info: infoNodeSchema,
    outcome: outcomeNodeSchema,
    kader: kaderSchema,
    afspraak: afspraakSchema,
    dilemma: dilemmaSchema,
    file: fileSchema,
  };});

type Schemas = ReturnType<typeof treeSchemas>;
export type Localized = z.output<Schemas['localized']>;
export type LegalItem = z.output<Schemas['legal']>;
export type MotivationRule = z.output<Schemas['motivation']>;
export type Option = z.output<Schemas['option']>;
export type Rule = z.output<Schemas['rule']>;
export type TreeNode = z.output<Schemas['node']>;
export type SingleNode = z.output<Schemas['single']>;
export type MultipleNode = z.output<Schemas['multiple']>;
export type TextNode = z.output<Schemas['text']>;
export type InfoNode = z.output<Schemas['info']>;
export type OutcomeNode = z.output<Schemas['outcome']>;
export type QuestionNode = SingleNode | MultipleNode | TextNode;
export type KaderFile = z.output<Schemas['kader']>;
export type Afspraak = z.output<Schemas['afspraak']>;
export type DilemmaFile = z.output<Schemas['dilemma']>;
