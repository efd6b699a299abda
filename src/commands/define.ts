import type { MessageId } from '../i18n/index.js';
import type { Context } from './context.js';
import type { Options, OptionValues } from './options.js';

/*
 * A command declares its arguments and options once, here typed, and src/program.ts makes the
 * commander surface and the help from that declaration. Help texts are messages with derived ids:
 * the command `cmd.<name>`, an option `cmd.<name>.<key>` (a negation `cmd.<name>.no<Key>`), an
 * example `example.<name>.<n>`, unless the declaration names a shared message. How an option is
 * declared lives in options.ts (the program's global options are declared the same way).
 */

export { badOption, kebab, option, optionHelpIds, optionValues, type OptionKind, type OptionSpec, type OptionValues } from './options.js';

type Shared = { help?: MessageId };

export interface ArgumentSpec<T> {
  readonly required: boolean;
  readonly variadic: boolean;
  readonly choices?: readonly string[];
  readonly help?: MessageId;
  readonly value?: T;
}

type Arguments = Record<string, ArgumentSpec<unknown>>;
export type ArgumentValues<A extends Arguments> = { [K in keyof A]: A[K] extends ArgumentSpec<infer T> ? T : never };

export interface Command<A extends Arguments = Arguments, O extends Options = Options> {
  /** In the order they are typed; a key in camelCase is shown in kebab-case (`dilemmaId`: `<dilemma-id>`). */
  readonly args: A;
  readonly options: O;
  /** Command lines shown at the end of the help; each says what it does in `example.<name>.<n>`. */
  readonly examples: readonly string[];
  run(ctx: Context, args: ArgumentValues<A>, options: OptionValues<O>): Promise<number>;
}

export function defineCommand<A extends Arguments = Record<never, never>, O extends Options = Record<never, never>>(command: {
  args?: A;
  options?: O;
  examples?: readonly string[];
  run: (ctx: Context, args: ArgumentValues<A>, options: OptionValues<O>) => Promise<number>;
}): Command<A, O> {
  return { args: command.args ?? ({} as A), options: command.options ?? ({} as O), examples: command.examples ?? [], run: command.run };
}

/** The arguments a command can have. */
export const argument = {
  required: (shared: Shared = {}): ArgumentSpec<string> => ({ required: true, variadic: false, ...shared }),
  optional: (shared: Shared = {}): ArgumentSpec<string | undefined> => ({ required: false, variadic: false, ...shared }),
  choice: <const C extends readonly string[]>(choices: C, shared: Shared = {}): ArgumentSpec<C[number]> => ({ required: true, variadic: false, choices, ...shared }),
  /** One or more. */
  some: (): ArgumentSpec<string[]> => ({ required: true, variadic: true }),
  /** None or more. */
  any: (): ArgumentSpec<string[]> => ({ required: false, variadic: true }),
};

