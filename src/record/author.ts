import { lazySchema, type Infer } from '../platform/zod.js';
import { t } from '../i18n/index.js';

/** The domains a professional works in; review groups records by them. */
export const DOMAINS = ['zorg', 'veiligheid', 'gemeente', 'onderwijs', 'wonen', 'justitie', 'anders'] as const;
export type Domain = (typeof DOMAINS)[number];

export const authorSchema = lazySchema((z) => {
  /** One line of at most 200 characters, without control characters. */
  const field = z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/^[^\u0000-\u001f\u007f-\u009f]*$/, { error: () => t('schema.oneLine') });
  return z.strictObject({ name: field, role: field, domain: z.enum(DOMAINS), organisation: field });
});
export type Author = Infer<typeof authorSchema>;
