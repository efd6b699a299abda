import type { Command } from './define.js';

/**
 * Every command, by the name typed, in the order the help lists them. A command's module (one file:
 * its arguments, options and run) is imported only when that command runs or its help is shown.
 */
export const COMMANDS = {
  list: () => import('./list.js'),
  show: () => import('./show.js'),
  walk: () => import('./walk.js'),
  lint: () => import('./lint.js'),
  keygen: () => import('./keygen.js'),
  verify: () => import('./verify.js'),
  countersign: () => import('./countersign.js'),
  review: () => import('./review.js'),
  workshop: () => import('./workshop.js'),
  init: () => import('./init.js'),
  new: () => import('./new.js'),
  config: () => import('./config.js'),
  graph: () => import('./graph.js'),
  impact: () => import('./impact.js'),
  afspraken: () => import('./afspraken.js'),
  pack: () => import('./pack.js'),
} satisfies Record<string, () => Promise<{ default: Pick<Command, 'args' | 'options' | 'examples'> }>>;

export type CommandName = keyof typeof COMMANDS;
export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];
