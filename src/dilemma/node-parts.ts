import type { z } from 'zod';
import { t } from '../i18n/index.js';
import { lazySchema } from '../platform/zod.js';

/** The key under which a localized map records, per translation, a hash of the source text it was made from. */
export const TRANSLATION_HASHES_KEY = '_source';

/**
 * The schemas node kinds are made of (ids, texts, legal references, options, rules, the fields every
 * node has), built on first use like every schema (see schema.ts). Each kind in kinds/ builds its
 * node schema from these.
 */
export const nodeParts = lazySchema((z) => {
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

  return {
    id: idSchema,
    language: languageSchema,
    localized: localizedSchema,
    legal: legalSchema,
    motivation: motivationSchema,
    option: optionSchema,
    rule: ruleSchema,
    /** What every node has. */
    common: commonNodeFields,
    /** What every question has: the common fields and `recall`. */
    question: questionFields,
  };
});

export type NodeParts = ReturnType<typeof nodeParts>;
export type Localized = z.output<NodeParts['localized']>;
export type LegalItem = z.output<NodeParts['legal']>;
export type MotivationRule = z.output<NodeParts['motivation']>;
export type Option = z.output<NodeParts['option']>;
export type Rule = z.output<NodeParts['rule']>;
