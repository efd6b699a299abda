import { InterruptedError } from '../errors.js';
import { language, t } from '../i18n/index.js';
import { vendored } from '../platform/vendor.js';

/**
 * The only place that loads the prompt library (@inquirer/prompts, bundled: see platform/vendor.ts). Prompts draw on stderr, so stdout stays clean for
 * data; Ctrl-C or a closed terminal becomes an InterruptedError (exit 130).
 */
export interface Choice<V> {
  value: V;
  name: string;
  description?: string;
}

export interface Prompter {
  select<V>(message: string, choices: readonly Choice<V>[], defaultValue?: V): Promise<V>;
  checkbox<V>(message: string, choices: readonly (Choice<V> & { checked?: boolean })[], validate: (chosen: V[]) => true | string): Promise<V[]>;
  text(message: string, options?: { default?: string; validate?: (value: string) => true | string }): Promise<string>;
  confirm(message: string, defaultValue: boolean): Promise<boolean>;
  /** Hidden input; the value is never echoed. */
  password(message: string): Promise<string>;
  /** A whole number from `min` to `max`; Enter alone takes the default. */
  integer(message: string, options: { min: number; max: number; default?: number }): Promise<number>;
}

const { checkbox, input, password, select } = vendored('@inquirer/prompts');

const KEY_NAMES: Record<'nl' | 'en', Record<string, string>> = {
  nl: { navigate: 'kiezen', select: 'bevestigen', submit: 'bevestigen', all: 'alles', invert: 'omkeren', toggle: 'aan/uit', 'toggle visibility': 'tonen/verbergen' },
  en: {},
};

function keysHelpTip(keys: [string, string][]): string {
  const names = KEY_NAMES[language()];
  // In a checkbox "space select" toggles an option; only enter confirms.
  const word = (key: string, action: string) => (key === 'space' && action === 'select' ? (names.toggle ?? action) : (names[action] ?? action));
  return keys.map(([key, action]) => `${key} ${word(key, action)}`).join(' • ');
}

export function createPrompter(streams: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream }): Prompter {
  const context = { input: streams.input, output: streams.output };
  const theme = { style: { keysHelpTip } };
  const guard = async <T>(prompt: Promise<T>): Promise<T> => {
    try {
      return await prompt;
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'ExitPromptError' || name === 'AbortPromptError') throw new InterruptedError(t('error.interrupted'));
      throw error;
    }
  };
  return {
    select: (message, choices, defaultValue) =>
      guard(select({ message, choices: [...choices], pageSize: 12, loop: false, theme, ...(defaultValue !== undefined ? { default: defaultValue } : {}) }, context)),
    checkbox: (message, choices, validate) =>
      guard(
        checkbox(
          { message, choices: [...choices], pageSize: 12, loop: false, theme, validate: (items) => validate(items.map((i) => i.value)) },
          context,
        ),
      ),
    text: (message, options = {}) =>
      guard(input({ message, ...(options.default ? { default: options.default, prefill: 'editable' as const } : {}), ...(options.validate ? { validate: options.validate } : {}) }, context)),
    password: (message) => guard(password({ message, mask: '•', theme }, context)),
    // A text prompt rather than the library's number prompt, whose messages are English only.
    integer: async (message, { min, max, default: defaultValue }) => {
      const value = await guard(
        input(
          {
            message,
            ...(defaultValue !== undefined ? { default: String(defaultValue) } : {}),
            validate: (text) => {
              if (!/^\d{1,9}$/.test(text.trim())) return t('prompt.wholeNumber');
              const n = Number(text.trim());
              return n >= min && n <= max ? true : t('prompt.numberRange', { min, max });
            },
          },
          context,
        ),
      );
      return Number(value.trim());
    },
    // A yes/no choice as a list: the words are in the user's language, unlike a (Y/n) prompt.
    confirm: (message, defaultValue) =>
      guard(
        select(
          { message, choices: [{ value: true, name: t('walk.yes') }, { value: false, name: t('walk.no') }], default: defaultValue, theme },
          context,
        ),
      ),
  };
}
