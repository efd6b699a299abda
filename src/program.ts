import type * as Commander from 'commander';
import { language, setLanguage, t, type Language, type MessageId } from './i18n/index.js';
import type { Command as LeertuinCommand } from './commands/define.js';
import { GLOBAL_OPTIONS } from './commands/global-options.js';
import { badOption, kebab, optionHelpIds, optionValues, type OptionSpec } from './commands/options.js';
import { COMMAND_NAMES, COMMANDS, type CommandName } from './commands/index.js';
import { vendored } from './platform/vendor.js';

const { Argument, Command, Help, Option } = vendored('commander');
type Command = Commander.Command;

/** A command to run, with what commander parsed for it. */
export type Dispatch = (name: CommandName, command: LeertuinCommand, args: Record<string, unknown>, options: Record<string, unknown>) => Promise<void>;

/*
 * Help texts are message ids until the help is written, and translated then: the language can be
 * set by --lang anywhere on the line, after the program was made.
 */
const DUTCH_WORDS: [RegExp, string][] = [
  [/\[options\]/g, '[opties]'],
  [/\[command\]/g, '[opdracht]'],
  [/\(choices: /g, '(keuze: '],
  [/\(default: /g, '(standaard: '],
];
const DUTCH_TITLES: Record<string, string> = {
  'Usage:': 'Gebruik:',
  'Options:': 'Opties:',
  'Commands:': 'Opdrachten:',
  'Arguments:': 'Argumenten:',
  'Global Options:': 'Algemene opties:',
};
const dutch = (text: string) => (language() === 'nl' ? DUTCH_WORDS.reduce((out, [pattern, word]) => out.replace(pattern, word), text) : text);
const translated = <T extends object>(item: T & { description: string }): T => Object.assign(Object.create(Object.getPrototypeOf(item) as object) as T, item, { description: item.description ? t(item.description as MessageId) : '' });

/** Examples at the end of each command's help: the command line and what it does. */
const examples = new WeakMap<Command, readonly string[]>();

function helpConfiguration(helpWidth?: number): Partial<Commander.Help> {
  const base = new Help();
  return {
    showGlobalOptions: true,
    ...(helpWidth ? { helpWidth } : {}),
    styleTitle: (title: string) => (language() === 'nl' ? (DUTCH_TITLES[title] ?? title) : title),
    subcommandTerm: (cmd: Command) => dutch(Help.prototype.subcommandTerm.call(base, cmd)),
    commandUsage: (cmd: Command) => dutch(Help.prototype.commandUsage.call(base, cmd)),
    commandDescription: (cmd: Command) => t(cmd.description() as MessageId),
    subcommandDescription: (cmd: Command) => t(cmd.description() as MessageId),
    optionDescription: (option: Commander.Option) => dutch(Help.prototype.optionDescription.call(base, translated(option))),
    argumentDescription: (arg: Commander.Argument) => dutch(Help.prototype.argumentDescription.call(base, translated(arg))),
    formatHelp(cmd: Command, helper: Commander.Help) {
      const text = Help.prototype.formatHelp.call(helper, cmd, helper);
      const lines = examples.get(cmd) ?? [];
      if (lines.length === 0) return text;
      const shown = lines.map((line, i) => `  # ${t(`example.${cmd.name()}.${i + 1}` as MessageId)}\n  ${line}`);
      return `${text}\n${helper.styleTitle(t('help.examples'))}\n${shown.join('\n')}\n`;
    },
  };
}

/** A command's declared arguments and options, made into commander's, with their help ids. */
function declare(cmd: Command, name: string, command: LeertuinCommand): void {
  for (const [key, spec] of Object.entries(command.args)) {
    const term = spec.variadic ? `${kebab(key)}...` : kebab(key);
    const arg = new Argument(spec.required ? `<${term}>` : `[${term}]`, spec.help ?? '');
    if (spec.choices) arg.choices(spec.choices);
    cmd.addArgument(arg);
  }
  for (const [key, spec] of Object.entries(command.options)) for (const option of commanderOptions(name, key, spec)) cmd.addOption(option);
  examples.set(cmd, command.examples);
}

function commanderOptions(command: string, key: string, spec: OptionSpec<unknown>): Commander.Option[] {
  const flag = `--${kebab(key)}`;
  const [help, negationHelp] = optionHelpIds(command, key, spec);
  switch (spec.kind) {
    case 'flag':
      return [new Option(spec.short ? `-${spec.short}, ${flag}` : flag, help)];
    case 'negatable':
      return [new Option(`--no-${kebab(key)}`, help)];
    case 'toggle':
      return [new Option(flag, help), new Option(`--no-${kebab(key)}`, negationHelp)];
    case 'optional-value':
      return [new Option(`${flag} ${spec.placeholder}`, help)];
    case 'repeatable':
    case 'variadic':
      // Each value is added to those before (a variadic option takes several after one flag).
      return [new Option(`${flag} ${spec.placeholder}`, help).argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), nonEmpty(value, flag)])];
    case 'value': {
      const option = new Option(`${flag} ${spec.placeholder}`, help);
      if (spec.choices) option.choices(spec.choices);
      // After choices(), which sets a parser of its own: the choice is checked first, then this.
      const check = option.parseArg;
      option.argParser((value: string, previous: unknown) => {
        const chosen = check ? check(value, previous) : value;
        const given = nonEmpty(String(chosen), flag);
        return spec.convert ? spec.convert(given, flag) : given;
      });
      return [option];
    }
  }
}

