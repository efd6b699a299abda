export type Language = 'nl' | 'en';

/**
 * The interface language: an explicit choice, then LEERTUIN_LANG, then the configured language, then
 * the locale (LC_ALL, LC_MESSAGES, LANG); Dutch when nothing says otherwise. The configured language
 * is looked up only when the first two say nothing.
 */
export function resolveLanguage(explicit: string | undefined, env: NodeJS.ProcessEnv, configured: () => string | undefined = () => undefined): Language {
  const fromConfig = explicit || env.LEERTUIN_LANG ? undefined : configured();
  const candidates = [explicit, env.LEERTUIN_LANG, fromConfig, env.LC_ALL, env.LC_MESSAGES, env.LANG];
  for (const candidate of candidates) {
    if (!candidate) continue;
    const code = candidate.toLowerCase().slice(0, 2);
    if (code === 'nl' || code === 'en') return code;
    if (candidate === explicit || candidate === env.LEERTUIN_LANG || candidate === fromConfig) break;
    // "C" or "POSIX" locales say nothing about a language; keep looking.
  }
  return 'nl';
}
