import { LeertuinError } from '../errors.js';
import { setLanguage, t, type Language } from '../i18n/index.js';
import { option, type OptionSpec, type OptionValues } from './options.js';

/** `--lang`: its own error (code `bad-language`), and from here on the interface speaks it. */
function interfaceLanguage(value: string): Language {
  if (value !== 'nl' && value !== 'en') throw new LeertuinError('bad-language', t('error.badLanguage', { value }), { hint: t('error.badLanguageHint') });
  setLanguage(value);
  return value;
}

/**
 * The options every command takes, declared once, as a command declares its own: the program
 * (src/program.ts) parses them wherever they stand on the line, and the run's context is made
 * from their values (src/cli.ts).
 */
export const GLOBAL_OPTIONS = {
  lang: option.checked('<lang>', interfaceLanguage, { help: 'cli.lang' }),
  json: option.flag({ help: 'cli.json' }),
  color: option.negatable({ help: 'cli.noColor' }),
  quiet: option.flag({ help: 'cli.quiet', short: 'q' }),
  verbose: option.flag({ help: 'cli.verbose', short: 'v' }),
} satisfies Record<string, OptionSpec<unknown>>;

export type GlobalFlags = OptionValues<typeof GLOBAL_OPTIONS>;
