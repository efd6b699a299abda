import type * as Commander from 'commander';
import { setLanguage, t, type Language, type MessageId } from './i18n/index.js';
import { vendored } from './util/vendor.js';

const { Argument, Command, Help, Option } = vendored('commander');
type Command = Commander.Command;
type Option = Commander.Option;

export type Dispatch = (command: string, args: unknown[]) => Promise<void>;

/**
 * commander writes its help in English; in Dutch its words are replaced in each part before the
 * layout is computed, so the columns stay aligned.
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

/** One or two examples at the end of each command's help: the command line and what it does. */
const EXAMPLES: Record<string, [string, MessageId][]> = {
  list: [['leertuin list', 'example.list.1'], ['leertuin list --json', 'example.list.2']],
  show: [['leertuin show zvh-alles-delen', 'example.show.1'], ['leertuin show zvh-alles-delen --json', 'example.show.2']],
  walk: [['leertuin walk zvh-alles-delen', 'example.walk.1'], ['leertuin walk --answers antwoorden.yaml', 'example.walk.2']],
  lint: [['leertuin lint', 'example.lint.1'], ['leertuin lint --paths --json dilemmas/mijn-dilemma.yaml', 'example.lint.2']],
  keygen: [['leertuin keygen --principal naam@organisatie.nl >> allowed_signers', 'example.keygen.1'], ['leertuin keygen --show', 'example.keygen.2']],
  verify: [['leertuin verify records/', 'example.verify.1'], ['leertuin verify records/ --json', 'example.verify.2']],
  countersign: [['leertuin countersign records/verslag.md --verdict agree --note "Goed onderbouwd." --name "T. Rainer" --role trainer', 'example.countersign.1']],
  review: [['leertuin review records/', 'example.review.1'], ['leertuin review records/ --out overzicht.html', 'example.review.2']],
  workshop: [['leertuin workshop zvh-alles-delen', 'example.workshop.1'], ['leertuin workshop zvh-alles-delen --from sessie.yaml', 'example.workshop.2']],
  init: [['leertuin init --organisation "Leertuin Zeeland"', 'example.init.1']],
  new: [['leertuin new mijn-dilemma', 'example.new.1'], ['leertuin new mijn-dilemma --title "..." --case "..." --kader mag-ik-delen', 'example.new.2']],
  config: [['leertuin config', 'example.config.1'], ['leertuin config --json', 'example.config.2']],
  graph: [['leertuin graph mijn-dilemma', 'example.graph.1'], ['leertuin graph mijn-dilemma --format dot --records records/', 'example.graph.2']],
  impact: [['leertuin impact mag-ik-delen@HEAD~1 mag-ik-delen records/', 'example.impact.1']],
  afspraken: [['leertuin afspraken', 'example.afspraken.1'], ['leertuin afspraken --out onze-afspraken.html', 'example.afspraken.2']],
  pack: [['leertuin pack create ../pakket', 'example.pack.1'], ['leertuin pack add ../pakket', 'example.pack.2']],
};

function withExamples(cmd: Command, helper: Commander.Help): string {
  const text = Help.prototype.formatHelp.call(helper, cmd, helper);
  const examples = EXAMPLES[cmd.name()];
  if (!examples) return text;
  const lines = examples.map(([line, what]) => `  # ${t(what)}\n  ${line}`);
  return `${text}\n${helper.styleTitle(t('help.examples'))}\n${lines.join('\n')}\n`;
}

