import { Chalk } from 'chalk';

/** Colours and emphasis for terminal text; all plain when colour is off. */
export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  heading(text: string): string;
  accent(text: string): string;
  ok(text: string): string;
  warn(text: string): string;
  error(text: string): string;
}

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
