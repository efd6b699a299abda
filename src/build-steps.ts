import { COMMAND_NAMES } from './commands/index.js';
import { compileBundled } from './dilemma/compile-bundled.js';
import type { Language } from './i18n/language.js';
import { renderAllHelp } from './program.js';
import type { StoredHelp } from './static-help.js';

/**
 * What `npm run build` derives from the code once, so that start-up need not (scripts/build.js runs
 * this from its own bundle, which is not shipped).
 */
export { compileBundled };
/** The commands' names, for the build's manifest. */
export { COMMAND_NAMES };

/** Every help text per language, as commander writes it, unwrapped and at 80 columns (see static-help.ts). */
export async function storedHelpTexts(version: string): Promise<StoredHelp['texts']> {
  const texts = {} as StoredHelp['texts'];
  for (const lang of ['nl', 'en'] as const satisfies Language[]) {
    const unwrapped = await renderAllHelp(version, lang, Number.MAX_SAFE_INTEGER);
    const at80 = await renderAllHelp(version, lang, 80);
    texts[lang] = Object.fromEntries(
      Object.entries(unwrapped).map(([command, text]) => [command, { unwrapped: text, widest: Math.max(...text.split('\n').map((line) => line.length)), at80: at80[command]! }]),
    );
  }
  return texts;
}
