import { t } from '../i18n/index.js';
import type { WalkError } from './engine.js';

/** A walk error in the interface language: for a walk at the terminal, an answers file or a workshop. */
export function walkErrorMessage(error: WalkError): string {
  return t(`walkError.${error.code}`, { subject: error.node, detail: error.detail ?? '' });
}
