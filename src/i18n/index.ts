import { en } from './en.js';
import { nl, type MessageId, type Messages } from './nl.js';

export type Language = 'nl' | 'en';
export type { MessageId };

const catalogs: Record<Language, Messages> = { nl, en };
let current: Language = 'nl';

/**
 * The interface language: an explicit choice, then LEERTUIN_LANG, then the configured language, then
 * the locale (LC_ALL, LC_MESSAGES, LANG); Dutch when nothing says otherwise.
 */
export function resolveLanguage(explicit: string | undefined, env: NodeJS.ProcessEnv, configured?: string): Language {
  const candidates = [explicit, env.LEERTUIN_LANG, configured, env.LC_ALL, env.LC_MESSAGES, env.LANG];
  for (const candidate of candidates) {
    if (!candidate) continue;
    const code = candidate.toLowerCase().slice(0, 2);
    if (code === 'nl' || code === 'en') return code;
    if (candidate === explicit || candidate === env.LEERTUIN_LANG || candidate === configured) break;
    // "C" or "POSIX" locales say nothing about a language; keep looking.
  }
  return 'nl';
}

export function setLanguage(language: Language): void {
  current = language;
}

export function language(): Language {
  return current;
}

type Params<Id extends MessageId> = Messages[Id] extends (params: infer P) => string ? P : undefined;

type Args<Id extends MessageId> = Params<Id> extends undefined ? [] : [Params<Id>];

/** A message in the current interface language. */
export function t<Id extends MessageId>(id: Id, ...params: Args<Id>): string {
  return tIn(current, id, ...params);
}

/** A message in a given language, e.g. a record's own language. */
export function tIn<Id extends MessageId>(lang: Language, id: Id, ...params: Args<Id>): string {
  const message = catalogs[lang][id] as string | ((p: unknown) => string);
  return typeof message === 'function' ? message(params[0]) : message;
}
