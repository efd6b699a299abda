import { LeertuinError, ExitCode, formatPosition } from './errors.js';
import { setLanguage, t } from './i18n/index.js';
import { resolveLanguage } from './i18n/language.js';
import { oneLine } from './util/text.js';
import { configuredLanguage } from './config/locate.js';
import type { GlobalOptions, Io } from './commands/context.js';
import { packageVersion } from './version.js';
import { isWorkSaved } from './util/signals.js';
import type { CommandName } from './command-names.js';

/** The flags before `--`, with short ones written together (`-qv`) taken apart, as commander reads them. */
function globalFlags(args: readonly string[]): Set<string> {
  const flags = new Set<string>();
  for (const arg of args) {
    if (arg === '--') break;
    if (/^-[a-zA-Z]{2,}$/.test(arg)) for (const letter of arg.slice(1)) flags.add(`-${letter}`);
    else flags.add(arg);
  }
  return flags;
}

/** Options that shape everything else are read before commander loads, so help is in the right language. */
function earlyOptions(args: readonly string[], env: NodeJS.ProcessEnv, cwd: string): GlobalOptions {
  let lang: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') break;
    if (arg === '--lang') lang = args[i + 1];
    else if (arg.startsWith('--lang=')) lang = arg.slice('--lang='.length);
  }
  if (lang !== undefined && lang !== 'nl' && lang !== 'en') {
    setLanguage(resolveLanguage(undefined, env));
    throw new LeertuinError('bad-language', t('error.badLanguage', { value: lang }), { hint: t('error.badLanguageHint') });
  }
  const flags = globalFlags(args);
  return {
    lang: resolveLanguage(lang, env, () => configuredLanguage(cwd, env)),
    json: flags.has('--json'),
    quiet: flags.has('-q') || flags.has('--quiet'),
    verbose: flags.has('-v') || flags.has('--verbose'),
    // NO_COLOR (any non-empty value) is honoured here: chalk alone ignores it on a terminal.
    color: !flags.has('--no-color') && !env.NO_COLOR && env.TERM !== 'dumb',
  };
}

/**
 * commander's own errors in the interface language, on one line with the way on: its English text
 * is read only for the names it quotes (commander prints nothing itself, see program.ts).
 */
function usageError(code: string, message: string): LeertuinError {
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? '';
  const suggestion = /Did you mean ([^?]+)\?/.exec(message)?.[1];
  const known: Record<string, () => string> = {
    'commander.unknownCommand': () => t('cli.unknownCommand', { name: quoted }),
    'commander.unknownOption': () => t('cli.unknownOption', { name: quoted }),
    'commander.missingArgument': () => t('cli.missingArgument', { name: quoted }),
    'commander.optionMissingArgument': () => t('cli.optionMissingArgument', { name: quoted }),
    'commander.excessArguments': () => t('cli.excessArguments'),
    'commander.invalidArgument': () => t('cli.invalidArgument', { detail: oneLine(message.replace(/^error: /, '')) }),
  };
  const what = known[code]?.() ?? oneLine(message.replace(/^error: /, ''));
  const next = suggestion ? t('cli.didYouMean', { name: suggestion.trim() }) : t('cli.seeHelp');
  return new LeertuinError(code.replace('commander.', 'usage-'), `${what}; ${next}`, { exitCode: ExitCode.usage });
}

/** Prints an error as DESIGN.md asks: one line (what, where), a hint, no stack unless --verbose. */
function report(error: unknown, options: GlobalOptions, { stdout, stderr }: Io): number {
  const known = error instanceof LeertuinError ? error : undefined;
  if (options.json) {
    const body = known ? known.toJSON() : { code: 'unexpected', message: error instanceof Error ? error.message : String(error) };
    stdout.write(JSON.stringify({ ok: false, error: body }, null, 2) + '\n');
  } else if (known) {
    const where = known.position ? `${formatPosition(known.position)}: ` : '';
    const message = known.position && known.message.startsWith(`${known.position.file}:`) ? known.message : `${where}${known.message}`;
    stderr.write(`leertuin: ${oneLine(message)}\n`);
    if (known.hint) stderr.write(`  ${t('error.hint')}: ${oneLine(known.hint)}\n`);
    // The underlying library's own words (often English), for whoever asks with -v.
    if (options.verbose && known.cause instanceof Error) stderr.write(`  ${t('error.detail')}: ${oneLine(known.cause.message.split('\n')[0]!)}\n`);
  } else {
    stderr.write(`leertuin: ${t('error.unexpected')}: ${oneLine(error instanceof Error ? error.message : String(error))}\n`);
    if (options.verbose && error instanceof Error && error.stack) stderr.write(error.stack + '\n');
    else stderr.write(`  ${t('error.hint')}: ${t('error.unexpectedHint')}\n`);
  }
  return known ? known.exitCode : ExitCode.checkFailed;
}

