import { LeertuinError } from '../../errors.js';
import { t } from '../../i18n/index.js';
import type { KeyError } from '../../signing/index.js';

/** A KeyError as the CLI shows it: a one-line message in the user's language, exit 2. */
export function keyFailure(error: KeyError): LeertuinError {
  const known = ['key-exists', 'key-not-found', 'key-permissions', 'bad-passphrase', 'passphrase-required', 'encrypted-openssh-key', 'no-agent', 'agent-no-key', 'not-a-private-key'] as const;
  const code = (known as readonly string[]).includes(error.code) ? (error.code as (typeof known)[number]) : undefined;
  const message = code ? `${t(`key.${code}`)} (${error.message})` : error.message;
  return new LeertuinError(error.code, message, { ...(error.hint ? { hint: error.hint } : {}) });
}