function nonEmpty(value: string, flag: string): string {
  if (value.trim() === '') throw badOption(flag, t('error.empty'));
  return value;
}

async function loadCommand(name: CommandName): Promise<LeertuinCommand> {
  return (await COMMANDS[name]()).default as unknown as LeertuinCommand;
}

/**
 * The command-line surface: the global options and every command by name. A command's arguments
 * and options are declared by its module, loaded only for the command that runs (commander's
 * preSubcommand hook, after the global options are parsed) or, for help, `withAllCommands`.
 */
export function buildProgram(version: string, dispatch: Dispatch, options: { helpWidth?: number; stdout?: NodeJS.WriteStream } = {}): Command {
  const { helpWidth, stdout = process.stdout } = options;
  const program = new Command('leertuin')
    .description('cli.description')
    .version(version, '-V, --version', 'cli.version')
    .helpOption('-h, --help', 'cli.help')
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureHelp(helpConfiguration(helpWidth))
    // Help and version go to the run's stdout; errors are reported by cli.ts, in the interface language.
    .configureOutput({ writeOut: (text) => stdout.write(text), getOutHelpWidth: () => (stdout.isTTY ? stdout.columns : 80), outputError: () => undefined });
  for (const [key, spec] of Object.entries(GLOBAL_OPTIONS)) for (const option of commanderOptions('', key, spec)) program.addOption(option);
  program.helpCommand(false);
  for (const name of COMMAND_NAMES) {
    program
      .command(name)
      .description(`cmd.${name}`)
      .helpOption('-h, --help', 'cli.help')
      .exitOverride()
      .configureHelp(helpConfiguration(helpWidth));
  }
  program.hook('preSubcommand', async (_program, cmd) => {
    const name = cmd.name() as CommandName;
    const command = await loadCommand(name);
    declare(cmd, name, command);
    cmd.action(async (...received: unknown[]) => {
      // commander passes the arguments in order, then the options, then the command.
      const keys = Object.keys(command.args);
      // Defaults come from the declaration, not from commander, so the help does not repeat them.
      await dispatch(name, command, Object.fromEntries(keys.map((key, i) => [key, received[i]])), optionValues(command.options, cmd.opts()));
    });
  });
  return program;
}

/**
 * Parses the line: the command that runs is declared by its module first (see buildProgram). A
 * line without a known command shows the program's help or an error, which list every command
 * with its arguments: then all are declared, as in the help the build stores.
 */
export async function parseLine(program: Command, args: readonly string[]): Promise<void> {
  const { operands } = program.parseOptions([...args]);
  if (!(COMMAND_NAMES as readonly string[]).includes(operands[0] ?? '')) await withAllCommands(program);
  await program.parseAsync(args, { from: 'user' });
}

/** The program with every command's arguments and options declared, for help texts. */
export async function withAllCommands(program: Command): Promise<Command> {
  for (const cmd of program.commands) {
    const name = cmd.name() as CommandName;
    declare(cmd, name, await loadCommand(name));
  }
  return program;
}

/**
 * Every help text of the program in one language as commander writes it at `helpWidth` columns,
 * keyed by command name ('' for the program): what `npm run build` stores (see static-help.ts).
 */
export async function renderAllHelp(version: string, lang: Language, helpWidth: number): Promise<Record<string, string>> {
  setLanguage(lang);
  const program = await withAllCommands(buildProgram(version, async () => undefined, { helpWidth }));
  return Object.fromEntries([['', program.helpInformation()], ...program.commands.map((cmd) => [cmd.name(), cmd.helpInformation()])]);
}