function helpConfiguration(lang: Language) {
  if (lang !== 'nl') return { showGlobalOptions: true, formatHelp: withExamples };
  const dutch = (text: string) => DUTCH_WORDS.reduce((out, [pattern, word]) => out.replace(pattern, word), text);
  return {
    showGlobalOptions: true,
    formatHelp: withExamples,
    styleTitle: (title: string) => DUTCH_TITLES[title] ?? title,
    subcommandTerm: (cmd: Command) => dutch(Help.prototype.subcommandTerm.call(new Help(), cmd)),
    commandUsage: (cmd: Command) => dutch(Help.prototype.commandUsage.call(new Help(), cmd)),
    optionDescription: (option: Option) => dutch(Help.prototype.optionDescription.call(new Help(), option)),
  };
}

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
    .configureHelp(helpConfiguration(lang))
    // Its errors are reported by cli.ts, in the interface language.
    .configureOutput({ outputError: () => undefined });
  program.helpCommand(false);

  const command = (name: string, description: string) =>
    program
      .command(name)
      .description(description)
      .helpOption('-h, --help', t('cli.help'))
      .exitOverride()
      .configureHelp(helpConfiguration(lang));
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
    .option('--key <file>', t('cmd.key'))
    .option('--resume [draft]', t('cmd.walk.resume'))
    .option('--allow-identifying <reason>', t('cmd.walk.allowIdentifying'))
    .action(run('walk'));
  command('lint', t('cmd.lint')).argument('[files...]').action(run('lint'));
  command('keygen', t('cmd.keygen'))
    .option('--principal <name>', t('cmd.keygen.principal'))
    .option('--force', t('cmd.keygen.force'))
    .option('--passphrase-file <file>', t('cmd.keygen.passphraseFile'))
    .option('--show', t('cmd.keygen.show'))
    .action(run('keygen'));
  command('verify', t('cmd.verify'))
    .argument('<paths...>')
    .option('--allow-untrusted', t('cmd.verify.allowUntrusted'))
    .option('--allow-unknown-trees', t('cmd.verify.allowUnknownTrees'))
    .option('--allowed-signers <file>', t('cmd.allowedSigners'))
    .action(run('verify'));
  command('countersign', t('cmd.countersign'))
    .argument('<record>')
    .addOption(new Option('--verdict <verdict>', t('cmd.countersign.verdict')).choices(['agree', 'disagree', 'discuss']))
    .option('--note <text>', t('cmd.countersign.note'))
    .option('--name <name>', t('cmd.countersign.name'))
    .option('--role <role>', t('cmd.countersign.role'))
    .option('--key <file>', t('cmd.key'))
    .option('--allow-identifying <reason>', t('cmd.walk.allowIdentifying'))
    .action(run('countersign'));
  // --- review command
  command('review', t('cmd.review'))
    .argument('[paths...]')
    .addOption(new Option('--format <format>', t('cmd.review.format')).choices(['table', 'md', 'json', 'csv', 'csv-summary', 'html']))
    .option('--out <file>', t('cmd.review.out'))
    .option('--anonymous', t('cmd.review.anonymous'))
    .option('--include-unverified', t('cmd.review.includeUnverified'))
    .option('--fail-on <condition>', t('cmd.review.failOn'), (value: string, previous: string[] | undefined) => [...(previous ?? []), value])
    .option('--allowed-signers <file>', t('cmd.allowedSigners'))
    .addOption(new Option('--by <breakdown>', t('cmd.review.by')).choices(['domain', 'organisation', 'project']))
    .action(run('review'));
  // --- workshop command
  command('workshop', t('cmd.workshop'))
    .argument('[dilemma]')
    .option('--out <dir>', t('cmd.walk.out'))
    .option('--no-sign', t('cmd.walk.noSign'))
    .option('--key <file>', t('cmd.key'))
    .option('--propose-afspraak', t('cmd.workshop.proposeAfspraak'))
    .option('--from <file>', t('cmd.workshop.from'))
    .option('--resume [draft]', t('cmd.workshop.resume'))
    .option('--projector', t('cmd.workshop.projector'))
    .option('--no-projector', t('cmd.workshop.noProjector'))
    .option('--allow-identifying <reason>', t('cmd.walk.allowIdentifying'))
    .action(run('workshop'));
  // --- authoring commands (init, new, config, graph)
  // lint is declared above; its authoring options are added here, beside the other authoring commands.
  program.commands
    .find((c) => c.name() === 'lint')
    ?.option('--paths', t('cmd.lint.paths'))
    .option('--limit <n>', t('cmd.lint.limit'))
    .option('--fix-translations', t('cmd.lint.fixTranslations'))
    .option('--archive', t('cmd.lint.archive'))
    .option('--max-questions <n>', t('cmd.lint.maxQuestions'))
    .option('--yes', t('cmd.lint.yes'));
  command('init', t('cmd.init'))
    .argument('[dir]')
    .option('--organisation <name>', t('cmd.init.organisation'))
    .option('--force', t('cmd.init.force'))
    .action(run('init'));
  command('new', t('cmd.new'))
    .argument('<dilemma-id>')
    .option('--title <text>', t('cmd.new.title'))
    .option('--case <text>', t('cmd.new.case'))
    .option('--kader <id>', t('cmd.new.kader'))
    .option('--allow-identifying <reason>', t('cmd.new.allowIdentifying'))
    .action(run('new'));
  command('config', t('cmd.config'))
    .option('--out <dir>', t('cmd.walk.out'))
    .option('--key <file>', t('cmd.key'))
    .option('--allowed-signers <file>', t('cmd.allowedSigners'))
    // The global --lang counts as a flag here too, so `config` can say a value came from it.
    .action((options: Record<string, unknown>, cmd: Command) => dispatch('config', [{ ...options, lang: cmd.optsWithGlobals<{ lang?: string }>().lang }]));
  command('graph', t('cmd.graph'))
    .argument('<dilemma>')
    .addOption(new Option('--format <format>', t('cmd.graph.format')).choices(['mermaid', 'dot']).default('mermaid'))
    .option('--records <dir>', t('cmd.graph.records'))
    .action(run('graph'));
  // --- afspraken commands (impact, afspraken, pack)
  command('impact', t('cmd.impact'))
    .argument('<old>')
    .argument('<new>')
    .argument('[records...]')
    .addOption(new Option('--format <format>', t('cmd.impact.format')).choices(['table', 'md', 'json']))
    .option('--fail-on <condition>', t('cmd.impact.failOn'), (value: string, previous: string[] | undefined) => [...(previous ?? []), value])
    .option('--allowed-signers <file>', t('cmd.allowedSigners'))
    .action(run('impact'));
  command('afspraken', t('cmd.afspraken'))
    .argument('[records...]')
    .addOption(new Option('--format <format>', t('cmd.afspraken.format')).choices(['table', 'md', 'json', 'html']))
    .option('--out <file>', t('cmd.review.out'))
    .option('--compare <folders...>', t('cmd.afspraken.compare'))
    .option('--fictitious', t('cmd.afspraken.fictitious'))
    .option('--include-unverified', t('cmd.review.includeUnverified'))
    .option('--allowed-signers <file>', t('cmd.allowedSigners'))
    .action(run('afspraken'));
  command('pack', t('cmd.pack'))
    .addArgument(new Argument('<action>', t('cmd.pack.action')).choices(['create', 'add']))
    .argument('<dir>', t('cmd.pack.dir'))
    .option('--id <id>', t('cmd.pack.id'))
    .option('--pack-version <version>', t('cmd.pack.version'))
    .option('--key <file>', t('cmd.key'))
    .option('--trust', t('cmd.pack.trust'))
    .option('--allowed-signers <file>', t('cmd.allowedSigners'))
    .action(run('pack'));
  return program;
}

/**
 * Every help text of the program in one language as commander writes it at `helpWidth` columns,
 * keyed by command name ('' for the program): what `npm run build` stores (see static-help.ts).
 */
export function renderAllHelp(version: string, lang: Language, helpWidth: number): Record<string, string> {
  setLanguage(lang);
  const program = buildProgram(version, lang, async () => undefined);
  const render = (cmd: Command) => {
    cmd.configureHelp({ ...helpConfiguration(lang), helpWidth });
    return cmd.helpInformation();
  };
  return Object.fromEntries([['', render(program)], ...program.commands.map((cmd) => [cmd.name(), render(cmd)])]);
}
