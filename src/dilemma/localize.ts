import type { Localized } from './schema.js';

/** The text in `language`, else in the file's source language, else any language it has. */
export function localize(text: Localized, language: string, sourceLanguage?: string): string {
  if (typeof text === 'string') return text;
  return text[language] ?? text[sourceLanguage ?? 'nl'] ?? Object.values(text)[0] ?? '';
}

/** Languages a localized text lacks, of those a file declares. A plain string serves every language. */
export function missingLanguages(text: Localized, languages: readonly string[]): string[] {
  if (typeof text === 'string') return [];
  return languages.filter((lang) => !(lang in text));
}
