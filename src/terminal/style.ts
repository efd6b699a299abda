import { Chalk } from 'chalk';
import type { Style } from '../util/style.js';

export type { Style };

/** Terminal styling with chalk; all plain when colour is off. */
export function createStyle(color: boolean): Style {
  const chalk = new Chalk({ level: color ? 1 : 0 });
  return {
    bold: (t) => chalk.bold(t),
    dim: (t) => chalk.dim(t),
    heading: (t) => chalk.bold.cyan(t),
    accent: (t) => chalk.cyan(t),
    ok: (t) => chalk.green(t),
    warn: (t) => chalk.yellow(t),
    error: (t) => chalk.red(t),
  };
}
