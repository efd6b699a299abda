import { t, type MessageId } from '../i18n/index.js';
import { LeertuinError } from '../errors.js';
import type { Context } from './context.js';

/*
 * A command declares its arguments and options once, here typed, and src/program.ts makes the
 * commander surface and the help from that declaration. Help texts are messages with derived ids:
 * the command `cmd.<name>`, an option `cmd.<name>.<key>` (a negation `cmd.<name>.no<Key>`), an
 * example `example.<name>.<n>`, unless the declaration names a shared message.
 */

/** How commander reads an option, and the type its value has in `run`. */
export type OptionKind = 'flag' | 'negatable' | 'toggle' | 'value' | 'optional-value' | 'repeatable' | 'variadic';

export interface OptionSpec<T> {
  readonly kind: OptionKind;
  /** `<file>`, `[draft]`, `<folders...>`: what the value is, as the help shows it. */
  readonly placeholder?: string;
  readonly choices?: readonly string[];
  readonly defaultValue?: T;
  /** A shared help text, instead of the derived `cmd.<command>.<key>`. */
  readonly help?: MessageId;
  /** Checks and converts a value as given; throws a usage error (badOption) when it is wrong. */
  readonly convert?: (value: string, flag: string) => T;
  /** Only for the type: what `run` receives. */
  readonly value?: T;
}

export interface ArgumentSpec<T> {
  readonly required: boolean;
  readonly variadic: boolean;
  readonly choices?: readonly string[];
  readonly help?: MessageId;
  readonly value?: T;
}

type Options = Record<string, OptionSpec<unknown>>;
type Arguments = Record<string, ArgumentSpec<unknown>>;
export type OptionValues<O extends Options> = { [K in keyof O]: O[K] extends OptionSpec<infer T> ? T : never };
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

/**
 * The help text of each flag an option makes, in order: `cmd.<command>.<key>`, `cmd.<command>.no<Key>`
 * for a negation (a toggle makes both), or the shared message the declaration names.
 */
export function optionHelpIds(command: string, key: string, spec: OptionSpec<unknown>): MessageId[] {
  const on = `cmd.${command}.${key}` as MessageId;
  const off = `cmd.${command}.no${key[0]!.toUpperCase()}${key.slice(1)}` as MessageId;
  if (spec.kind === 'toggle') return [on, off];
  return [spec.help ?? (spec.kind === 'negatable' ? off : on)];
}

type Shared = { help?: MessageId };

/** The options a command can have. A value is never empty: `--out ""` is a usage error. */
export const option = {
  /** `--force`: true when given. */
  flag: (shared: Shared = {}): OptionSpec<boolean> => ({ kind: 'flag', defaultValue: false, ...shared }),
  /** `--no-sign`: true unless the negation is given. */
  negatable: (shared: Shared = {}): OptionSpec<boolean> => ({ kind: 'negatable', defaultValue: true, ...shared }),
  /** `--projector` and `--no-projector`: undefined when neither is given. */
  toggle: (): OptionSpec<boolean | undefined> => ({ kind: 'toggle' }),
  /** `--out <dir>`: a path or a name, as given. */
  value: (placeholder: string, shared: Shared = {}): OptionSpec<string | undefined> => ({ kind: 'value', placeholder, ...shared }),
  /** `--note <text>`: free text, trimmed. */
  text: (placeholder: string, shared: Shared = {}): OptionSpec<string | undefined> => ({ kind: 'value', placeholder, convert: (value) => value.trim(), ...shared }),
  /** `--format <format>`: one of `choices`. */
  choice: <const C extends readonly string[]>(choices: C, placeholder = '<format>', shared: Shared = {}): OptionSpec<C[number] | undefined> => ({ kind: 'value', placeholder, choices, ...shared }),
  /** `--by <breakdown>` with a default. */
  choiceOr: <const C extends readonly string[]>(choices: C, defaultValue: C[number], placeholder: string): OptionSpec<C[number]> => ({ kind: 'value', placeholder, choices, defaultValue }),
  /** `--pack-version <version>` with a default. */
  valueOr: (placeholder: string, defaultValue: string): OptionSpec<string> => ({ kind: 'value', placeholder, defaultValue }),
  /** `--limit <n>`: a whole number from 1. */
  count: (placeholder = '<n>'): OptionSpec<number | undefined> => ({ kind: 'value', placeholder, convert: positiveWholeNumber }),
  /** `--id <id>`, checked by `convert`. */
  checked: <T>(placeholder: string, convert: (value: string, flag: string) => T): OptionSpec<T | undefined> => ({ kind: 'value', placeholder, convert }),
  /** `--resume [draft]`: true when given without a value. */
  optionalValue: (placeholder: string): OptionSpec<string | true | undefined> => ({ kind: 'optional-value', placeholder }),
  /** `--fail-on <condition>`, given as often as needed. */
  repeatable: (placeholder: string): OptionSpec<string[]> => ({ kind: 'repeatable', placeholder, defaultValue: [] }),
  /** `--compare <folders...>`: one or more values after the flag. */
  variadic: (placeholder: string): OptionSpec<string[] | undefined> => ({ kind: 'variadic', placeholder }),
};

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

/** `allowUnknownTrees` as typed on the command line: `allow-unknown-trees`. */
export function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** A usage error (exit 2) for an option's value, e.g. `badOption('--note', t('error.empty'))`. */
export function badOption(flag: string, problem: string): LeertuinError {
  return new LeertuinError('bad-option', t('error.badOption', { option: flag, problem }), { hint: t('error.badOptionHint') });
}

function positiveWholeNumber(value: string, flag: string): number {
  if (!/^[1-9]\d*$/.test(value)) throw badOption(flag, t('error.wholeNumber'));
  return Number(value);
}
