/** The commands, by the name typed; cli.ts maps each to its module. */
export const COMMAND_NAMES = ['list', 'show', 'walk', 'lint', 'keygen', 'verify', 'countersign', 'init', 'new', 'config', 'graph', 'review', 'workshop', 'impact', 'afspraken', 'pack'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];
