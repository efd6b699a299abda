import { Command, Option } from 'commander';
import { t, type Language } from './i18n/index.js';

export type Dispatch = (command: string, args: unknown[]) => Promise<void>;

const TITLES: Record<Language, Record<string, string>> = {
  nl: { 'Usage:': 'Gebruik:', 'Options:': 'Opties:', 'Commands:': 'Opdrachten:', 'Arguments:': 'Argumenten:', 'Global Options:': 'Algemene opties:' },
  en: {},
};

/**
 * The command-line surface: names, arguments, options and help texts. Actions only dispatch; each
 * command's module validates its own options and is loaded when it runs.
 */
export function buildProgram(version: string, lang: Language, dispatch: Dispatch): Command {
  const program = new Command('leertuin')
    .description(t('cli.description'))
    .version(version, '-V, --version', t('cli.version'))
    .helpOption('-h, --help', t('cli.help'))
    .addOption(new Option('--lang <lang>', t('cli.lang')).choices(['nl', 'en']))
    .option('--json', t('cli.json'))
    .option('--no-color', t('cli.noColor'))
    .option('-q, --quiet', t('cli.quiet'))
    .option('-v, --verbose', t('cli.verbose'))
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureHelp({ styleTitle: (title) => TITLES[lang][title] ?? title, showGlobalOptions: true })
    .configureOutput({ outputError: (text, write) => write(`leertuin: ${text.replace(/^error: /, '')}`) });
  program.helpCommand(false);

  const command = (name: string, description: string) =>
    program
      .command(name)
      .description(description)
      .helpOption('-h, --help', t('cli.help'))
      .exitOverride()
      .configureHelp({ styleTitle: (title) => TITLES[lang][title] ?? title, showGlobalOptions: true });
  const run = (name: string) => async (...args: unknown[]) => {
    // commander passes the positional arguments, then the options object, then the command.
    await dispatch(name, args.slice(0, -1));
  };

  command('list', t('cmd.list')).action(run('list'));
  command('show', t('cmd.show')).argument('<dilemma>').action(run('show'));
  command('walk', t('cmd.walk'))
    .argument('[dilemma]')
    .option('--answers <file>', t('cmd.walk.answers'))
    .option('--out <dir>', t('cmd.walk.out'))
    .option('--no-sign', t('cmd.walk.noSign'))
    .option('--resume [draft]', t('cmd.walk.resume'))
    .action(run('walk'));
  command('lint', t('cmd.lint')).argument('[files...]').action(run('lint'));
  return program;
}
