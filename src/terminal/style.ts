import { PLAIN_STYLE, type Style } from '../platform/style.js';
import { vendored } from '../platform/vendor.js';

export type { Style };

/** Terminal styling with chalk, which is loaded only when colour is on. */
export function createStyle(color: boolean): Style {
  if (!color) return PLAIN_STYLE;
  const { Chalk } = vendored('chalk');
  const chalk = new Chalk({ level: 1 });
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
