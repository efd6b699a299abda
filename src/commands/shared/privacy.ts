import { LeertuinError, type SourcePosition } from '../../errors.js';
import { language, t } from '../../i18n/index.js';
import { scanTexts, type CheckedText, type Hit } from '../../privacy/guard.js';

/** The masking language of the guard's messages. */
export const guardLanguage = (): 'nl' | 'en' => (language() === 'en' ? 'en' : 'nl');

/** Every identifying item in the texts, masked in the interface language. */
export const scan = (texts: readonly CheckedText[]): Hit[] => scanTexts(texts, guardLanguage());

/** Refuses to save: the first item (masked), where it is, and how many there are in all. */
export function identifyingError(hits: readonly Hit[], position?: SourcePosition): LeertuinError {
  const first = hits[0]!;
  return new LeertuinError('identifying-data', t('privacy.refused', { field: first.field, found: first.masked, count: hits.length }), {
    ...(position ? { position } : {}),
    hint: t('privacy.refusedHint'),
  });
}

/** The reason given with --allow-identifying is signed into the record as well: it must not itself identify. */
export function checkReason(reason: string | undefined): void {
  if (!reason) return;
  const [hit] = scan([{ field: '--allow-identifying', text: reason }]);
  if (hit) throw new LeertuinError('identifying-reason', t('privacy.reasonIdentifying', { found: hit.masked }), { hint: t('privacy.reasonIdentifyingHint') });
}
