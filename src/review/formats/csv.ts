import { defineFormat } from './format.js';

/** One row per record and question for spreadsheets, written as the records are read; no motivations kept. */
export const csv = defineFormat({
  name: 'csv',
  extensions: ['.csv'],
  terminal: false,
  motivations: 0,
  streams: true,
  load: async () => {
    const { csvHeader, csvRows } = await import('../format-csv.js');
    return { header: csvHeader, rows: csvRows };
  },
});
