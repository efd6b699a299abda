import { en } from './en.js';
import { nl, type MessageId, type Messages } from './nl.js';
import type { Language } from './language.js';

export type { Language };
export type { MessageId };

const catalogs: Record<Language, Messages> = { nl, en };
let current: Language = 'nl';

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
