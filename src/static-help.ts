import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Language } from './i18n/language.js';
import { buildId } from './platform/bundle-manifest.js';

/**
 * Help is the same text on every run, so `npm run build` renders it once per language and command
 * (dist/help.json) and `--help` prints it without loading commander or the messages. A stored text
 * is used only where commander would print exactly the same: while the build is the one it was
 * rendered with (platform/bundle-manifest.ts), and at 80 columns (commander's width when output is not a terminal) or at a width
 * where no line needs wrapping. Paths are given as the built `dist` folder: this module is also
 * built as CommonJS (see quick-answer.ts), where there is no import.meta.
 */
export const HELP_FILE = 'help.json';

export interface StoredHelp {
  /** The build it was rendered with. */
  build: string;
  /** Per language, per command name ('' for the program). */
  texts: Record<Language, Record<string, StoredText>>;
}

export interface StoredText {
  /** Without wrapping, and the width of its widest line. */
  unwrapped: string;
  widest: number;
  /** Wrapped at 80 columns. */
  at80: string;
}

/**
 * The command whose help these arguments ask for ('' for the program), or undefined for anything
 * else: only the plain forms `--help`, `<command> --help` (or `-h`), and no arguments at all when
 * no one is at a terminal.
 */
export function helpRequest(args: readonly string[], interactive: () => boolean): string | undefined {
  const isHelp = (arg: string | undefined) => arg === '--help' || arg === '-h';
  if (args.length === 0) return interactive() ? undefined : '';
  if (args.length === 1 && isHelp(args[0])) return '';
  if (args.length === 2 && isHelp(args[1]) && !args[0]!.startsWith('-')) return args[0];
  return undefined;
}

/** The stored help, or undefined when it is missing, stale, or would be wrapped at `width`. */
export function storedHelp(dist: string, lang: Language, command: string, width: number): string | undefined {
  let stored: StoredHelp;
  try {
    stored = JSON.parse(readFileSync(join(dist, HELP_FILE), 'utf8')) as StoredHelp;
  } catch {
    return undefined;
  }
  const entry = Object.hasOwn(stored.texts?.[lang] ?? {}, command) ? stored.texts[lang][command] : undefined;
  if (!entry || !stored.build || stored.build !== buildId(dist)) return undefined;
  if (width >= entry.widest) return entry.unwrapped;
  return width === 80 ? entry.at80 : undefined;
}
