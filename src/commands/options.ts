import { t, type MessageId } from '../i18n/index.js';
import { LeertuinError } from '../errors.js';

/*
 * How a command (define.ts) or the program (global-options.ts) declares an option: its kind, its
 * value's type, its help text. src/program.ts makes commander's options from these.
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
  /** A flag's one-letter alias: `q` for `-q, --quiet`. */
  readonly short?: string;
  /** Checks and converts a value as given; throws a usage error (badOption) when it is wrong. */
  readonly convert?: (value: string, flag: string) => T;
  /** Only for the type: what `run` receives. */
  readonly value?: T;
}

export type Options = Record<string, OptionSpec<unknown>>;
export type OptionValues<O extends Options> = { [K in keyof O]: O[K] extends OptionSpec<infer T> ? T : never };

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
  /** `--force`: true when given; `short: 'q'` adds `-q`. */
  flag: (shared: Shared & { short?: string } = {}): OptionSpec<boolean> => ({ kind: 'flag', defaultValue: false, ...shared }),
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
  checked: <T>(placeholder: string, convert: (value: string, flag: string) => T, shared: Shared = {}): OptionSpec<T | undefined> => ({ kind: 'value', placeholder, convert, ...shared }),
  /** `--resume [draft]`: true when given without a value. */
  optionalValue: (placeholder: string): OptionSpec<string | true | undefined> => ({ kind: 'optional-value', placeholder }),
  /** `--fail-on <condition>`, given as often as needed. */
  repeatable: (placeholder: string): OptionSpec<string[]> => ({ kind: 'repeatable', placeholder, defaultValue: [] }),
  /** `--compare <folders...>`: one or more values after the flag. */
  variadic: (placeholder: string): OptionSpec<string[] | undefined> => ({ kind: 'variadic', placeholder }),
};

/** What `run` receives: each option as commander parsed it, else its declared default. */
export function optionValues<O extends Options>(options: O, given: Record<string, unknown>): OptionValues<O> {
  return Object.fromEntries(Object.entries(options).map(([key, spec]) => [key, given[key] ?? spec.defaultValue])) as OptionValues<O>;
}

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
