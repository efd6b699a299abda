import { LeertuinError, ExitCode, formatPosition } from './errors.js';
import { language, setLanguage, t } from './i18n/index.js';
import { resolveLanguage } from './i18n/language.js';
import { oneLine } from './platform/text.js';
import { configuredLanguage } from './platform/locate.js';
import type { GlobalOptions, Io } from './commands/context.js';
import { packageVersion } from './version.js';
import { isWorkSaved } from './platform/signals.js';
import { optionValues } from './commands/options.js';
import { GLOBAL_OPTIONS } from './commands/global-options.js';

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
    'commander.invalidArgument': () => {
      const option = /option '(\S+)[^']*' argument '([^']*)' is invalid\. Allowed choices are (.*)\.$/.exec(message);
      if (option) return t('cli.invalidChoice', { option: option[1]!, value: option[2]!, choices: option[3]! });
      const argument = /value '([^']*)' is invalid for argument '([^']*)'\. Allowed choices are (.*)\.$/.exec(message);
      if (argument) return t('cli.invalidChoice', { option: `<${argument[2]!}>`, value: argument[1]!, choices: argument[3]! });
      return t('cli.invalidArgument', { detail: oneLine(message.replace(/^error: /, '')) });
    },
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

/** The real process as a run's IO. */
export function processIo(): Io {
  return { env: process.env, cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr, stdin: () => process.stdin };
}

/**
 * A whole run of the command line, with its exit code (the bin shim answers --version and stored
 * help before this loads). Tests run it in-process on fake streams.
 */
export async function main(argv: readonly string[], version: string, io: Io = processIo()): Promise<number> {
  // The language until --lang is read (program.ts sets it from there on).
  setLanguage(resolveLanguage(undefined, io.env, () => configuredLanguage(io.cwd, io.env)));
  let program: import('commander').Command | undefined;
  const globals = (): GlobalOptions => {
    // The global options as parsed so far; their defaults before the program is made.
    const { lang, ...given } = optionValues(GLOBAL_OPTIONS, program?.opts() ?? {});
    return {
      ...given,
      lang: language(),
      ...(lang ? { langFlag: lang } : {}),
      // NO_COLOR (any non-empty value) is honoured here: chalk alone ignores it on a terminal.
      color: given.color && !io.env.NO_COLOR && io.env.TERM !== 'dumb',
    };
  };
  try {
    const { buildProgram, parseLine } = await import('./program.js');
    let result: number | undefined;
    program = buildProgram(version, async (_name, command, args, options) => {
      const { Context } = await import('./commands/context.js');
      result = await command.run(new Context(globals(), io), args, options);
    }, { stdout: io.stdout });
    // No arguments: the main job in a terminal, help otherwise.
    // `leertuin help walk` is `leertuin walk --help`, as people type it.
    const effective = argv.length === 0 ? (io.stdin().isTTY && io.stderr.isTTY ? ['walk'] : ['--help']) : argv[0] === 'help' ? [...argv.slice(1, 2), '--help'] : argv;
    await parseLine(program, effective);
    return result ?? ExitCode.ok;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help') return ExitCode.ok;
    if (typeof code === 'string' && code.startsWith('commander.')) return report(usageError(code, (error as Error).message), globals(), io);
    return report(error, globals(), io);
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
