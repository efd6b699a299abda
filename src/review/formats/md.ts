import { MOTIVATION_CAP } from '../model.js';
import { defineFormat } from './format.js';

/** A Markdown handout with a Mermaid map of the tree; the default when stdout is a file or a pipe. */
export const md = defineFormat({
  name: 'md',
  extensions: ['.md', '.markdown'],
  terminal: false,
  motivations: MOTIVATION_CAP,
  streams: false,
  load: async () => {
    const { formatMarkdown } = await import('../format-md.js');
    return { render: (report) => formatMarkdown(report) };
  },
});
