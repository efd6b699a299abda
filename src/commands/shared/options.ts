import type { z } from 'zod';
import { LeertuinError } from '../../errors.js';
import { t } from '../../i18n/index.js';

/**
 * A command's options as commander parsed them, checked against the command's schema. A value the
 * schema refuses is a usage error (exit 2) that names the option, never a stack of zod issues.
 */
export function parseOptions<S extends z.ZodType>(schema: () => S, raw: unknown): z.output<S> {
  const result = schema().safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const key = issue.path[0];
  const option = typeof key === 'string' ? `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}` : '';
  throw badOption(option, issue.code === 'too_small' && issue.minimum === 1 && issue.origin === 'string' ? t('error.empty') : issue.message);
}

/** A usage error (exit 2) for an option's value, e.g. `badOption('--note', t('error.empty'))`. */
export function badOption(option: string, problem: string): LeertuinError {
  return new LeertuinError('bad-option', t('error.badOption', { option, problem }), { hint: t('error.badOptionHint') });
}
