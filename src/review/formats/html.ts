import { MOTIVATION_CAP } from '../model.js';
import { defineFormat } from './format.js';

/** One self-contained, printable HTML page with charts and the path map. */
export const html = defineFormat({
  name: 'html',
  extensions: ['.html', '.htm'],
  terminal: false,
  motivations: MOTIVATION_CAP,
  streams: false,
  load: async () => {
    const { formatHtml } = await import('../format-html.js');
    return { render: (report) => formatHtml(report) };
  },
});