type Loader = () => Promise<{ run(ctx: import('./commands/context.js').Context, ...args: unknown[]): Promise<number> }>;

/** Each command's module is imported only when that command runs. */
const commands: Record<CommandName, Loader> = {
  list: () => import('./commands/list.js'),
  show: () => import('./commands/show.js'),
  walk: () => import('./commands/walk.js'),
  lint: () => import('./commands/lint.js'),
  keygen: () => import('./commands/keygen.js'),
  verify: () => import('./commands/verify.js'),
  countersign: () => import('./commands/countersign.js'),
  // --- review, workshop and authoring commands
  init: () => import('./commands/init.js'),
  new: () => import('./commands/new.js'),
  config: () => import('./commands/config.js'),
  graph: () => import('./commands/graph.js'),
  review: () => import('./commands/review.js'),
  workshop: () => import('./commands/workshop.js'),
  // --- afspraken commands
  impact: () => import('./commands/impact.js'),
  afspraken: () => import('./commands/afspraken.js'),
  pack: () => import('./commands/pack.js'),
};

/** The real process as a run's IO. */
export function processIo(): Io {
  return { env: process.env, cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr, stdin: () => process.stdin };
}

/**
 * A whole run of the command line, with its exit code (the bin shim answers --version and stored
 * help before this loads). Tests run it in-process on fake streams.
 */
export async function main(argv: readonly string[], version: string, io: Io = processIo()): Promise<number> {
  let options: GlobalOptions = { lang: 'nl', json: false, quiet: false, verbose: false, color: false };
  try {
    options = earlyOptions(argv, io.env, io.cwd);
    setLanguage(options.lang);
    const makeContext = async () => {
      const { Context } = await import('./commands/context.js');
      return new Context(options, io);
    };
    const { buildProgram } = await import('./program.js');
    let result: number | undefined;
    const program = buildProgram(version, options.lang, async (name, args) => {
      const load = commands[name as CommandName];
      if (!load) throw new Error(`no command ${name}`);
      const [ctx, command] = await Promise.all([makeContext(), load()]);
      result = await command.run(ctx, ...args);
    });
    // No arguments: the main job in a terminal, help otherwise.
    // `leertuin help walk` is `leertuin walk --help`, as people type it.
    const effective = argv.length === 0 ? (io.stdin().isTTY && io.stderr.isTTY ? ['walk'] : ['--help']) : argv[0] === 'help' ? [...argv.slice(1, 2), '--help'] : argv;
    await program.parseAsync(effective, { from: 'user' });
    return result ?? ExitCode.ok;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help') return ExitCode.ok;
    if (typeof code === 'string' && code.startsWith('commander.')) return report(usageError(code, (error as Error).message), options, io);
    return report(error, options, io);
  }
}

/**
 * The entry point: the bin shim runs this from the tool's bundle (dist/app/leertuin.cjs, see
 * quick-answer.ts); `root` is the package folder.
 */
export async function runCli(argv: readonly string[], root: string): Promise<void> {
  // A reader that stops early (`verify … | head -1`) is no failed check: exit as a closed pipe does.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(ExitCode.brokenPipe);
      throw error;
    });
  }
  process.exitCode = await main(argv, packageVersion(root));
  if (isWorkSaved()) {
    // Output to a pipe is written later on some systems (macOS): let it out before ending.
    await Promise.all([process.stdout, process.stderr].map((stream) => new Promise<void>((resolve) => stream.write('', () => resolve()))));
    process.exit();
  }
}
