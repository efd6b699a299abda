import { LeertuinError } from '../errors.js';
import { t } from '../i18n/index.js';
import { randomBytes } from '../platform/crypto.js';
import { oneLine } from '../platform/text.js';

/**
 * The clock and short id of a new record, injectable for reproducible records: SOURCE_DATE_EPOCH
 * (seconds, the reproducible-builds convention) and LEERTUIN_RECORD_ID.
 */
export function recordClock(env: NodeJS.ProcessEnv): { now: Date; shortId: string } {
  const epoch = env.SOURCE_DATE_EPOCH;
  const now = epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
  const fixed = env.LEERTUIN_RECORD_ID;
  // A value that cannot be used is refused, not silently replaced: the script that set it expects it.
  if (fixed !== undefined && fixed !== '' && !/^[a-z0-9]{1,12}$/.test(fixed)) {
    throw new LeertuinError('bad-record-id', t('record.badRecordId', { value: oneLine(fixed).slice(0, 40) }), { hint: t('record.badRecordIdHint') });
  }
  const shortId = fixed ? fixed : makeShortId(randomBytes(6));
  return { now, shortId };
}

/** A short id for file names: lowercase base32, no look-alike characters. */
export function makeShortId(random: Uint8Array): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return Array.from(random.slice(0, 6), (b) => alphabet[b % alphabet.length]).join('');
}
