import { LeertuinError } from '../../errors.js';
import { t } from '../../i18n/index.js';
import type { KeyError, KeyErrorCode } from '../../signing/index.js';

const HINTS: Partial<Record<KeyErrorCode, (subject: string) => string>> = {
  'key-exists': () => t('keyHint.key-exists'),
  'not-a-private-key': () => t('keyHint.not-a-private-key'),
  'key-permissions': (subject) => t('keyHint.key-permissions', { subject }),
  'unsupported-key': () => t('keyHint.unsupported-key'),
  'encrypted-openssh-key': (subject) => t('keyHint.encrypted-openssh-key', { subject }),
  'no-agent': () => t('keyHint.no-agent'),
  'agent-no-key': () => t('keyHint.agent-no-key'),
};

/**
 * A KeyError as the CLI shows it: one line in the user's language (with the key file concerned),
 * a hint where there is one, exit 2. The signing code's own English text is the cause, shown with -v.
 */
export function keyFailure(error: KeyError): LeertuinError {
  const what = t(`key.${error.code}` as const);
  const hint = HINTS[error.code]?.(error.subject ?? '');
  return new LeertuinError(error.code, error.subject ? `${what}: ${error.subject}` : what, { ...(hint ? { hint } : {}), cause: error });
}
