import { defineFormat } from './format.js';

/** One row per question and option, for a trainer's spreadsheet; chosen only by name (`.csv` means csv). */
export const csvSummary = defineFormat({
  name: 'csv-summary',
  extensions: [],
  terminal: false,
  motivations: 0,
  streams: false,
  load: async () => {
    const { csvSummary } = await import('../format-csv.js');
    return { render: (report) => csvSummary(report) };
  },
});
