import { t } from '../../i18n/index.js';
import type { Skipped } from '../../platform/files.js';
import type { Context } from '../context.js';

/** What verify and review passed over in a folder, one warning line each: which file and why. */
export function warnSkipped(ctx: Context, list: { file: string; reason: Skipped }[] = []): (path: string, why: Skipped) => void {
  return (file, reason) => {
    list.push({ file, reason });
    ctx.warn(t(reason === 'link' ? 'files.skippedLink' : 'files.skippedInterrupted', { file }));
  };
}
