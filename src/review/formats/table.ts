import { TABLE_MOTIVATION_CAP } from '../model.js';
import { defineFormat } from './format.js';

/** For reading on a terminal: bars, colour, wrapped to its width, a few motivations per answer. */
export const table = defineFormat({
  name: 'table',
  extensions: ['.txt'],
  terminal: true,
  motivations: TABLE_MOTIVATION_CAP,
  streams: false,
  load: async () => {
    const { formatTable } = await import('../format-table.js');
    return { render: (report, { paint, width }) => formatTable(report, paint, width) };
  },
});
